package org.vecino.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (those it gives before Javalin routes a request: a malformed URI, bad
 * %-encoding or UTF-8, a NUL, a URI or headers too large) as {@code problem+json} documents with
 * the security headers of every answer, instead of Jetty's HTML page. The detail is a fixed text
 * per status: nothing of the request is echoed. Stateless and thread-safe.
 */
public final class JettyProblemErrorHandler extends ErrorHandler {
  private static final HttpField CONTENT_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);

  private final ObjectMapper mapper;

  public JettyProblemErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    Object attribute = request.getAttribute(ERROR_STATUS);
    if (attribute instanceof Integer code) {
      status = code;
    }
    if (status < 400 || status > 599) {
      status = 500;
    }
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(CONTENT_TYPE);
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    SecurityHeaders.addTo(headers);
    response.write(true, ByteBuffer.wrap(body(status)), callback);
    return true;
  }

  /** The answer Jetty writes when it cannot even build a request (a bad request line, say). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(CONTENT_TYPE);
    SecurityHeaders.addTo(fields);
    return ByteBuffer.wrap(body(status));
  }

  private byte[] body(int status) {
    Problem p = problem(status);
    try {
      return mapper.writeValueAsBytes(p);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The problem of a status Jetty answers by itself. */
  static Problem problem(int status) {
    return switch (status) {
      case 400 ->
          Problem.of(
              "bad-request",
              "Bad request",
              400,
              "the request could not be read: a malformed URI (bad %-encoding, invalid UTF-8, a"
                  + " NUL or an ambiguous path) or a malformed header");
      case 414 ->
          Problem.of("uri-too-long", "URI too long", 414, "the request URI is longer than allowed");
      case 431 ->
          Problem.of(
              "headers-too-large",
              "Request header fields too large",
              431,
              "the request headers are larger than allowed");
      case 413 ->
          Problem.of(
              "body-too-large",
              "Content too large",
              413,
              "the request body is larger than allowed");
      case 500 ->
          Problem.of("internal", "Internal error", 500, "the server could not handle the request");
      default -> {
        String reason = HttpStatus.getMessage(status);
        yield Problem.of("http-" + status, reason, status, reason);
      }
    };
  }
}
