package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestServer;

/**
 * The HTTP surface: problem documents, roles, stop search, health, metrics and the OpenAPI file.
 */
class HttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MosquittoBroker broker;
  private static TestServer server;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    broker = MosquittoBroker.create().start();
    server = TestServer.start(dir, broker.url());
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode p = json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("type").asText()).isNotBlank();
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void errorsAreProblemDocuments() throws Exception {
    assertProblem(server.get("/api/v1/stops/nope/arrivals"), 404);
    assertProblem(server.get("/api/v1/stops/nope/arrivals.txt"), 404);
    assertProblem(server.get("/api/v1/no-such-endpoint"), 404);
    HttpResponse<String> bad = server.get("/api/v1/stops/13/arrivals?limit=51");
    assertProblem(bad, 400);
    assertThat(json(bad).at("/errors/0/field").asText()).isEqualTo("limit");
    assertProblem(server.get("/api/v1/stops/13/arrivals?limit=abc"), 400);
    assertProblem(server.get("/api/v1/stops/13/arrivals?lang=fr"), 400);
    HttpResponse<String> two = server.get("/api/v1/stops/13/arrivals.txt?cols=11&rows=17");
    assertProblem(two, 400);
    assertThat(json(two).get("errors").findValuesAsText("field")).containsExactly("cols", "rows");
    assertProblem(server.get("/api/v1/stops/13/arrivals.txt?cols=65"), 400);
    assertProblem(server.get("/api/v1/stops/13/arrivals.txt?ascii=maybe"), 400);
    assertProblem(server.get("/api/v1/stops?near=91,0"), 400);
    assertProblem(server.get("/api/v1/stops"), 400);
  }

  @Test
  void theLedTextHasExactlyRowsLinesOfColsCodePoints() {
    for (int cols : new int[] {12, 20, 64}) {
      for (int rows : new int[] {1, 4, 16}) {
        HttpResponse<String> r =
            server.get(
                "/api/v1/stops/13/arrivals.txt?cols=" + cols + "&rows=" + rows + "&ascii=true");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
            .matches("text/plain; ?charset=utf-8");
        String body = r.body();
        assertThat(body).endsWith("\n");
        String[] lines = body.split("\n", -1);
        assertThat(lines).hasSize(rows + 1);
        for (int i = 0; i < rows; i++) {
          assertThat(lines[i].codePointCount(0, lines[i].length())).isEqualTo(cols);
          assertThat(lines[i].chars().allMatch(c -> c < 128)).isTrue();
        }
      }
    }
  }

  @Test
  void stopsAreFoundByNameIgnoringAccentsAndByDistance() throws Exception {
    JsonNode byName = json(server.get("/api/v1/stops?q=AYUNTAMIENTO"));
    assertThat(byName.get("stops").findValuesAsText("id")).contains("13", "41");
    JsonNode near = json(server.get("/api/v1/stops?near=43.4614716,-3.8100471&radius=300"));
    List<Integer> distances =
        near.get("stops").findValues("distanceMeters").stream().map(JsonNode::asInt).toList();
    assertThat(distances).isNotEmpty().isSorted();
    assertThat(distances).allMatch(d -> d <= 300);
    assertThat(near.at("/stops/0/id").asText()).isEqualTo("13");
    JsonNode stop = json(server.get("/api/v1/stops/13"));
    assertThat(stop.get("name").asText()).isEqualTo("Ayuntamiento");
    assertThat(JSON.convertValue(stop.get("lines"), List.class)).contains("1", "3", "4", "11");
  }

  @Test
  void adminEndpointsNeedATokenWithTheAdminRole() throws Exception {
    HttpResponse<String> none = server.get("/api/v1/admin/mqtt/rejections");
    assertProblem(none, 401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertProblem(
        server.get("/api/v1/admin/mqtt/rejections", "Authorization", "Bearer wrong-token-xxxxxxxx"),
        401);
    assertThat(server.getAsAdmin("/api/v1/admin/mqtt/rejections").statusCode()).isEqualTo(200);

    HttpResponse<String> issued =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/admin/tokens"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"health scheduler\",\"roles\":[\"scheduler\"]}")),
            "Authorization",
            "Bearer " + TestServer.ADMIN_TOKEN,
            "Content-Type",
            "application/json");
    assertThat(issued.statusCode()).isEqualTo(201);
    String schedulerToken = json(issued).get("token").asText();
    String id = json(issued).get("id").asText();
    assertProblem(
        server.get("/api/v1/admin/mqtt/rejections", "Authorization", "Bearer " + schedulerToken),
        403);
    // the list never shows secrets
    String list = server.getAsAdmin("/api/v1/admin/tokens").body();
    assertThat(list).contains(id).doesNotContain(schedulerToken);

    assertProblem(
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/admin/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"roles\":[\"root\"]}")),
            "Authorization",
            "Bearer " + TestServer.ADMIN_TOKEN,
            "Content-Type",
            "application/json"),
        400);
    assertThat(
            server
                .send(
                    HttpRequest.newBuilder(server.uri("/api/v1/admin/tokens/" + id)).DELETE(),
                    "Authorization",
                    "Bearer " + TestServer.ADMIN_TOKEN)
                .statusCode())
        .isEqualTo(204);
    assertProblem(
        server.get("/api/v1/admin/tokens", "Authorization", "Bearer " + schedulerToken), 401);
  }

  @Test
  void healthAndMetricsAreServed() throws Exception {
    assertThat(server.get("/health/live").body()).isEqualTo("OK");
    JsonNode health = json(server.get("/health"));
    assertThat(health.get("status").asText()).isIn("UP", "DEGRADED");
    assertThat(health.at("/components/database/status").asText()).isEqualTo("UP");
    server.get("/api/v1/stops/13/arrivals");
    String metrics = server.get("/metrics").body();
    assertThat(metrics)
        .contains("# TYPE vecino_http_request_duration_seconds histogram")
        .contains("route=\"/api/v1/stops/{stopId}/arrivals\"")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void theOpenApiDescriptionListsExactlyTheRegisteredRoutes() throws Exception {
    JsonNode doc = json(server.get("/openapi.json"));
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    List<String> documented = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routes());
  }
}
