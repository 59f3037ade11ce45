package org.vecino.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.ConflictException;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.ForbiddenException;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.RateLimitedException;
import org.vecino.core.kernel.UnauthorizedException;
import org.vecino.core.kernel.UnavailableException;
import org.vecino.core.kernel.ValidationException;

/** The one error mapper on a real Javalin server with routes that throw. */
class ErrorMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static Javalin app;

  private static void throwFor(String what) {
    switch (what) {
      case "validation" ->
          throw new ValidationException(
              List.of(new FieldError("a", "is required"), new FieldError("b", "must be a number")));
      case "not-found" -> throw new NotFoundException("thing", "x");
      case "conflict" -> throw new ConflictException("slot-taken", "every place is taken");
      case "rate" -> throw new RateLimitedException("too many", Duration.ofSeconds(90));
      case "unauthorized" -> throw new UnauthorizedException("no session");
      case "forbidden" -> throw new ForbiddenException("not yours");
      case "unavailable" -> throw new UnavailableException("not-configured", "no gateway");
      case "body" -> throw new IllegalStateException("a bug");
      default -> throw new IllegalArgumentException(what);
    }
  }

  @BeforeAll
  static void start() {
    app =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.jsonMapper(new JavalinJackson(JSON, false));
                  ErrorMapper.install(cfg.routes);
                  cfg.routes.get("/api/{what}", ctx -> throwFor(ctx.pathParam("what")));
                  cfg.routes.get("/open311/v2/{what}.json", ctx -> throwFor(ctx.pathParam("what")));
                  cfg.routes.get("/open311/v2/{what}.xml", ctx -> throwFor(ctx.pathParam("what")));
                })
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode problem(String path, int status) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(status);
    return p;
  }

  @Test
  void domainExceptionsAreProblemsWithTheirStatus() throws Exception {
    JsonNode v = problem("/api/validation", 400);
    assertThat(v.get("type").asText()).endsWith("/validation");
    assertThat(v.get("errors")).hasSize(2);
    assertThat(v.get("errors").get(1).get("field").asText()).isEqualTo("b");
    assertThat(problem("/api/not-found", 404).get("detail").asText())
        .isEqualTo("thing 'x' does not exist");
    JsonNode c = problem("/api/conflict", 409);
    assertThat(c.get("type").asText()).endsWith("/slot-taken");
    assertThat(c.get("title").asText()).isEqualTo("Slot taken");
    assertThat(problem("/api/unauthorized", 401).get("type").asText()).endsWith("/unauthorized");
    assertThat(problem("/api/forbidden", 403).get("type").asText()).endsWith("/forbidden");
    assertThat(problem("/api/unavailable", 503).get("type").asText()).endsWith("/not-configured");
  }

  @Test
  void aRateLimitSaysWhenToRetry() throws Exception {
    problem("/api/rate", 429);
    assertThat(get("/api/rate").headers().firstValue("Retry-After")).hasValue("90");
    assertThat(get("/open311/v2/rate.json").headers().firstValue("Retry-After")).hasValue("90");
  }

  @Test
  void anUnexpectedErrorIsA500WithAReferenceOnly() throws Exception {
    JsonNode p = problem("/api/body", 500);
    assertThat(p.get("detail").asText()).contains("reference").doesNotContain("a bug");
    // Under Open311 too: only the domain's errors take the GeoReport format.
    problem("/open311/v2/body.json", 500);
  }

  @Test
  void open311GetsTheGeoReportErrorArray() throws Exception {
    HttpResponse<String> r = get("/open311/v2/validation.json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode errors = JSON.readTree(r.body());
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("code").asInt()).isEqualTo(400);
    assertThat(errors.get(0).get("description").asText()).isEqualTo("a: is required");
    JsonNode forbidden = JSON.readTree(get("/open311/v2/forbidden.json").body());
    assertThat(forbidden.get(0).get("code").asInt()).isEqualTo(403);
    assertThat(forbidden.get(0).get("description").asText()).isEqualTo("not yours");
  }

  @Test
  void open311XmlPathsGetXmlErrors() throws Exception {
    HttpResponse<String> r = get("/open311/v2/not-found.xml");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
    assertThat(r.body())
        .contains(
            "<errors><error><code>404</code><description>thing &apos;x&apos; does not exist"
                + "</description></error></errors>");
  }
}
