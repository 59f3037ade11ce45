package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vecino.server.testing.OfficeHttp.bearer;
import static org.vecino.server.testing.OfficeHttp.json;
import static org.vecino.server.testing.OfficeHttp.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.OfficeHttp;
import org.vecino.server.testing.TestServer;

/**
 * Kiosk heartbeats with device tokens bound to one kiosk, and the admin list that shows a kiosk
 * offline once it has been silent for longer than VECINO_KIOSK_OFFLINE_AFTER (2 minutes).
 */
class KioskHeartbeatTest {
  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();
  @TempDir Path dir;
  private TestServer server;
  private OfficeHttp http;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, broker.url());
    http = new OfficeHttp(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode kiosk(String id) {
    HttpResponse<String> r = http.get("/api/v1/admin/kiosks", bearer(TestServer.ADMIN_TOKEN));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    for (JsonNode k : json(r)) {
      if (k.get("id").asText().equals(id)) {
        return k;
      }
    }
    throw new AssertionError("no kiosk " + id + " in " + r.body());
  }

  @Test
  void aKioskIsOnlineUntilItIsSilentForTwoMinutes() {
    String token =
        http.issueToken(
            "{\"name\":\"Quiosco Cazoña\",\"roles\":[\"kiosk\"],\"kioskId\":\"k-cazona\"}");
    JsonNode before = kiosk("k-cazona");
    assertThat(before.get("online").asBoolean()).isFalse();
    assertThat(before.get("lastSeenAt").isNull()).isTrue();
    assertThat(before.get("version").isNull()).isTrue();

    HttpResponse<String> beat =
        http.post(
            "/api/v1/kiosks/k-cazona/heartbeat",
            "{\"version\":\"1.4.2\",\"screen\":\"start\"}",
            bearer(token));
    assertThat(beat.statusCode()).as(beat.body()).isEqualTo(204);
    JsonNode online = kiosk("k-cazona");
    assertThat(online.get("online").asBoolean()).isTrue();
    assertThat(online.get("version").asText()).isEqualTo("1.4.2");
    assertThat(online.get("lastSeenAt").asText()).isEqualTo("2026-11-30T10:00:00+01:00");
    assertThat(online.get("name").asText()).isEqualTo("Oficina del Vecino Cazoña");
    assertThat(kiosk("k-alisal").get("online").asBoolean()).isFalse();

    server.clock().advance(Duration.ofMinutes(2));
    assertThat(kiosk("k-cazona").get("online").asBoolean()).as("exactly at the limit").isTrue();
    server.clock().advance(Duration.ofSeconds(1));
    assertThat(kiosk("k-cazona").get("online").asBoolean()).isFalse();

    // A heartbeat without a body brings it back.
    assertThat(http.post("/api/v1/kiosks/k-cazona/heartbeat", "", bearer(token)).statusCode())
        .isEqualTo(204);
    assertThat(kiosk("k-cazona").get("online").asBoolean()).isTrue();
    assertThat(kiosk("k-cazona").get("lastSeenAt").asText()).isEqualTo("2026-11-30T10:02:01+01:00");
  }

  @Test
  void aKioskTokenOnlySpeaksForItsOwnKiosk() {
    String cazona =
        http.issueToken(
            "{\"name\":\"Quiosco Cazoña\",\"roles\":[\"kiosk\"],\"kioskId\":\"k-cazona\"}");
    String unbound = http.issueToken("{\"name\":\"old kiosk\",\"roles\":[\"kiosk\"]}");
    String scheduler = http.issueToken("{\"name\":\"hospital\",\"roles\":[\"scheduler\"]}");
    problem(http.post("/api/v1/kiosks/k-alisal/heartbeat", "{}", bearer(cazona)), 403);
    problem(http.post("/api/v1/kiosks/k-alisal/heartbeat", "{}", bearer(unbound)), 403);
    problem(http.post("/api/v1/kiosks/k-alisal/heartbeat", "{}", bearer(scheduler)), 403);
    problem(http.post("/api/v1/kiosks/k-alisal/heartbeat", "{}"), 401);
    problem(http.post("/api/v1/kiosks/k-nowhere/heartbeat", "{}", bearer(cazona)), 404);
    problem(http.post("/api/v1/kiosks/k-cazona/heartbeat", "[1]", bearer(cazona)), 400);
    problem(http.post("/api/v1/kiosks/k-cazona/heartbeat", "{\"version\":7}", bearer(cazona)), 400);
    assertThat(kiosk("k-alisal").get("online").asBoolean()).isFalse();
    // An admin may beat for any kiosk.
    assertThat(
            http.post("/api/v1/kiosks/k-monte/heartbeat", "{}", bearer(TestServer.ADMIN_TOKEN))
                .statusCode())
        .isEqualTo(204);
    assertThat(kiosk("k-monte").get("online").asBoolean()).isTrue();
    // The list is for admins only; a token cannot be bound to an unknown kiosk or without the role.
    problem(http.get("/api/v1/admin/kiosks", bearer(cazona)), 403);
    problem(
        http.post(
            "/api/v1/admin/tokens",
            "{\"name\":\"x\",\"roles\":[\"kiosk\"],\"kioskId\":\"k-mars\"}",
            bearer(TestServer.ADMIN_TOKEN)),
        400);
    problem(
        http.post(
            "/api/v1/admin/tokens",
            "{\"name\":\"x\",\"roles\":[\"staff\"],\"kioskId\":\"k-cazona\"}",
            bearer(TestServer.ADMIN_TOKEN)),
        400);
  }
}
