package org.vecino.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.metrics.Metrics;

/**
 * The HTTP server: Javalin with the one error mapper ({@link ErrorMapper}), bearer token roles,
 * request metrics, {@code /health}, {@code /metrics} and {@code /openapi.json}. The domains
 * register their own routes. Thread-safe once started.
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private static final String CALLER_ATTRIBUTE = "vecino.callerId";

  private final Javalin app;
  private final List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param tokens who presented a bearer token (for the role checks)
   * @param domainRoutes each domain's route registration
   */
  public ApiServer(
      ObjectMapper mapper,
      Authenticator tokens,
      Metrics metrics,
      List<HealthCheck> healthChecks,
      List<Consumer<RoutesConfig>> domainRoutes) {
    byte[] openApi = resource("openapi.json");
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.events.handlerAdded(
                  h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                      routes.add(h.getHttpMethod() + " " + h.getPath());
                    }
                  });
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.maxRequestSize = 64 * 1024;
              cfg.jsonMapper(new JavalinJackson(mapper, false));
              JettyProblemErrorHandler jettyErrors = new JettyProblemErrorHandler(mapper);
              cfg.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(5_000);
                    // Errors Jetty answers before Javalin (bad URI, 414, 431) are problems too.
                    server.setErrorHandler(jettyErrors);
                  });
              cfg.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(jettyErrors));
              cfg.requestLogger.http(
                  (ctx, ms) -> {
                    Endpoint e = ctx.endpoints().lastHttpEndpoint();
                    String route = e == null ? "unmatched" : e.path;
                    metrics.observe(
                        "vecino_http_request_duration_seconds",
                        "HTTP request latency by route, method and status.",
                        ms / 1000.0,
                        "method",
                        ctx.method().toString(),
                        "route",
                        route,
                        "status",
                        Integer.toString(ctx.statusCode()));
                  });
              RoutesConfig routes = cfg.routes;
              routes.before(SecurityHeaders::addTo);
              routes.beforeMatched(
                  ctx -> {
                    authorize(ctx, tokens);
                    BodyTypes.check(ctx);
                  });
              ErrorMapper.install(routes);
              routes.get("/health/live", ctx -> ctx.contentType("text/plain").result("OK"));
              routes.get("/health", ctx -> health(ctx, healthChecks));
              routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              routes.get(
                  "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              domainRoutes.forEach(r -> r.accept(routes));
            });
  }

  /**
   * The id of the token that called an endpoint needing a role ({@code tok-...}, or {@code admin}
   * for the bootstrap token).
   *
   * @throws IllegalStateException on an endpoint open to anyone (no caller was checked)
   */
  public static String callerId(Context ctx) {
    String id = ctx.attribute(CALLER_ATTRIBUTE);
    if (id == null) {
      throw new IllegalStateException("no authenticated caller on " + ctx.path());
    }
    return id;
  }

  /** The token of an {@code Authorization: Bearer} header, or null when there is none. */
  public static String bearerToken(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return null;
  }

  public ApiServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  /** Stops taking requests and lets the ones in flight finish (at most 5 s). */
  public void stop() {
    app.stop();
  }

  /** Every registered HTTP route as {@code METHOD path}, for the OpenAPI consistency test. */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  private static void authorize(Context ctx, Authenticator tokens) {
    Set<RouteRole> required = ctx.routeRoles();
    if (required.isEmpty()) {
      return;
    }
    String token = bearerToken(ctx);
    Optional<Authenticator.Caller> caller = tokens.callerOf(token);
    if (caller.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw HttpProblemException.unauthorized(
          token == null ? "a bearer token is required" : "the bearer token is not valid");
    }
    for (RouteRole r : required) {
      if (caller.get().roles().contains(r)) {
        ctx.attribute(CALLER_ATTRIBUTE, caller.get().id());
        return;
      }
    }
    throw HttpProblemException.forbidden("the token lacks the role this endpoint needs");
  }

  private static void health(Context ctx, List<HealthCheck> checks) {
    HealthCheck.State overall = HealthCheck.State.UP;
    Map<String, Object> parts = new LinkedHashMap<>();
    for (HealthCheck c : checks) {
      HealthCheck.Result r;
      try {
        r = c.check();
      } catch (RuntimeException e) {
        r =
            new HealthCheck.Result(
                HealthCheck.State.DOWN, Map.of("error", String.valueOf(e.getMessage())));
      }
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("status", r.state().name());
      part.putAll(r.details());
      parts.put(c.name(), part);
      if (r.state().ordinal() > overall.ordinal()) {
        overall = r.state();
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", overall.name());
    body.put("components", parts);
    ctx.status(overall == HealthCheck.State.DOWN ? 503 : 200);
    ctx.header("Cache-Control", "no-cache");
    ctx.json(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
