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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt;
import org.vecino.server.testing.TestServer;

/**
 * The bus sign path end to end: a real Mosquitto, the real server on a random port with a SQLite
 * file, messages published over MQTT and read back over HTTP.
 */
class TransitSignIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STOP = "13"; // Ayuntamiento: lines 1, 3, 4, 11

  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, broker.url());
    awaitMqttConnected();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void awaitMqttConnected() {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> json(server.get("/health")).at("/components/mqtt/connected").asBoolean());
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  private Instant now() {
    return server.clock().instant();
  }

  private void publishArrivals(String stop, Instant timestamp, String arrivalsJson) {
    TestMqtt.publish(
        broker.url(),
        "city/transit/stops/" + stop + "/arrivals",
        "{\"timestamp\":\"" + timestamp + "\",\"arrivals\":" + arrivalsJson + "}",
        false);
  }

  private JsonNode board(String stop) {
    HttpResponse<String> r = server.get("/api/v1/stops/" + stop + "/arrivals?limit=20");
    assertThat(r.statusCode()).isEqualTo(200);
    return json(r);
  }

  private static List<String> vehicles(JsonNode board) {
    List<String> out = new ArrayList<>();
    board
        .get("arrivals")
        .forEach(
            a -> {
              if (a.has("vehicle")) {
                out.add(a.get("vehicle").asText());
              }
            });
    return out;
  }

  @Test
  void aPublishedPredictionIsOnTheSignWithinOneSecond() {
    publishArrivals(
        STOP,
        now(),
        "[{\"line\":\"1\",\"destination\":\"Valdenoja\",\"etaSeconds\":180,\"vehicle\":\"212\"}]");
    long published = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> vehicles(board(STOP)).contains("212"));
    long ms = (System.nanoTime() - published) / 1_000_000;
    assertThat(ms).isLessThan(1000);

    JsonNode row = null;
    for (JsonNode a : board(STOP).get("arrivals")) {
      if ("212".equals(a.path("vehicle").asText())) {
        row = a;
      }
    }
    assertThat(row.get("line").asText()).isEqualTo("1");
    assertThat(row.get("destination").asText()).isEqualTo("Valdenoja");
    assertThat(row.get("minutes").asInt()).isEqualTo(3);
    assertThat(row.get("realtime").asBoolean()).isTrue();
    assertThat(row.get("arrivalTime").asText()).isEqualTo("2026-11-30T10:03:00+01:00");
    assertThat(row.get("updatedAt").asText()).isEqualTo("2026-11-30T10:00:00+01:00");

    String text = server.get("/api/v1/stops/" + STOP + "/arrivals.txt?cols=24&rows=3").body();
    assertThat(text.split("\n", -1)).hasSize(4); // 3 lines, each ending in \n
    assertThat(text).contains("Valdenoja").contains("  3'");
    for (String line : text.split("\n")) {
      assertThat(line.codePointCount(0, line.length())).isEqualTo(24);
    }
  }

  @Test
  void freshPredictionsReplaceTheTimetableOfTheirLineAndStalePredictionsFallBackToIt() {
    JsonNode before = board(STOP);
    assertThat(before.get("arrivals")).isNotEmpty();
    before.get("arrivals").forEach(a -> assertThat(a.get("realtime").asBoolean()).isFalse());

    publishArrivals(STOP, now(), "[{\"line\":\"1\",\"etaSeconds\":240,\"vehicle\":\"V-fresh\"}]");
    await().atMost(Duration.ofSeconds(2)).until(() -> vehicles(board(STOP)).contains("V-fresh"));
    JsonNode fresh = board(STOP);
    // Line 1's timetable rows up to the predicted arrival are replaced; other lines still show.
    for (JsonNode a : fresh.get("arrivals")) {
      if (a.get("line").asText().equals("1") && !a.get("realtime").asBoolean()) {
        assertThat(a.get("minutes").asInt()).isGreaterThan(4);
      }
    }
    assertThat(fresh.get("arrivals").findValuesAsText("line")).contains("3", "4");

    server.clock().advance(Duration.ofSeconds(91));
    JsonNode stale = board(STOP);
    assertThat(vehicles(stale)).doesNotContain("V-fresh");
    stale.get("arrivals").forEach(a -> assertThat(a.get("realtime").asBoolean()).isFalse());
    assertThat(stale.get("arrivals").findValuesAsText("line")).contains("1");
  }

  @Test
  void anOlderSnapshotArrivingLateDoesNotReplaceANewerOne() {
    Instant t = now();
    publishArrivals(STOP, t, "[{\"line\":\"1\",\"etaSeconds\":300,\"vehicle\":\"NEW\"}]");
    await().atMost(Duration.ofSeconds(2)).until(() -> vehicles(board(STOP)).contains("NEW"));
    publishArrivals(
        STOP, t.minusSeconds(30), "[{\"line\":\"1\",\"etaSeconds\":120,\"vehicle\":\"OLD\"}]");
    await().atMost(Duration.ofSeconds(2)).until(() -> rejectionReasons().contains("outOfOrder"));
    assertThat(vehicles(board(STOP))).contains("NEW").doesNotContain("OLD");

    // The same timestamp again (a QoS 1 duplicate, a retained resend) is applied, not rejected.
    publishArrivals(STOP, t, "[{\"line\":\"1\",\"etaSeconds\":300,\"vehicle\":\"NEW\"}]");
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                metric(
                        "vecino_mqtt_messages_total{result=\"applied\",topic_kind=\"transit.arrivals\"}")
                    == 2);
    assertThat(rejectionReasons()).containsOnlyOnce("outOfOrder");
  }

  private List<String> rejectionReasons() {
    HttpResponse<String> r = server.getAsAdmin("/api/v1/admin/mqtt/rejections");
    assertThat(r.statusCode()).isEqualTo(200);
    return json(r).findValuesAsText("reason");
  }

  private long metric(String series) {
    for (String line : server.get("/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Long.parseLong(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  @Test
  void everyRejectionReasonIsCountedListedAndChangesNothing() {
    publishArrivals(STOP, now(), "[{\"line\":\"1\",\"etaSeconds\":300,\"vehicle\":\"GOOD\"}]");
    await().atMost(Duration.ofSeconds(2)).until(() -> vehicles(board(STOP)).contains("GOOD"));
    String etag =
        server
            .get("/api/v1/stops/" + STOP + "/arrivals")
            .headers()
            .firstValue("ETag")
            .orElseThrow();

    String url = broker.url();
    // tooLarge: one byte over 16 KiB, never parsed
    TestMqtt.publish(
        url, "city/transit/stops/" + STOP + "/arrivals", new byte[16 * 1024 + 1], false);
    // invalidPayload: eta out of range, with the field named
    publishArrivals(STOP, now(), "[{\"line\":\"1\",\"etaSeconds\":7201,\"vehicle\":\"BAD\"}]");
    // invalidPayload: a local time without offset
    TestMqtt.publish(
        url,
        "city/transit/stops/" + STOP + "/arrivals",
        "{\"timestamp\":\"2026-11-30T10:00:00\",\"arrivals\":[]}",
        false);
    // unknownId: no such stop
    publishArrivals("no-such-stop", now(), "[]");
    // unknownTopic
    TestMqtt.publish(url, "city/transit/trams/1/arrivals", "{}", false);
    // futureTimestamp: 10 minutes ahead
    publishArrivals(
        STOP,
        now().plusSeconds(600),
        "[{\"line\":\"1\",\"etaSeconds\":60,\"vehicle\":\"FUTURE\"}]");
    // outOfOrder
    publishArrivals(
        STOP, now().minusSeconds(60), "[{\"line\":\"1\",\"etaSeconds\":60,\"vehicle\":\"OLD\"}]");

    await().atMost(Duration.ofSeconds(3)).until(() -> rejectionReasons().size() == 7);
    HttpResponse<String> r = server.getAsAdmin("/api/v1/admin/mqtt/rejections?limit=50");
    JsonNode list = json(r);
    assertThat(list.findValuesAsText("reason"))
        .containsExactlyInAnyOrder(
            "tooLarge",
            "invalidPayload",
            "invalidPayload",
            "unknownId",
            "unknownTopic",
            "futureTimestamp",
            "outOfOrder");
    // newest first, each with topic, detail, receivedAt and at most 1 KiB of payload
    assertThat(list.get(0).get("reason").asText()).isEqualTo("outOfOrder");
    for (JsonNode rej : list) {
      assertThat(rej.get("topic").asText()).startsWith("city/transit/");
      assertThat(rej.get("receivedAt").asText()).endsWith("+01:00");
      assertThat(
              rej.get("payload").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(1024 * 3);
    }
    assertThat(list.findValuesAsText("detail")).anyMatch(d -> d.contains("etaSeconds"));
    assertThat(list.findValuesAsText("detail")).anyMatch(d -> d.contains("timestamp"));

    assertThat(
            metric(
                "vecino_mqtt_messages_total{result=\"invalidPayload\",topic_kind=\"transit.arrivals\"}"))
        .isEqualTo(2);
    assertThat(
            metric(
                "vecino_mqtt_messages_total{result=\"tooLarge\",topic_kind=\"transit.arrivals\"}"))
        .isEqualTo(1);
    assertThat(metric("vecino_mqtt_messages_total{result=\"unknownTopic\",topic_kind=\"unknown\"}"))
        .isEqualTo(1);

    // Nothing changed: the sign shows exactly what it showed before.
    assertThat(vehicles(board(STOP))).containsExactly("GOOD");
    assertThat(
            server.get("/api/v1/stops/" + STOP + "/arrivals", "If-None-Match", etag).statusCode())
        .isEqualTo(304);
  }

  private static String withoutGeneratedAt(String body) {
    return body.replaceAll(",\"generatedAt\":\"[^\"]*\"", "");
  }

  @Test
  void etagsAnswer304WithNoBodyAndChangeWhenTheSignWould() {
    // 10:00:20: the timetable's whole-minute arrivals keep their minutes for the next seconds
    server.clock().advance(Duration.ofSeconds(20));
    for (String path :
        List.of("/api/v1/stops/" + STOP + "/arrivals", "/api/v1/stops/" + STOP + "/arrivals.txt")) {
      HttpResponse<String> first = server.get(path);
      assertThat(first.statusCode()).isEqualTo(200);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).startsWith("W/\"");
      assertThat(first.headers().firstValue("Cache-Control")).contains("no-cache");
      assertThat(first.headers().firstValue("Vary")).contains("Accept-Language");

      HttpResponse<String> again = server.get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();

      // generatedAt is not part of the tag: a second later, same content, same tag
      server.clock().advance(Duration.ofSeconds(1));
      HttpResponse<String> later = server.get(path);
      assertThat(withoutGeneratedAt(later.body())).isEqualTo(withoutGeneratedAt(first.body()));
      assertThat(later.headers().firstValue("ETag")).contains(etag);
      assertThat(server.get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);

      // another language is another tag
      String en = server.get(path + "?lang=en").headers().firstValue("ETag").orElseThrow();
      assertThat(en).isNotEqualTo(etag);
    }
    String jsonTag =
        server
            .get("/api/v1/stops/" + STOP + "/arrivals")
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    String textTag =
        server
            .get("/api/v1/stops/" + STOP + "/arrivals.txt")
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    publishArrivals(STOP, now(), "[{\"line\":\"4\",\"etaSeconds\":30,\"vehicle\":\"X\"}]");
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                server
                        .get("/api/v1/stops/" + STOP + "/arrivals", "If-None-Match", jsonTag)
                        .statusCode()
                    == 200);
    assertThat(
            server
                .get("/api/v1/stops/" + STOP + "/arrivals.txt", "If-None-Match", textTag)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void alertsAreShownInTheirLanguageAndAnEmptyPayloadDeletesThem() {
    String alert =
        "{\"timestamp\":\""
            + now()
            + "\",\"severity\":\"severe\",\"stops\":[\""
            + STOP
            + "\"],"
            + "\"header\":{\"es\":\"Parada suprimida\",\"en\":\"Stop closed\"}}";
    TestMqtt.publish(broker.url(), "city/transit/alerts/closed-13", alert, true);
    await().atMost(Duration.ofSeconds(2)).until(() -> board(STOP).get("alerts").size() == 1);
    assertThat(board(STOP).at("/alerts/0/header").asText()).isEqualTo("Parada suprimida");
    assertThat(
            json(server.get("/api/v1/stops/" + STOP + "/arrivals?lang=en"))
                .at("/alerts/0/header")
                .asText())
        .isEqualTo("Stop closed");
    assertThat(
            json(server.get(
                    "/api/v1/stops/" + STOP + "/arrivals", "Accept-Language", "en-GB,en;q=0.9"))
                .at("/alerts/0/header")
                .asText())
        .isEqualTo("Stop closed");
    // a severe alert takes the sign's last row
    String[] rows =
        server.get("/api/v1/stops/" + STOP + "/arrivals.txt?cols=20&rows=2").body().split("\n");
    assertThat(rows[1]).startsWith("Parada suprimida");

    server.clock().advance(Duration.ofSeconds(1));
    TestMqtt.publish(broker.url(), "city/transit/alerts/closed-13", new byte[0], true);
    await().atMost(Duration.ofSeconds(2)).until(() -> board(STOP).get("alerts").isEmpty());
    // a late copy of the deleted alert with its old timestamp does not bring it back
    TestMqtt.publish(broker.url(), "city/transit/alerts/closed-13", alert, false);
    await().atMost(Duration.ofSeconds(2)).until(() -> rejectionReasons().contains("outOfOrder"));
    assertThat(board(STOP).get("alerts")).isEmpty();
  }

  @Test
  void aRestartKeepsTheStateEvenWithoutTheBroker() {
    publishArrivals(STOP, now(), "[{\"line\":\"3\",\"etaSeconds\":200,\"vehicle\":\"KEEP\"}]");
    TestMqtt.publish(
        broker.url(),
        "city/transit/alerts/a1",
        "{\"timestamp\":\"" + now() + "\",\"severity\":\"info\",\"header\":{\"es\":\"Aviso\"}}",
        false);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () -> vehicles(board(STOP)).contains("KEEP") && board(STOP).get("alerts").size() == 1);

    broker.stop(); // nothing can be redelivered: what shows after the restart comes from SQLite
    server.restart();
    JsonNode after = board(STOP);
    assertThat(vehicles(after)).contains("KEEP");
    assertThat(after.get("alerts").findValuesAsText("id")).containsExactly("a1");
    assertThat(json(server.get("/health")).get("status").asText()).isEqualTo("DEGRADED");
  }

  @Test
  void messagesPublishedWhileVecinoIsDownAreAppliedWhenItReturns() {
    server.stop();
    publishArrivals(
        STOP, now(), "[{\"line\":\"1\",\"etaSeconds\":100,\"vehicle\":\"WHILE-DOWN\"}]");
    server.restart();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> vehicles(board(STOP)).contains("WHILE-DOWN"));
  }

  @Test
  void aBrokerThatGoesAwayAndReturnsIsSurvived() {
    broker.stop();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> json(server.get("/health")).get("status").asText().equals("DEGRADED"));
    // timetables still show while the broker is away
    assertThat(board(STOP).get("arrivals")).isNotEmpty();

    broker.start();
    awaitMqttConnected();
    publishArrivals(STOP, now(), "[{\"line\":\"1\",\"etaSeconds\":100,\"vehicle\":\"AFTER\"}]");
    await().atMost(Duration.ofSeconds(5)).until(() -> vehicles(board(STOP)).contains("AFTER"));
    assertThat(json(server.get("/health")).get("status").asText()).isEqualTo("UP");
  }
}
