package org.vecino.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Set;

/**
 * The media types request bodies must declare, checked before any handler reads one: a JSON body
 * needs {@code Content-Type: application/json} (optionally {@code ; charset=utf-8}), so that a
 * cross-site HTML form or a "simple" cross-origin request (which can only send {@code text/plain},
 * form or multipart bodies without a CORS preflight) never reaches a handler. Two kinds of POST are
 * different: the SMS gateway's signed callbacks, authenticated by their HMAC signature over the raw
 * body whatever its declared type, and Open311's GeoReport v2 {@code POST requests}, a form ({@code
 * application/x-www-form-urlencoded} or {@code multipart/form-data}) that needs an api key. A
 * request without a body and without a {@code Content-Type} is left to the handler. Stateless.
 */
public final class BodyTypes {
  /** The gateway's signed callbacks (receipts, citizens' replies). */
  private static final Set<String> SIGNED_CALLBACKS =
      Set.of("/api/v1/sms/receipts", "/api/v1/sms/inbound");

  private static final String OPEN311 = "/open311/";
  private static final Set<HandlerType> WITH_BODY =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

  private BodyTypes() {}

  /**
   * Checks the declared type of the request body of a matched endpoint.
   *
   * @throws HttpProblemException 415 when the body is not of the type the endpoint reads
   */
  static void check(Context ctx) {
    if (!WITH_BODY.contains(ctx.method())) {
      return;
    }
    String path = ctx.path();
    if (SIGNED_CALLBACKS.contains(path)) {
      return;
    }
    String type = ctx.header("Content-Type");
    boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    if (type == null && !hasBody) {
      return;
    }
    String mediaType = type == null ? "" : mediaType(type);
    if (path.startsWith(OPEN311)) {
      if (mediaType.equals("application/x-www-form-urlencoded")
          || mediaType.equals("multipart/form-data")) {
        return;
      }
      throw unsupported(
          type,
          "the body must be a form: Content-Type application/x-www-form-urlencoded (GeoReport v2)");
    }
    if (mediaType.equals("application/json") && utf8OrNoCharset(type)) {
      return;
    }
    throw unsupported(
        type, "the body must be JSON sent as Content-Type: application/json (charset utf-8)");
  }

  private static String mediaType(String header) {
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  private static boolean utf8OrNoCharset(String header) {
    String[] parts = header.split(";");
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String v = p.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        if (!v.equalsIgnoreCase("utf-8") && !v.equalsIgnoreCase("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  private static HttpProblemException unsupported(String type, String detail) {
    return new HttpProblemException(
        Problem.of(
            "unsupported-media-type",
            "Unsupported media type",
            415,
            detail + (type == null ? "; no Content-Type was sent" : "")));
  }
}
