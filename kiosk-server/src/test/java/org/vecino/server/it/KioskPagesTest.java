package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt;
import org.vecino.server.testing.TestServer;

/**
 * The kiosk's pages over plain HTTP (policy headers, ETags, nothing from outside, small) and the
 * service alerts endpoint the kiosk reads, against the real server and a real Mosquitto.
 */
class KioskPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FILES =
      List.of(
          "/",
          "/sign/13",
          "/kiosk/kiosk.css",
          "/kiosk/kiosk.js",
          "/kiosk/sign.css",
          "/kiosk/sign.js");
  @TempDir static Path dir;
  private static MosquittoBroker broker;
  private static TestServer server;

  @BeforeAll
  static void start() {
    broker = MosquittoBroker.create().start();
    server = TestServer.start(dir, broker.url());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> server.get("/health").body().contains("\"connected\":true"));
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void everyPageIsServedWithAStrictPolicyAndAnETagThatAnswers304() {
    for (String path : FILES) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self';"))
          .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("unsafe"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
      String etag = r.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> again = server.get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(server.get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }
    assertThat(server.get("/").headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(server.get("/kiosk/kiosk.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/javascript"));
    assertThat(server.get("/kiosk/kiosk.css").headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/css"));
  }

  @Test
  void unknownFilesAreProblemsNotPages() throws Exception {
    for (String path : List.of("/kiosk/nope.js", "/kiosk/index.html", "/kiosk/..%2Fopenapi.json")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(json(r).get("status").asInt()).isEqualTo(404);
    }
  }

  @Test
  void thePagesAreSmallAndLoadNothingFromOutsideTheServer() {
    int total = 0;
    for (String path : FILES) {
      String body = server.get(path).body();
      total += body.length();
      assertThat(body).as(path).doesNotContain("https://").doesNotContain("@import");
      assertThat(body.replace("http://www.w3.org/2000/svg", "")).as(path).doesNotContain("http://");
      assertThat(body).as(path).doesNotContainPattern("(src|href)=\"//");
    }
    assertThat(total).as("bytes of all kiosk files").isLessThan(150_000);
  }

  private void publishAlert(String id, String json) {
    TestMqtt.publish(broker.url(), "city/transit/alerts/" + id, json, true);
  }

  @Test
  void theAlertsEndpointListsTheActiveAlertsInTheirLanguageSevereFirstWithAnETag()
      throws Exception {
    Instant now = server.clock().instant();
    publishAlert(
        "b-obras",
        "{\"timestamp\":\""
            + now.minusSeconds(60)
            + "\",\"severity\":\"warning\","
            + "\"lines\":[\"1\"],\"header\":{\"es\":\"Desvío por obras\",\"en\":\"Detour\"}}");
    publishAlert(
        "z-corte",
        "{\"timestamp\":\""
            + now.minusSeconds(60)
            + "\",\"severity\":\"severe\","
            + "\"stops\":[\"13\"],\"header\":{\"es\":\"Parada cerrada\"},"
            + "\"description\":{\"es\":\"Use la parada 11\",\"en\":\"Use stop 11\"},"
            + "\"activeUntil\":\""
            + now.plusSeconds(3600)
            + "\"}");
    publishAlert(
        "a-later",
        "{\"timestamp\":\""
            + now.minusSeconds(60)
            + "\",\"severity\":\"info\","
            + "\"header\":{\"es\":\"Mañana\"},\"activeFrom\":\""
            + now.plusSeconds(86_400)
            + "\"}");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> json(server.get("/api/v1/alerts")).get("alerts").size() == 2);

    HttpResponse<String> es = server.get("/api/v1/alerts");
    JsonNode alerts = json(es).get("alerts");
    List<String> ids = new ArrayList<>();
    alerts.forEach(a -> ids.add(a.get("id").asText()));
    assertThat(ids).containsExactly("z-corte", "b-obras"); // severe first; a-later not yet active
    assertThat(alerts.get(0).get("header").asText()).isEqualTo("Parada cerrada");
    assertThat(alerts.get(0).get("description").asText()).isEqualTo("Use la parada 11");
    assertThat(alerts.get(0).get("stops").get(0).asText()).isEqualTo("13");
    assertThat(alerts.get(0).get("activeUntil").asText()).endsWith("+01:00");
    assertThat(alerts.get(1).get("lines").get(0).asText()).isEqualTo("1");
    assertThat(alerts.get(1).has("description")).isFalse();

    JsonNode en = json(server.get("/api/v1/alerts?lang=en")).get("alerts");
    assertThat(en.get(0).get("header").asText()).isEqualTo("Parada cerrada"); // Spanish fallback
    assertThat(en.get(0).get("description").asText()).isEqualTo("Use stop 11");
    assertThat(en.get(1).get("header").asText()).isEqualTo("Detour");

    String etag = es.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("W/\"");
    assertThat(es.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(server.get("/api/v1/alerts", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(server.get("/api/v1/alerts?lang=en", "If-None-Match", etag).statusCode())
        .isEqualTo(200);

    // An empty retained message deletes an alert: the ETag changes.
    TestMqtt.publish(broker.url(), "city/transit/alerts/b-obras", new byte[0], true);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> json(server.get("/api/v1/alerts")).get("alerts").size() == 1);
    assertThat(server.get("/api/v1/alerts", "If-None-Match", etag).statusCode()).isEqualTo(200);
    // Time alone ends an alert's active period.
    server.clock().advance(Duration.ofHours(2));
    assertThat(json(server.get("/api/v1/alerts")).get("alerts")).isEmpty();
    server.clock().set(now);
  }

  @Test
  void aBadLanguageIsAProblem() throws Exception {
    HttpResponse<String> r = server.get("/api/v1/alerts?lang=fr");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("lang");
  }
}
