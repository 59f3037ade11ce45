package org.vecino.server.mqtt;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt;
import org.vecino.server.testing.TestMqtt.Recorder;

/** The embedded Moquette broker with Paho clients, QoS 1. */
class EmbeddedBrokerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final List<String> FILTERS = List.of("city/#");

  @TempDir Path dir;
  private EmbeddedBroker broker;
  private final List<PahoMqttSubscriber> subscribers = new ArrayList<>();

  @BeforeEach
  void createBroker() {
    broker = new EmbeddedBroker(MosquittoBroker.freePort(), dir.resolve("moquette"));
  }

  @AfterEach
  void stopAll() {
    subscribers.forEach(PahoMqttSubscriber::close);
    broker.stop();
  }

  private PahoMqttSubscriber subscribed(Recorder recorder) throws Exception {
    broker.start();
    PahoMqttSubscriber s =
        new PahoMqttSubscriber(
            MqttConnectionSettings.of(broker.url(), "vecino-kiosk")
                .withCredentials(broker.username(), broker.password())
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500)),
            Clock.systemUTC());
    subscribers.add(s);
    s.start(FILTERS, recorder);
    await().atMost(PATIENCE).until(s::isSubscribed);
    return s;
  }

  @Test
  void aMessageRoundTripsWithQos1() throws Exception {
    Recorder recorder = Recorder.acking();
    subscribed(recorder);
    assertThat(broker.isRunning()).isTrue();

    publish("city/transit/alerts/a1", "{\"x\":1}", false);

    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("{\"x\":1}"));
    assertThat(recorder.messages().get(0).topic()).isEqualTo("city/transit/alerts/a1");
  }

  @Test
  void oversizedPayloadsStillReachVecinoToBeCountedTooLarge() throws Exception {
    Recorder recorder = Recorder.acking();
    subscribed(recorder);

    byte[] big = new byte[20 * 1024]; // above Moquette's default limit of 8092 bytes
    publish("city/transit/stops/1/arrivals", big, false);

    await().atMost(PATIENCE).until(() -> !recorder.messages().isEmpty());
    assertThat(recorder.messages().get(0).payload()).hasSize(20 * 1024);
  }

  @Test
  void theSessionAndItsQueuedMessagesSurviveARestart() throws Exception {
    subscribed(Recorder.acking()).close();
    publish("city/a", "queued", false);
    publish("city/r", "retained", true);

    broker.stop();
    assertThat(broker.isRunning()).isFalse();
    broker.start();

    Recorder recorder = Recorder.acking();
    subscribed(recorder);
    await()
        .atMost(PATIENCE)
        .until(() -> recorder.payloads().containsAll(List.of("queued", "retained")));
  }

  @Test
  void anAnyPortIsRefused() {
    assertThatThrownBy(() -> new EmbeddedBroker(0, dir))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listensOnLoopbackOnlyWithTelemetryOff() {
    assertThat(broker.properties())
        .containsEntry("host", "127.0.0.1")
        .containsEntry("telemetry_enabled", "false")
        .containsEntry("persistence_enabled", "true")
        .containsEntry("persistent_queue_type", "h2")
        .containsEntry("allow_anonymous", "false");
  }

  private void publish(String topic, String payload, boolean retained) {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
  }

  private void publish(String topic, byte[] payload, boolean retained) {
    TestMqtt.publish(broker.url(), broker.username(), broker.password(), topic, payload, retained);
  }

  @Test
  void anonymousClientsAndWrongPasswordsAreRefused() throws Exception {
    broker.start();
    assertThatThrownBy(() -> TestMqtt.publish(broker.url(), "city/a", "x", false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                TestMqtt.publish(
                    broker.url(),
                    broker.username(),
                    "not-the-password",
                    "city/a",
                    new byte[] {1},
                    false))
        .isInstanceOf(IllegalStateException.class);
    publish("city/a", "with the password", false); // and the right one works
    // Each broker makes its own password.
    assertThat(new EmbeddedBroker(broker.port(), dir.resolve("other")).password())
        .isNotEqualTo(broker.password())
        .hasSizeGreaterThanOrEqualTo(32);
  }

  @Test
  void aBusyPortIsABindExceptionBeforeAnyStoreIsOpened() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      EmbeddedBroker busy = new EmbeddedBroker(taken.getLocalPort(), dir.resolve("busy"));
      assertThatThrownBy(busy::start)
          .isInstanceOf(BindException.class)
          .hasMessageContaining("already in use");
      assertThat(busy.isRunning()).isFalse();
    }
  }

  @Test
  void theStoreIsPrivate() throws Exception {
    broker.start();
    Path store = dir.resolve("moquette");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.resolve(EmbeddedBroker.STORE_FILE))))
        .isEqualTo("rw-------");
  }

  /**
   * What a kill -9 leaves on disk: the store as committed while Vecino's persistent session was
   * connected (copied from under the running broker). Moquette alone cannot start on it; the broker
   * mends it and keeps the session with its subscriptions, so what is published before Vecino
   * reconnects is queued for it.
   */
  @Test
  void aStoreLeftByACrashIsMendedAndKeepsTheSession() throws Exception {
    PahoMqttSubscriber s = subscribed(Recorder.acking());
    Path store = dir.resolve("moquette").resolve(EmbeddedBroker.STORE_FILE);
    Path crashed = Files.createDirectories(dir.resolve("crashed")).resolve("copy.h2");
    // The store is committed every second: wait until a copy holds the session and subscription.
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              Files.copy(store, crashed, StandardCopyOption.REPLACE_EXISTING);
              String bytes = new String(Files.readAllBytes(crashed), ISO_8859_1);
              return bytes.contains("vecino-kiosk") && bytes.contains("city/#");
            });
    s.close();
    broker.stop();

    // Moquette on its own throws at start on such a store (the bug this guards against).
    Path bare = Files.createDirectories(dir.resolve("bare"));
    Files.copy(crashed, bare.resolve(EmbeddedBroker.STORE_FILE));
    io.moquette.broker.Server moquette = new io.moquette.broker.Server();
    Properties p = broker.properties();
    p.setProperty("data_path", bare.toString());
    p.setProperty("port", Integer.toString(MosquittoBroker.freePort()));
    assertThatThrownBy(() -> moquette.startServer(p))
        .hasMessageContaining("without expiry instant");

    // The broker mends the same store and starts; Vecino's session is still there.
    Path mended = Files.createDirectories(dir.resolve("mended"));
    Files.copy(crashed, mended.resolve(EmbeddedBroker.STORE_FILE));
    broker = new EmbeddedBroker(MosquittoBroker.freePort(), mended);
    broker.start();
    publish("city/a", "published while Vecino was away", false);
    Recorder recorder = Recorder.acking();
    subscribed(recorder);
    await()
        .atMost(PATIENCE)
        .until(() -> recorder.payloads().contains("published while Vecino was away"));
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.contains(".broken-"));
    }
  }

  @Test
  void aStoreDamagedBeyondMendingIsSetAsideAndTheBrokerStartsEmpty() throws Exception {
    Path damaged = Files.createDirectories(dir.resolve("damaged"));
    byte[] junk = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(junk);
    Files.write(damaged.resolve(EmbeddedBroker.STORE_FILE), junk);
    broker = new EmbeddedBroker(MosquittoBroker.freePort(), damaged);
    Recorder recorder = Recorder.acking();
    subscribed(recorder);
    publish("city/a", "after", false);
    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("after"));
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(f -> f.getFileName().toString()))
          .anyMatch(n -> n.startsWith("damaged.broken-"));
    }
  }
}
