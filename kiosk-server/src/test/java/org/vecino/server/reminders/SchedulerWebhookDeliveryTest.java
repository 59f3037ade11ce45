package org.vecino.server.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.testing.MutableClock;
import org.vecino.server.db.Database;
import org.vecino.server.json.Json;

/** One delivery attempt of {@link SchedulerWebhook} to a refused port, and the backoff. */
class SchedulerWebhookDeliveryTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  @TempDir Path dir;

  @Test
  void aRefusedConnectionIsRetriedLater() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Instant now = Instant.parse("2026-11-30T09:00:00Z");
    MutableClock clock = new MutableClock(now, MADRID);
    AppointmentRepository repo = new AppointmentRepository();
    try (Database db = Database.open(dir.resolve("v.db"))) {
      SchedulerWebhook webhook =
          new SchedulerWebhook(
              URI.create("http://127.0.0.1:" + port + "/hook"),
              "webhook-secret-0123456789",
              db,
              repo,
              Json.newMapper(),
              clock,
              MADRID);
      SchedulerEvent e =
          new SchedulerEvent(
              "evt-1", SchedulerEvent.CONFIRMED, "a-1", now, SchedulerEvent.PENDING, 0, now);
      db.inTransaction(
          tx -> {
            repo.insertEvent(tx, e);
            return null;
          });
      webhook.deliver(e);
      SchedulerEvent after = db.read(tx -> repo.event(tx, "evt-1")).orElseThrow();
      assertThat(after.status()).isEqualTo(SchedulerEvent.PENDING);
      assertThat(after.attempts()).isEqualTo(1);
      assertThat(after.nextAttemptAt())
          .isBetween(now.plus(Duration.ofSeconds(8)), now.plus(Duration.ofSeconds(12)));
    }
  }

  @Test
  void theBackoffDoublesWithJitterUpToAnHour() {
    for (int i = 0; i < 50; i++) {
      assertThat(SchedulerWebhook.delay(1))
          .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
      assertThat(SchedulerWebhook.delay(4))
          .isBetween(Duration.ofSeconds(64), Duration.ofSeconds(96));
      assertThat(SchedulerWebhook.delay(30))
          .isBetween(Duration.ofMinutes(48), Duration.ofMinutes(72));
    }
  }
}
