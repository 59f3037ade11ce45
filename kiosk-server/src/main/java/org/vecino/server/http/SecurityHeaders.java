package org.vecino.server.http;

import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every answer carries: {@code X-Content-Type-Options: nosniff} (a browser never
 * guesses a type other than the one declared) and {@code Referrer-Policy: no-referrer} (no URL of
 * ours, with its query, leaks to another site). {@code Cache-Control} is left to each endpoint.
 */
public final class SecurityHeaders {
  public static final String NOSNIFF = "nosniff";
  public static final String NO_REFERRER = "no-referrer";

  private SecurityHeaders() {}

  /** Adds them to a Javalin answer (kept when an error mapper rewrites the body). */
  public static void addTo(Context ctx) {
    ctx.header("X-Content-Type-Options", NOSNIFF);
    ctx.header("Referrer-Policy", NO_REFERRER);
  }

  /** Adds them to an answer Jetty writes itself. */
  static void addTo(HttpFields.Mutable fields) {
    fields.put("X-Content-Type-Options", NOSNIFF);
    fields.put("Referrer-Policy", NO_REFERRER);
  }
}
