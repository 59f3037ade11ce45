package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.db.Database;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.testing.FakeSmsGateway;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.ServerProcess;

/**
 * The default installation (embedded broker, SQLite file) as a supervisor sees it: killed with
 * SIGKILL at any moment it starts again, every time; whatever stops a start ends the process with
 * exit code 2 and one line, never a hang; the files holding personal data are private.
 */
class CrashAndStartTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final String ADMIN_TOKEN = "crash-test-admin-token-0123";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private Path db() {
    return dir.resolve("data/vecino.db");
  }

  private Map<String, String> embedded(int brokerPort, boolean simulator) {
    Map<String, String> env = ServerProcess.sampleCity(db());
    env.put("VECINO_MQTT_EMBEDDED_PORT", Integer.toString(brokerPort));
    env.put("VECINO_SIMULATOR", Boolean.toString(simulator));
    env.put("VECINO_ADMIN_TOKEN", ADMIN_TOKEN);
    return env;
  }

  private ServerProcess launch(String name, Map<String, String> env) throws IOException {
    ServerProcess p = ServerProcess.launch(dir, name, env);
    open.add(p);
    return p;
  }

  private static JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static JsonNode mqttHealth(int port) throws Exception {
    return get(port, "/health").path("components").path("mqtt");
  }

  private static boolean mqttUp(int port) throws Exception {
    return "UP".equals(mqttHealth(port).path("status").asText());
  }

  /** Whether live MQTT messages have been applied since this start. */
  private static boolean liveData(int port) throws Exception {
    return mqttHealth(port).path("lastMessageAgeSeconds").size() > 0;
  }

  @Test
  void killedWithTheSimulatorRunningAndSmsInFlightItStartsAgainEveryTime() throws Exception {
    int brokerPort = MosquittoBroker.freePort();
    FakeSmsGateway gateway = FakeSmsGateway.start().hang();
    open.add(gateway);
    Set<String> ids = enqueueSms(10);
    Map<String, String> env = embedded(brokerPort, true);
    env.put("VECINO_SMS_GATEWAY_URL", gateway.url().toString());
    env.put("VECINO_SMS_GATEWAY_TOKEN", "gateway-token-0123456789");

    for (int run = 1; run <= 3; run++) {
      ServerProcess p = launch("run" + run, env);
      int port = p.awaitServing(START);
      // Live data flows through the embedded broker and an SMS call is in flight: then SIGKILL.
      await().atMost(START).until(() -> mqttUp(port) && liveData(port));
      int calls = gateway.callCount();
      await().atMost(START).until(() -> gateway.callCount() > calls);
      p.kill();
    }

    gateway.answer(200);
    gateway.releaseHanging();
    ServerProcess last = launch("last", env);
    int port = last.awaitServing(START);
    await().atMost(START).until(() -> mqttUp(port) && liveData(port));
    await()
        .atMost(START)
        .until(() -> get(port, "/api/v1/admin/sms/outbox?status=sent&limit=1000").size() >= 10);
    // Every message reached the gateway under its own id only.
    assertThat(gateway.accepted().keySet()).containsAll(ids);
    Set<String> called = new HashSet<>();
    gateway.calls().forEach(c -> called.add(c.id()));
    assertThat(called).containsAll(ids);
    assertThat(last.terminate()).isZero();
    assertThat(last.stderr()).isEmpty();
  }

  @Test
  void killedWithoutTheSimulatorItStartsAgainEveryTime() throws Exception {
    int brokerPort = MosquittoBroker.freePort();
    Map<String, String> env = embedded(brokerPort, false);
    for (int run = 1; run <= 3; run++) {
      ServerProcess p = launch("run" + run, env);
      int port = p.awaitServing(START);
      await().atMost(START).until(() -> mqttUp(port));
      p.kill();
    }
    ServerProcess last = launch("last", env);
    int port = last.awaitServing(START);
    await().atMost(START).until(() -> mqttUp(port));
    assertThat(last.terminate()).isZero();
  }

  @Test
  void theFilesHoldingPersonalDataArePrivate() throws Exception {
    // An older install left its database readable by everyone: it is tightened at start.
    Files.createDirectories(db().getParent());
    Files.createFile(db());
    Files.setPosixFilePermissions(db(), PosixFilePermissions.fromString("rw-r--r--"));
    ServerProcess p = launch("run", embedded(MosquittoBroker.freePort(), true));
    int port = p.awaitServing(START);
    await().atMost(START).until(() -> mqttUp(port) && liveData(port));

    Path data = db().getParent();
    for (String f : List.of("vecino.db", "vecino.db-wal", "vecino.db-shm")) {
      assertThat(mode(data.resolve(f))).as(f).isEqualTo("rw-------");
    }
    assertThat(mode(data.resolve("broker"))).isEqualTo("rwx------");
    try (var files = Files.list(data.resolve("broker"))) {
      for (Path f : files.toList()) {
        assertThat(mode(f)).as(f.toString()).doesNotContain("r--r").endsWith("---");
      }
    }
    assertThat(p.terminate()).isZero();
  }

  @Test
  void theEmbeddedBrokerRefusesClientsWithoutVecinosCredentials() throws Exception {
    int brokerPort = MosquittoBroker.freePort();
    ServerProcess p = launch("run", embedded(brokerPort, false));
    int port = p.awaitServing(START);
    await().atMost(START).until(() -> mqttUp(port));
    for (String clientId : List.of("someone", "vecino-kiosk")) {
      try (MqttClient intruder =
          new MqttClient("tcp://127.0.0.1:" + brokerPort, clientId, new MemoryPersistence())) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setConnectionTimeout(5);
        MqttException refused = null;
        try {
          intruder.connect(o);
        } catch (MqttException e) {
          refused = e;
        }
        assertThat(refused).as("anonymous %s refused", clientId).isNotNull();
      }
    }
    // Vecino's own session was not taken over.
    assertThat(mqttUp(port)).isTrue();
    assertThat(p.terminate()).isZero();
  }

  @Test
  void aBusyEmbeddedBrokerPortEndsTheStartWithExitCode2AndOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ServerProcess p = launch("run", embedded(taken.getLocalPort(), false));
      assertThat(p.awaitExit(START)).isEqualTo(2);
      assertThat(p.stderr().strip().lines()).hasSize(1);
      assertThat(p.stderr())
          .contains("VECINO_MQTT_EMBEDDED_PORT")
          .contains(Integer.toString(taken.getLocalPort()))
          .contains("already in use")
          .doesNotContain("Exception");
    }
  }

  @Test
  void aBusyHttpPortEndsTheStartWithExitCode2AndOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Map<String, String> env = embedded(MosquittoBroker.freePort(), false);
      env.put("VECINO_HTTP_PORT", Integer.toString(taken.getLocalPort()));
      ServerProcess p = launch("run", env);
      assertThat(p.awaitExit(START)).isEqualTo(2);
      assertThat(p.stderr().strip().lines()).hasSize(1);
      assertThat(p.stderr()).contains("VECINO_HTTP_PORT").contains("already in use");
    }
  }

  @Test
  void anUnusableDatabasePathEndsTheStartWithExitCode2AndOneLine() throws Exception {
    Path notAFolder = dir.resolve("plain-file");
    Files.writeString(notAFolder, "x");
    Map<String, String> env = embedded(MosquittoBroker.freePort(), false);
    env.put("VECINO_DB", notAFolder.resolve("vecino.db").toString());
    ServerProcess p = launch("run", env);
    assertThat(p.awaitExit(START)).isEqualTo(2);
    assertThat(p.stderr().strip().lines()).hasSize(1);
    assertThat(p.stderr()).contains("VECINO_DB").contains("plain-file").doesNotContain("\tat ");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** SMS waiting in the outbox before the first start, due now. */
  private Set<String> enqueueSms(int n) {
    Instant now = Instant.now();
    try (Database database = Database.open(db())) {
      SqlSmsOutbox outbox = new SqlSmsOutbox(database, Clock.systemUTC(), Duration.ofDays(30));
      database.inTransaction(
          c -> {
            for (int i = 0; i < n; i++) {
              outbox.enqueue(
                  c,
                  new OutgoingSms(
                      String.format("crash-%02d", i),
                      String.format("+3460011120%d", i),
                      "Recordatorio " + i,
                      now.minusSeconds(60 - i),
                      now.plus(Duration.ofHours(2)),
                      "reminder",
                      "apt-" + i));
            }
            return null;
          });
    }
    return IntStream.range(0, n)
        .mapToObj(i -> String.format("crash-%02d", i))
        .collect(Collectors.toSet());
  }
}
