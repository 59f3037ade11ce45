package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestServer;

/** {@code POST /api/v1/sms/analyze} on a real server: encodings, segments, errors and roles. */
class SmsAnalyzeIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/api/v1/sms/analyze";
  private static MosquittoBroker broker;
  private static TestServer server;
  private static String schedulerToken;
  private static String kioskToken;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoBroker.create().start();
    server = TestServer.start(dir, broker.url());
    schedulerToken = issue("health system", "scheduler");
    kioskToken = issue("kiosk 1", "kiosk");
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
  }

  private static String issue(String name, String role) throws Exception {
    String body = JSON.writeValueAsString(Map.of("name", name, "roles", new String[] {role}));
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/admin/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            "Authorization",
            "Bearer " + TestServer.ADMIN_TOKEN,
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).isEqualTo(201);
    return JSON.readTree(r.body()).get("token").asText();
  }

  private static HttpResponse<String> post(String token, String rawBody) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(PATH)).POST(HttpRequest.BodyPublishers.ofString(rawBody));
    if (token == null) {
      return server.send(b, "Content-Type", "application/json");
    }
    return server.send(b, "Authorization", "Bearer " + token, "Content-Type", "application/json");
  }

  private static JsonNode analyze(String token, String text) throws Exception {
    HttpResponse<String> r = post(token, JSON.writeValueAsString(Map.of("text", text)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static void assertCost(JsonNode cost, String encoding, int segments, int characters) {
    assertThat(cost.get("encoding").asText()).isEqualTo(encoding);
    assertThat(cost.get("segments").asInt()).isEqualTo(segments);
    assertThat(cost.get("characters").asInt()).isEqualTo(characters);
    assertThat(cost.size()).isEqualTo(3);
  }

  private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(r.body()).doesNotContain("Exception");
    return p;
  }

  @Test
  void gsm7() throws Exception {
    assertCost(analyze(TestServer.ADMIN_TOKEN, "Cita mañana a las 9:30"), "GSM-7", 1, 22);
    assertCost(analyze(schedulerToken, "a".repeat(160)), "GSM-7", 1, 160);
    assertCost(analyze(schedulerToken, "a".repeat(161)), "GSM-7", 2, 161);
    assertCost(analyze(schedulerToken, "a".repeat(307)), "GSM-7", 3, 307);
  }

  @Test
  void extensionCharactersCostTwoSeptets() throws Exception {
    assertCost(analyze(schedulerToken, "Precio: 5 €"), "GSM-7", 1, 11);
    assertCost(analyze(schedulerToken, "{}".repeat(40)), "GSM-7", 1, 80);
    assertCost(analyze(schedulerToken, "{}".repeat(40) + "["), "GSM-7", 2, 81);
    // an escape pair at the 153 boundary moves to the next part
    assertCost(analyze(schedulerToken, "a".repeat(152) + "€" + "a".repeat(152)), "GSM-7", 3, 305);
  }

  @Test
  void ucs2() throws Exception {
    assertCost(analyze(schedulerToken, "Cita médica en Cazoña: sí"), "UCS-2", 1, 25);
    assertCost(analyze(schedulerToken, "ó".repeat(70)), "UCS-2", 1, 70);
    assertCost(analyze(schedulerToken, "ó".repeat(71)), "UCS-2", 2, 71);
    assertCost(analyze(schedulerToken, "ó".repeat(135)), "UCS-2", 3, 135);
  }

  @Test
  void emojiIsOneCharacterTwoUnitsAndNeverSplit() throws Exception {
    String emoji = "\uD83D\uDE00";
    assertCost(analyze(schedulerToken, "OK " + emoji), "UCS-2", 1, 4);
    assertCost(analyze(schedulerToken, "a".repeat(66) + emoji + "b".repeat(66)), "UCS-2", 3, 133);
    assertCost(analyze(schedulerToken, "a".repeat(65) + emoji + "b".repeat(67)), "UCS-2", 2, 133);
  }

  @Test
  void emptyMissingOrMalformedTextIs400() throws Exception {
    JsonNode empty = problem(post(schedulerToken, "{\"text\": \"\"}"), 400);
    assertThat(empty.at("/errors/0/field").asText()).isEqualTo("text");
    assertThat(problem(post(schedulerToken, "{}"), 400).at("/errors/0/field").asText())
        .isEqualTo("text");
    assertThat(
            problem(post(schedulerToken, "{\"text\": null}"), 400).at("/errors/0/field").asText())
        .isEqualTo("text");
    assertThat(problem(post(schedulerToken, "{\"text\": 42}"), 400).at("/errors/0/field").asText())
        .isEqualTo("text");
    assertThat(problem(post(schedulerToken, "not json"), 400).at("/errors/0/field").asText())
        .isEqualTo("body");
    problem(post(schedulerToken, ""), 400);
    problem(post(schedulerToken, "[\"text\"]"), 400);
    problem(post(schedulerToken, "{\"text\": \"a\""), 400);
  }

  @Test
  void needsAnAdminOrSchedulerToken() throws Exception {
    String body = "{\"text\": \"hola\"}";
    problem(post(null, body), 401);
    problem(post("not-a-token-at-all-0000", body), 401);
    problem(post(kioskToken, body), 403);
    assertThat(post(TestServer.ADMIN_TOKEN, body).statusCode()).isEqualTo(200);
    assertThat(post(schedulerToken, body).statusCode()).isEqualTo(200);
  }

  @Test
  void theRouteIsDescribedInOpenApi() throws Exception {
    assertThat(server.routes()).contains("POST " + PATH);
    JsonNode doc = JSON.readTree(server.get("/openapi.json").body());
    assertThat(doc.at("/paths/~1api~1v1~1sms~1analyze/post").isObject()).isTrue();
  }
}
