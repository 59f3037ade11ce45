package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.db.Database;
import org.vecino.server.sms.outbox.OutboxEntry;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.testing.FakeSmsGateway;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.ServerProcess;

/**
 * Crash safety of the outbox with the real server in a child JVM and the real clock: messages
 * waiting in the database, the gateway hanging, the server killed (SIGKILL) while a call is in
 * flight, then started again with the gateway answering 200 and deduplicating by id. Afterwards
 * every message went to the gateway under its one id, none lost, none with a second id.
 */
class SmsKillTest {
  private static final int MESSAGES = 20;
  private static final String ADMIN_TOKEN = "kill-test-admin-token-0123";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();
  @TempDir Path dir;
  private final List<ServerProcess> launched = new ArrayList<>();
  private FakeSmsGateway gateway;

  @AfterEach
  void cleanUp() throws InterruptedException {
    for (ServerProcess p : launched) {
      p.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private Path db() {
    return dir.resolve("db/vecino.db");
  }

  private ServerProcess launch(String name) throws IOException {
    Map<String, String> env = ServerProcess.sampleCity(db());
    env.put("VECINO_MQTT_URL", broker.url());
    env.put("VECINO_MQTT_CLIENT_ID", "vecino-kill-test");
    env.put("VECINO_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("VECINO_SMS_GATEWAY_URL", gateway.url().toString());
    env.put("VECINO_SMS_GATEWAY_TOKEN", "gateway-token-0123456789");
    ServerProcess p = ServerProcess.launch(dir, name, env);
    launched.add(p);
    return p;
  }

  private static JsonNode sent(int port) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + port
                                + "/api/v1/admin/sms/outbox?status=sent&limit=1000"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void aKillDuringAGatewayCallLosesNothingAndNeverMakesASecondId() throws Exception {
    gateway = FakeSmsGateway.start().hang();
    Instant now = Instant.now();
    try (Database database = Database.open(db())) {
      SqlSmsOutbox outbox = new SqlSmsOutbox(database, Clock.systemUTC(), Duration.ofDays(30));
      database.inTransaction(
          c -> {
            for (int i = 0; i < MESSAGES; i++) {
              outbox.enqueue(
                  c,
                  new OutgoingSms(
                      String.format("rem-%02d", i),
                      "+346001112" + String.format("%02d", i),
                      "Recordatorio " + i,
                      now.minusSeconds(60 - i),
                      now.plus(Duration.ofHours(1)),
                      "reminder",
                      "apt-" + i));
            }
            return null;
          });
    }

    // First run: the first call hangs; the server is killed while it is in flight.
    ServerProcess first = launch("first");
    first.awaitServing(Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.callCount() >= 1);
    Thread.sleep(200);
    first.kill(); // SIGKILL: no shutdown hook, no stop order
    assertThat(gateway.callCount()).as("one call in flight at a time").isEqualTo(1);
    String inFlight = gateway.calls().get(0).id();
    assertThat(inFlight).isEqualTo("rem-00");
    try (Database database = Database.open(db())) {
      OutboxEntry e =
          new SqlSmsOutbox(database, Clock.systemUTC(), Duration.ofDays(30))
              .find(inFlight)
              .orElseThrow();
      // The attempt was recorded before the call: still scheduled, retried later, same id.
      assertThat(e.status()).isEqualTo(SmsStatus.SCHEDULED);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.nextAttemptAt()).isAfter(now.plusSeconds(9));
    }

    // Second run: the gateway works again and deduplicates by id.
    gateway.answer(200);
    gateway.releaseHanging();
    ServerProcess second = launch("second");
    int port = second.awaitServing(Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(60)).until(() -> sent(port).size() == MESSAGES);

    Set<String> ids =
        java.util.stream.IntStream.range(0, MESSAGES)
            .mapToObj(i -> String.format("rem-%02d", i))
            .collect(Collectors.toSet());
    List<String> calledIds = gateway.calls().stream().map(FakeSmsGateway.Call::id).toList();
    // Every message reached the gateway, under its own id only: no other id was ever used.
    assertThat(Set.copyOf(calledIds)).isEqualTo(ids);
    assertThat(gateway.accepted().keySet()).isEqualTo(ids);
    // The message in flight at the kill was repeated (same id), the others were sent once.
    assertThat(calledIds.stream().filter(inFlight::equals).count()).isEqualTo(2);
    assertThat(calledIds).hasSize(MESSAGES + 1);
    for (JsonNode m : sent(port)) {
      assertThat(m.get("gatewayMessageId").asText())
          .isEqualTo(gateway.accepted().get(m.get("id").asText()));
    }
    assertThat(second.terminate()).isZero();
  }
}
