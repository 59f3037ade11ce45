package org.vecino.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.ConflictException;
import org.vecino.core.kernel.DomainException;
import org.vecino.core.kernel.ForbiddenException;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.RateLimitedException;
import org.vecino.core.kernel.UnauthorizedException;
import org.vecino.core.kernel.UnavailableException;
import org.vecino.core.kernel.ValidationException;

/**
 * The one place errors become HTTP answers. The domain's exceptions ({@link DomainException}) map
 * to a status and a problem type: validation 400 (with every field), unauthorized 401, forbidden
 * 403, not found 404, conflict 409 (its code is the type), rate limited 429 (with {@code
 * Retry-After}), unavailable 503. {@link HttpProblemException} (protocol mistakes found by the
 * {@code http} layer itself: a missing token, a wrong {@code Content-Type}) answers its problem;
 * anything else is a 500 with a reference id, the stack trace only in the log.
 *
 * <p>The body's format depends on the API surface: a domain error under {@code /open311/} is
 * GeoReport v2's array {@code [{"code": 400, "description": "..."}]} (XML on {@code .xml} paths);
 * everything else is {@code application/problem+json}. Stateless and thread-safe.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  static final String OPEN311 = "/open311/";

  private ErrorMapper() {}

  /** Registers the mapper on the routes of a server. */
  public static void install(RoutesConfig routes) {
    routes.exception(DomainException.class, ErrorMapper::domain);
    routes.exception(HttpProblemException.class, (e, ctx) -> problem(ctx, e.problem()));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          String title =
              status == 404 ? "Not found" : status == 405 ? "Method not allowed" : "Request failed";
          String detail =
              status == 404
                  ? "no resource at " + ctx.path()
                  : e.getMessage() == null || e.getMessage().isBlank() ? title : e.getMessage();
          problem(
              ctx,
              Problem.of(status == 404 ? "not-found" : "http-" + status, title, status, detail));
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          String ref = UUID.randomUUID().toString();
          LOG.error("unexpected error on {} {} (ref {})", ctx.method(), ctx.path(), ref, e);
          problem(
              ctx,
              Problem.of(
                  "internal",
                  "Internal error",
                  500,
                  "an unexpected error occurred; reference " + ref));
        });
    routes.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            problem(ctx, Problem.of("not-found", "Not found", 404, "no resource at " + ctx.path()));
          }
        });
    routes.error(
        405,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            problem(
                ctx,
                Problem.of(
                    "http-405",
                    "Method not allowed",
                    405,
                    ctx.method() + " is not allowed on " + ctx.path()));
          }
        });
  }

  /** The problem document of a domain exception. */
  static Problem problemOf(DomainException e) {
    if (e instanceof ValidationException v) {
      return Problem.validation(v.errors());
    } else if (e instanceof NotFoundException) {
      return Problem.of("not-found", "Not found", 404, e.getMessage());
    } else if (e instanceof ConflictException c) {
      return Problem.of(c.code(), title(c.code()), 409, e.getMessage());
    } else if (e instanceof RateLimitedException) {
      return Problem.of("rate-limited", "Too many requests", 429, e.getMessage());
    } else if (e instanceof UnauthorizedException) {
      return Problem.of("unauthorized", "Unauthorized", 401, e.getMessage());
    } else if (e instanceof ForbiddenException) {
      return Problem.of("forbidden", "Forbidden", 403, e.getMessage());
    } else if (e instanceof UnavailableException u) {
      return Problem.of(u.code(), "Service unavailable", 503, e.getMessage());
    }
    return Problem.of("bad-request", "Bad request", 400, e.getMessage());
  }

  /** {@code slot-taken} → {@code Slot taken}. */
  private static String title(String code) {
    String words = code.replace('-', ' ');
    return words.isEmpty()
        ? "Conflict"
        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  private static void domain(DomainException e, Context ctx) {
    Problem p = problemOf(e);
    if (e instanceof RateLimitedException r) {
      ctx.header("Retry-After", Long.toString(r.retryAfter().toSeconds()));
    }
    if (ctx.path().startsWith(OPEN311)) {
      List<Open311Error> errors =
          e instanceof ValidationException v
              ? v.errors().stream()
                  .map(f -> new Open311Error(p.status(), f.field() + ": " + f.message()))
                  .toList()
              : List.of(new Open311Error(p.status(), e.getMessage()));
      ctx.status(p.status());
      if (ctx.path().endsWith(".xml")) {
        ctx.contentType("text/xml; charset=utf-8")
            .result(Open311Xml.write(errors, "errors", "error"));
      } else {
        ctx.json(errors);
      }
      return;
    }
    problem(ctx, p);
  }

  private static void problem(Context ctx, Problem p) {
    ctx.status(p.status());
    ctx.json(p);
    ctx.contentType(Problem.MEDIA_TYPE);
  }

  /** An Open311 GeoReport v2 error: the status and what went wrong. */
  record Open311Error(int code, String description) {}
}
