package org.vecino.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt;
import org.vecino.server.testing.TestMqtt.Recorder;

/** The Paho subscriber against a real Mosquitto. */
class PahoMqttSubscriberTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:12:31Z");
  private static final List<String> FILTERS = List.of("city/#");
  private static final String ID = "vecino-kiosk-test";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();

  private final List<PahoMqttSubscriber> subscribers = new ArrayList<>();

  @AfterEach
  void closeSubscribers() {
    subscribers.forEach(PahoMqttSubscriber::close);
  }

  private PahoMqttSubscriber subscriber(String clientId) {
    MqttConnectionSettings settings =
        MqttConnectionSettings.of(broker.url(), clientId)
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
    PahoMqttSubscriber s = new PahoMqttSubscriber(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    subscribers.add(s);
    return s;
  }

  private PahoMqttSubscriber subscribed(String clientId, Recorder recorder) {
    PahoMqttSubscriber s = subscriber(clientId);
    s.start(FILTERS, recorder);
    await().atMost(PATIENCE).until(s::isSubscribed);
    return s;
  }

  private void publish(String topic, String payload) {
    TestMqtt.publish(broker.url(), topic, payload, false);
  }

  @Test
  void receivesQos1MessagesWithTheirFlags() {
    Recorder recorder = Recorder.acking();
    PahoMqttSubscriber s = subscribed(ID, recorder);
    assertThat(s.isConnected()).isTrue();

    publish("city/transit/alerts/a1", "{\"hello\":1}");
    publish("elsewhere/topic", "not for us");
    publish("city/transit/alerts/a1", "");

    await().atMost(PATIENCE).until(() -> recorder.messages().size() == 2);
    InboundMessage m = recorder.messages().get(0);
    assertThat(m.topic()).isEqualTo("city/transit/alerts/a1");
    assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":1}");
    assertThat(m.receivedAt()).isEqualTo(NOW);
    assertThat(m.retained()).isFalse();
    assertThat(m.duplicate()).isFalse();
    assertThat(recorder.messages().get(1).payload()).isEmpty();
    assertThat(s.connects()).isEqualTo(1);
    assertThat(s.connectionLosses()).isZero();
  }

  @Test
  void retainedMessagesArriveFlaggedOnSubscription() {
    TestMqtt.publish(broker.url(), "city/transit/alerts/r1", "{\"kept\":true}", true);
    Recorder recorder = Recorder.acking();
    subscribed(ID, recorder);

    await().atMost(PATIENCE).until(() -> !recorder.messages().isEmpty());
    assertThat(recorder.messages().get(0).retained()).isTrue();
    assertThat(recorder.payloads()).containsExactly("{\"kept\":true}");
  }

  @Test
  void anUnacknowledgedMessageIsRedeliveredOnTheNextConnection() {
    Recorder first = Recorder.notAcking();
    PahoMqttSubscriber s1 = subscribed(ID, first);
    publish("city/a", "m1");
    await().atMost(PATIENCE).until(() -> first.payloads().contains("m1"));
    s1.close();
    first.first("m1").ack(); // after close: ignored, must not throw

    Recorder second = Recorder.notAcking();
    PahoMqttSubscriber s2 = subscribed(ID, second);
    await().atMost(PATIENCE).until(() -> second.payloads().contains("m1"));
    InboundMessage again = second.first("m1");
    assertThat(again.duplicate()).isTrue();
    // Acknowledged from another thread, twice: idempotent.
    CompletableFuture.runAsync(again::ack).join();
    CompletableFuture.runAsync(again::ack).join();
    publish("city/a", "m2");
    await().atMost(PATIENCE).until(() -> second.payloads().contains("m2"));
    second.first("m2").ack();
    s2.close();

    Recorder third = Recorder.notAcking();
    subscribed(ID, third);
    publish("city/a", "m3");
    await().atMost(PATIENCE).until(() -> third.payloads().contains("m3"));
    assertThat(third.payloads()).containsExactly("m3");
  }

  @Test
  void messagesPublishedWhileDisconnectedAreDeliveredOnReturn() {
    subscribed(ID, Recorder.acking()).close();

    publish("city/a", "m1");
    publish("city/b", "m2");
    publish("city/c", "m3");

    Recorder recorder = Recorder.acking();
    subscriber(ID).start(FILTERS, recorder);
    await().atMost(PATIENCE).until(() -> recorder.messages().size() == 3);
    assertThat(recorder.payloads()).containsExactly("m1", "m2", "m3");
  }

  @Test
  void reconnectsByItselfAfterTheBrokerRestarts() {
    Recorder recorder = Recorder.notAcking();
    PahoMqttSubscriber s = subscribed(ID, recorder);
    publish("city/a", "before");
    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("before"));
    InboundMessage stale = recorder.first("before");

    broker.stop();
    await().atMost(PATIENCE).until(() -> !s.isConnected());
    assertThat(s.connectionLosses()).isEqualTo(1);
    broker.start();

    await().atMost(PATIENCE).until(() -> s.isSubscribed() && s.connects() == 2);
    publish("city/a", "after");
    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("after"));
    // The broker kept "before" unacknowledged in the session and sends it again.
    assertThat(recorder.payloads()).containsExactly("before", "before", "after");
    assertThat(recorder.messages().get(1).duplicate()).isTrue();

    stale.ack(); // acknowledges nothing: its connection is gone
    recorder.messages().subList(1, 3).forEach(InboundMessage::ack);
    s.close();
    Recorder later = Recorder.acking();
    subscribed(ID, later);
    publish("city/a", "last");
    await().atMost(PATIENCE).until(() -> later.payloads().contains("last"));
    assertThat(later.payloads()).containsExactly("last");
  }

  @Test
  void resubscribesWhenTheBrokerComesBackWithoutTheSession() {
    Recorder recorder = Recorder.acking();
    PahoMqttSubscriber s = subscribed(ID, recorder);

    broker.stop();
    broker.wipeData();
    broker.start();

    await().atMost(PATIENCE).until(() -> s.isSubscribed() && s.connects() == 2);
    publish("city/a", "after");
    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("after"));
  }

  @Test
  void messagesQueuedForTheSessionSurviveABrokerRestart() {
    subscribed(ID, Recorder.acking()).close();
    publish("city/a", "queued");

    broker.stop();
    broker.start();

    Recorder recorder = Recorder.acking();
    subscriber(ID).start(FILTERS, recorder);
    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("queued"));
  }

  @Test
  void theFirstConnectionIsRetriedUntilTheBrokerIsUp() {
    broker.stop();
    Recorder recorder = Recorder.acking();
    PahoMqttSubscriber s = subscriber(ID);
    s.start(FILTERS, recorder); // must not fail
    assertThat(s.isConnected()).isFalse();

    broker.start();
    await().atMost(PATIENCE).until(s::isSubscribed);
    publish("city/a", "hello");
    await().atMost(PATIENCE).until(() -> recorder.payloads().contains("hello"));
    assertThat(s.connects()).isEqualTo(1);
    assertThat(s.connectionLosses()).isZero();
  }

  @Test
  void closingWhileTheBrokerIsDownIsQuick() {
    broker.stop();
    PahoMqttSubscriber s = subscriber(ID);
    s.start(FILTERS, Recorder.acking());
    long start = System.nanoTime();
    s.close();
    s.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(s.isConnected()).isFalse();
  }

  @Test
  void aFailingHandlerNeitherStopsTheConsumerNorDropsTheConnection() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    PahoMqttSubscriber s = subscriber(ID);
    s.start(
        FILTERS,
        m -> {
          String p = new String(m.payload(), StandardCharsets.UTF_8);
          seen.add(p);
          if (p.equals("boom")) {
            throw new IllegalStateException("handler bug");
          }
          m.ack();
        });
    await().atMost(PATIENCE).until(s::isSubscribed);

    publish("city/a", "boom");
    publish("city/a", "fine");

    await().atMost(PATIENCE).until(() -> seen.contains("fine"));
    assertThat(s.connectionLosses()).isZero();
    assertThat(s.isConnected()).isTrue();
  }

  @Test
  void startTwiceIsRefused() {
    PahoMqttSubscriber s = subscriber(ID);
    s.start(FILTERS, Recorder.acking());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.start(FILTERS, Recorder.acking()))
        .isInstanceOf(IllegalStateException.class);
  }
}
