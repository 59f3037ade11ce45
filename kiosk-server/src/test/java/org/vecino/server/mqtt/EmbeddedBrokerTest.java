package org.vecino.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    TestMqtt.publish(broker.url(), "city/transit/alerts/a1", "{\"x\":1}", false);

    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("{\"x\":1}"));
    assertThat(recorder.messages().get(0).topic()).isEqualTo("city/transit/alerts/a1");
  }

  @Test
  void oversizedPayloadsStillReachVecinoToBeCountedTooLarge() throws Exception {
    Recorder recorder = Recorder.acking();
    subscribed(recorder);

    byte[] big = new byte[20 * 1024]; // above Moquette's default limit of 8092 bytes
    TestMqtt.publish(broker.url(), "city/transit/stops/1/arrivals", big, false);

    await().atMost(PATIENCE).until(() -> !recorder.messages().isEmpty());
    assertThat(recorder.messages().get(0).payload()).hasSize(20 * 1024);
  }

  @Test
  void theSessionAndItsQueuedMessagesSurviveARestart() throws Exception {
    subscribed(Recorder.acking()).close();
    TestMqtt.publish(broker.url(), "city/a", "queued", false);
    TestMqtt.publish(broker.url(), "city/r", "retained", true);

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
        .containsEntry("allow_anonymous", "true");
  }
}
