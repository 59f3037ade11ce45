package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestServer;

/**
 * The database refuses writes for a while (here another process holds its write lock, as a full
 * disk or a stuck backup would): ingest keeps the batch, says so in {@code /health}, and resumes by
 * itself within seconds once writes work again, without a restart and without losing a message,
 * although far more messages were published meanwhile than the broker lets be in flight.
 */
class IngestStorageFailureTest {
  private static final int MESSAGES = 300; // the broker lets 100 be unacknowledged
  private static final Pattern APPLIED =
      Pattern.compile(
          "vecino_mqtt_messages_total\\{result=\"applied\",topic_kind=\"transit.alerts\"\\} (\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();
  @TempDir Path dir;

  private static JsonNode health(TestServer server) throws Exception {
    return JSON.readTree(server.get("/health").body()).path("components");
  }

  private static long applied(TestServer server) {
    Matcher m = APPLIED.matcher(server.getAsAdmin("/metrics").body());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private static int storedAlerts(String db) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM transit_alerts WHERE alert_id LIKE 'storage-%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void ingestResumesByItselfWhenTheDatabaseAcceptsWritesAgain() throws Exception {
    try (TestServer server = TestServer.start(dir, broker.url())) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "UP".equals(health(server).path("mqtt").path("status").asText()));
      String db = "jdbc:sqlite:" + dir.resolve("vecino.db");
      try (Connection blocker = DriverManager.getConnection(db);
          Statement s = blocker.createStatement()) {
        s.execute("BEGIN IMMEDIATE"); // holds the write lock: every write of Vecino fails BUSY

        try (MqttClient publisher =
            new MqttClient(broker.url(), "storage-test-publisher", new MemoryPersistence())) {
          MqttConnectOptions options = new MqttConnectOptions();
          options.setMaxInflight(MESSAGES); // a synchronous publish may outrun the default 10
          publisher.connect(options);
          for (int i = 0; i < MESSAGES; i++) {
            String alert =
                "{\"timestamp\":\""
                    + server.clock().instant()
                    + "\",\"severity\":\"info\",\"stops\":[\"13\"],"
                    + "\"header\":{\"es\":\"Aviso "
                    + i
                    + "\",\"en\":\"Notice "
                    + i
                    + "\"}}";
            publisher.publish(
                "city/transit/alerts/storage-" + i,
                alert.getBytes(StandardCharsets.UTF_8),
                1,
                false);
          }
          publisher.disconnect();
        }

        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  JsonNode parts = health(server);
                  assertThat(parts.path("mqtt").path("status").asText()).isEqualTo("DEGRADED");
                  assertThat(parts.path("mqtt").path("storing").asText()).isEqualTo("failing");
                  assertThat(parts.path("database").path("status").asText()).isEqualTo("DEGRADED");
                });
        assertThat(storedAlerts(db)).isZero();
        s.execute("ROLLBACK"); // writes work again
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> applied(server) == MESSAGES);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                JsonNode parts = health(server);
                assertThat(parts.path("mqtt").path("status").asText()).isEqualTo("UP");
                assertThat(parts.path("database").path("status").asText()).isEqualTo("UP");
              });
      assertThat(storedAlerts(db)).isEqualTo(MESSAGES);
    }
  }
}
