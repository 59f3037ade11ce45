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
 * Parking end to end: a real Mosquitto, the real server with the sample catalog, sensor messages
 * published over MQTT and read back over HTTP.
 */
class ParkingIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ITALIA = "/api/v1/parking/pz-italia";
  private static final String CASTANEDA = "/api/v1/parking/zona-castaneda";

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

  private JsonNode get(String path) {
    HttpResponse<String> r = server.get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private void counter(String facility, String payload) {
    TestMqtt.publish(broker.url(), "city/parking/facilities/" + facility, payload, false);
  }

  private void counter(String facility, Instant t, int available) {
    counter(facility, "{\"timestamp\":\"" + t + "\",\"available\":" + available + "}");
  }

  private void spot(String spot, String payload) {
    TestMqtt.publish(broker.url(), "city/parking/spots/" + spot, payload, false);
  }

  private void spot(String spot, Instant t, boolean occupied) {
    spot(spot, "{\"timestamp\":\"" + t + "\",\"occupied\":" + occupied + ",\"batteryPercent\":80}");
  }

  private static String spotStatus(JsonNode zone, String spotId) {
    for (JsonNode s : zone.get("spots")) {
      if (s.get("id").asText().equals(spotId)) {
        return s.get("status").asText();
      }
    }
    throw new AssertionError("no spot " + spotId);
  }

  @Test
  void aPublishedCountAndASpotChangeAreInTheApiWithinOneSecond() {
    JsonNode before = get(ITALIA);
    assertThat(before.get("status").asText()).isEqualTo("unknown");
    assertThat(before.get("stale").asBoolean()).isTrue();

    counter("pz-italia", now(), 57);
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> get(ITALIA).path("available").asInt(-1) == 57);
    JsonNode italia = get(ITALIA);
    assertThat(italia.get("id").asText()).isEqualTo("pz-italia");
    assertThat(italia.get("name").asText()).isEqualTo("Aparcamiento Plaza de Italia");
    assertThat(italia.get("type").asText()).isEqualTo("offStreet");
    assertThat(italia.at("/location/lat").asDouble()).isEqualTo(43.4686);
    assertThat(italia.at("/location/lon").asDouble()).isEqualTo(-3.7885);
    assertThat(italia.get("total").asInt()).isEqualTo(410);
    assertThat(italia.get("status").asText()).isEqualTo("open");
    assertThat(italia.get("trend").asText()).isEqualTo("steady");
    assertThat(italia.get("updatedAt").asText()).isEqualTo("2026-11-30T10:00:00+01:00");
    assertThat(italia.get("stale").asBoolean()).isFalse();
    assertThat(italia.has("spots")).isFalse();

    spot("sdr-0417", now(), false);
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> spotStatus(get(CASTANEDA), "sdr-0417").equals("free"));
    JsonNode zone = get(CASTANEDA);
    assertThat(zone.get("type").asText()).isEqualTo("onStreet");
    assertThat(zone.get("available").asInt()).isEqualTo(1);
    assertThat(zone.get("total").asInt()).isEqualTo(zone.get("spots").size());
    assertThat(spotStatus(zone, "sdr-0418")).isEqualTo("unknown");

    server.clock().advance(Duration.ofSeconds(5));
    spot("sdr-0417", now(), true);
    await()
        .atMost(Duration.ofSeconds(1))
        .until(() -> spotStatus(get(CASTANEDA), "sdr-0417").equals("occupied"));
    assertThat(get(CASTANEDA).get("available").asInt()).isZero();
    assertThat(get(CASTANEDA).get("status").asText()).isEqualTo("full");
  }

  @Test
  void theListSortsByDistanceAndFiltersByFreeSpaces() {
    counter("pz-italia", now(), 57);
    counter("canadio", now(), 3);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> get("/api/v1/parking/canadio").has("available"));
    JsonNode all = get("/api/v1/parking?near=43.4643,-3.8004");
    List<Integer> distances = new ArrayList<>();
    all.get("facilities").forEach(f -> distances.add(f.get("distanceMeters").asInt()));
    assertThat(distances).isSorted().hasSize(15);
    assertThat(all.at("/facilities/0/id").asText()).isEqualTo("canadio");
    assertThat(all.at("/facilities/0/distanceMeters").asInt()).isZero();

    JsonNode some = get("/api/v1/parking?minAvailable=10");
    assertThat(some.get("facilities").findValuesAsText("id")).containsExactly("pz-italia");
    assertThat(get("/api/v1/parking").get("facilities")).hasSize(15);
    // Zones list their spaces unless spots=false asks for the counts only.
    assertThat(get("/api/v1/parking").findValues("spots")).isNotEmpty();
    JsonNode counts = get("/api/v1/parking?spots=false");
    assertThat(counts.get("facilities")).hasSize(15);
    assertThat(counts.findValues("spots")).isEmpty();
    assertThat(counts.findValues("available")).isNotEmpty();
    assertThat(server.get("/api/v1/parking?spots=maybe").statusCode()).isEqualTo(400);

    HttpResponse<String> bad = server.get("/api/v1/parking?near=north&minAvailable=-1");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("near", "minAvailable");
    HttpResponse<String> missing = server.get("/api/v1/parking/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
  }

  private List<String> rejectionReasons() {
    return json(server.getAsAdmin("/api/v1/admin/mqtt/rejections")).findValuesAsText("reason");
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
  void everyRejectionReasonOfBothTopicsIsCountedListedAndChangesNothing() {
    Instant t = now();
    counter("pz-italia", t, 57);
    spot("sdr-0417", t, false);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> spotStatus(get(CASTANEDA), "sdr-0417").equals("free"));
    await().atMost(Duration.ofSeconds(2)).until(() -> get(ITALIA).path("available").asInt() == 57);
    String italiaTag = server.get(ITALIA).headers().firstValue("ETag").orElseThrow();
    String zoneTag = server.get(CASTANEDA).headers().firstValue("ETag").orElseThrow();

    String ts = "\"timestamp\":\"" + t + "\"";
    // spots
    spot("sdr-0417", "{\"timestamp\":\"" + t.minusSeconds(30) + "\",\"occupied\":true}");
    spot("sdr-0417", "{\"timestamp\":\"" + t.plus(Duration.ofMinutes(6)) + "\",\"occupied\":true}");
    spot("sdr-0417", "{" + ts + ",\"occupied\":\"yes\"}");
    spot("zzz-0001", "{" + ts + ",\"occupied\":true}");
    spot("sdr-0417", "{" + ts + ",\"occupied\":true,\"pad\":\"" + "x".repeat(16_400) + "\"}");
    // facilities
    counter("pz-italia", "{\"timestamp\":\"" + t.minusSeconds(30) + "\",\"available\":1}");
    counter(
        "pz-italia", "{\"timestamp\":\"" + t.plus(Duration.ofMinutes(6)) + "\",\"available\":1}");
    counter("pz-italia", "{" + ts + ",\"available\":-1}");
    counter("nowhere", "{" + ts + ",\"available\":1}");
    counter("pz-italia", "{" + ts + ",\"available\":1,\"pad\":\"" + "x".repeat(16_400) + "\"}");
    TestMqtt.publish(broker.url(), "city/parking/garages/pz-italia", "{" + ts + "}", false);

    await().atMost(Duration.ofSeconds(5)).until(() -> rejectionReasons().size() == 11);
    assertThat(rejectionReasons())
        .containsExactlyInAnyOrder(
            "outOfOrder",
            "futureTimestamp",
            "invalidPayload",
            "unknownId",
            "tooLarge",
            "outOfOrder",
            "futureTimestamp",
            "invalidPayload",
            "unknownId",
            "tooLarge",
            "unknownTopic");
    JsonNode list = json(server.getAsAdmin("/api/v1/admin/mqtt/rejections"));
    assertThat(list.findValuesAsText("detail"))
        .anyMatch(d -> d.startsWith("occupied:"))
        .anyMatch(d -> d.startsWith("available:"))
        .anyMatch(d -> d.startsWith("spotId:"))
        .anyMatch(d -> d.startsWith("facilityId:"));
    for (String kind : List.of("parking.spots", "parking.facilities")) {
      for (String reason :
          List.of("outOfOrder", "futureTimestamp", "invalidPayload", "unknownId", "tooLarge")) {
        assertThat(
                metric(
                    "vecino_mqtt_messages_total{result=\""
                        + reason
                        + "\",topic_kind=\""
                        + kind
                        + "\"}"))
            .as(kind + " " + reason)
            .isEqualTo(1);
      }
    }
    assertThat(server.get(ITALIA, "If-None-Match", italiaTag).statusCode()).isEqualTo(304);
    assertThat(server.get(CASTANEDA, "If-None-Match", zoneTag).statusCode()).isEqualTo(304);

    // An equal timestamp again is applied harmlessly, not rejected.
    counter("pz-italia", t, 57);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                metric(
                        "vecino_mqtt_messages_total{result=\"applied\",topic_kind=\"parking.facilities\"}")
                    == 2);
    assertThat(rejectionReasons()).hasSize(11);
  }

  @Test
  void etagsAnswer304AndChangeWithTheNumbers() {
    counter("pz-italia", now(), 57);
    await().atMost(Duration.ofSeconds(2)).until(() -> get(ITALIA).path("available").asInt() == 57);
    for (String path : List.of(ITALIA, "/api/v1/parking", CASTANEDA)) {
      HttpResponse<String> first = server.get(path);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).startsWith("W/\"");
      assertThat(first.headers().firstValue("Cache-Control")).contains("no-cache");
      HttpResponse<String> again = server.get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
    String etag = server.get(ITALIA).headers().firstValue("ETag").orElseThrow();
    server.clock().advance(Duration.ofSeconds(10));
    counter("pz-italia", now(), 56);
    await().atMost(Duration.ofSeconds(2)).until(() -> get(ITALIA).path("available").asInt() == 56);
    HttpResponse<String> changed = server.get(ITALIA, "If-None-Match", etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
  }

  @Test
  void aRestartKeepsTheParkingState() {
    counter("pz-italia", "{\"timestamp\":\"" + now() + "\",\"available\":57,\"total\":420}");
    spot("sdr-0417", now(), false);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                get(ITALIA).path("available").asInt() == 57
                    && spotStatus(get(CASTANEDA), "sdr-0417").equals("free"));
    server.clock().advance(Duration.ofSeconds(10));
    counter("pz-italia", now(), 50); // without total: the reported 420 stays
    await().atMost(Duration.ofSeconds(2)).until(() -> get(ITALIA).path("available").asInt() == 50);

    broker.stop(); // nothing can be redelivered: what shows after the restart comes from SQLite
    server.restart();
    JsonNode italia = get(ITALIA);
    assertThat(italia.get("available").asInt()).isEqualTo(50);
    assertThat(italia.get("total").asInt()).isEqualTo(420);
    assertThat(italia.get("stale").asBoolean()).isFalse();
    assertThat(spotStatus(get(CASTANEDA), "sdr-0417")).isEqualTo("free");
  }

  @Test
  void administratorsSeeFaultyCountersLowBatteriesAndSilentSensors() {
    counter("pz-italia", now(), 5000);
    spot("sdr-0417", "{\"timestamp\":\"" + now() + "\",\"occupied\":false,\"batteryPercent\":12}");
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> spotStatus(get(CASTANEDA), "sdr-0417").equals("free"));
    await().atMost(Duration.ofSeconds(2)).until(() -> get(ITALIA).path("available").asInt() == 410);

    assertThat(server.get("/api/v1/admin/parking/sensors").statusCode()).isEqualTo(401);
    HttpResponse<String> r = server.getAsAdmin("/api/v1/admin/parking/sensors");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode report = json(r);
    assertThat(report.at("/faultyCounters/0/facilityId").asText()).isEqualTo("pz-italia");
    assertThat(report.at("/faultyCounters/0/reported").asInt()).isEqualTo(5000);
    assertThat(report.at("/faultyCounters/0/total").asInt()).isEqualTo(410);
    assertThat(report.at("/lowBattery/0/spotId").asText()).isEqualTo("sdr-0417");
    assertThat(report.at("/lowBattery/0/batteryPercent").asInt()).isEqualTo(12);
    assertThat(report.get("silent").findValuesAsText("sensorId"))
        .contains("canadio", "sdr-0418")
        .doesNotContain("pz-italia", "sdr-0417");
  }

  @Test
  void theHistoryIsKeptInBucketsAndSurvivesARestart() {
    Instant start = now(); // Monday 10:00 city time
    int[] values = {100, 90, 80, 70};
    for (int i = 0; i < values.length; i++) {
      int expected = values[i];
      counter("pz-italia", now(), expected);
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> get(ITALIA).path("available").asInt() == expected);
      server.clock().advance(Duration.ofMinutes(10));
    }
    server.restart();
    awaitMqttConnected();
    String from = "2026-11-30T10:00:00%2B01:00";
    JsonNode h = get(ITALIA + "/history?from=" + from + "&bucket=20m");
    assertThat(h.get("bucket").asText()).isEqualTo("20m");
    assertThat(h.get("points").findValuesAsText("at"))
        .containsExactly("2026-11-30T10:00:00+01:00", "2026-11-30T10:20:00+01:00");
    assertThat(h.at("/points/0/available").asInt()).isEqualTo(90);
    assertThat(h.at("/points/0/minAvailable").asInt()).isEqualTo(90);
    assertThat(h.at("/points/0/maxAvailable").asInt()).isEqualTo(100);
    assertThat(h.at("/points/1/available").asInt()).isEqualTo(70);
    assertThat(h.get("typicalWeekday").asText()).isEqualTo("monday");
    assertThat(h.get("typical")).hasSize(24);
    assertThat(h.at("/typical/10").asDouble()).isEqualTo(85.0);
    assertThat(h.get("points")).hasSize(2);
    assertThat(start).isEqualTo(TestServer.MONDAY_10AM);

    HttpResponse<String> bad = server.get(ITALIA + "/history?bucket=7m&from=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("bucket", "from");
    assertThat(server.get("/api/v1/parking/nope/history").statusCode()).isEqualTo(404);
  }

  @Test
  void thePolledListFollowsEveryChangeAndTheClock() {
    counter("pz-italia", now(), 57);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> get("/api/v1/parking?spots=false").toString().contains("\"available\":57"));
    // Polled hard while the count changes: the list shows each new value within a second.
    for (int n = 56; n > 50; n--) {
      server.clock().advance(Duration.ofMillis(100));
      counter("pz-italia", now(), n);
      String expected = "\"id\":\"pz-italia\"";
      int value = n;
      await()
          .atMost(Duration.ofSeconds(1))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                JsonNode list = get("/api/v1/parking");
                for (JsonNode f : list.get("facilities")) {
                  if (f.get("id").asText().equals("pz-italia")) {
                    return f.get("available").asInt() == value;
                  }
                }
                return expected.isEmpty();
              });
    }
    // With no message at all, time alone makes it stale: the next poll says so.
    assertThat(get("/api/v1/parking").toString()).contains("\"stale\":false");
    server.clock().advance(Duration.ofMinutes(31));
    JsonNode later = get("/api/v1/parking");
    for (JsonNode f : later.get("facilities")) {
      if (f.get("id").asText().equals("pz-italia")) {
        assertThat(f.get("stale").asBoolean()).isTrue();
        assertThat(f.get("status").asText()).isEqualTo("unknown");
      }
    }
  }
}
