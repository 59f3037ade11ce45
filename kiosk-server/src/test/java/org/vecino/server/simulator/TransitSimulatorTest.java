package org.vecino.server.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecino.core.testing.FakeTimetable;
import org.vecino.core.transit.realtime.Prediction;
import org.vecino.server.ingest.Decoded;
import org.vecino.server.mqtt.MqttPublisher;
import org.vecino.server.transit.TransitDecoder;
import org.vecino.server.transit.TransitUpdate;

/** The simulator's messages, without a broker. */
class TransitSimulatorTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:12:30Z");

  private final FakeTimetable timetable = FakeTimetable.santander();
  private final TransitDecoder decoder = new TransitDecoder("city", timetable);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void shutdown() {
    scheduler.shutdownNow();
  }

  /** Records what would be published. */
  static final class FakePublisher implements MqttPublisher {
    record Sent(String topic, byte[] payload, boolean retained) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile boolean connected = true;

    @Override
    public void start() {}

    @Override
    public boolean isConnected() {
      return connected;
    }

    @Override
    public boolean publish(String topic, byte[] payload, boolean retained) {
      if (!connected) {
        return false;
      }
      sent.add(new Sent(topic, payload, retained));
      return true;
    }

    @Override
    public void close() {}
  }

  private TransitSimulator simulator(MqttPublisher publisher, Clock clock) {
    return new TransitSimulator(
        publisher, timetable, "city", clock, scheduler, Duration.ofSeconds(15));
  }

  @Test
  void everyMessageIsValidForTheDecoder() {
    FakePublisher publisher = new FakePublisher();
    TransitSimulator sim = simulator(publisher, Clock.fixed(NOW, ZoneOffset.UTC));
    for (int i = 0; i < 12; i++) {
      sim.tick();
    }

    assertThat(publisher.sent).isNotEmpty();
    for (FakePublisher.Sent s : publisher.sent) {
      Decoded d = decoder.decode(s.topic(), s.payload(), NOW);
      assertThat(d)
          .as(s.topic() + " " + new String(s.payload()))
          .isInstanceOf(Decoded.Update.class);
    }
    List<String> topics = publisher.sent.stream().map(FakePublisher.Sent::topic).toList();
    assertThat(topics)
        .contains(
            "city/transit/stops/47/arrivals",
            "city/transit/stops/48/arrivals",
            "city/transit/alerts/" + TransitSimulator.ALERT_ID)
        .doesNotContain("city/transit/stops/99/arrivals") // no service there
        .anyMatch(t -> t.startsWith("city/transit/vehicles/"));
    // The alert is retained and sent once (until re-sent ten minutes later); nothing else is.
    assertThat(
            publisher.sent.stream()
                .filter(FakePublisher.Sent::retained)
                .map(FakePublisher.Sent::topic))
        .containsExactly("city/transit/alerts/" + TransitSimulator.ALERT_ID);
  }

  @Test
  void predictionsFollowTheTimetableWithPlausibleDelays() {
    TransitSimulator sim = simulator(new FakePublisher(), Clock.fixed(NOW, ZoneOffset.UTC));
    var stop = timetable.stop("47").orElseThrow();
    List<TransitSimulator.Predicted> predicted = sim.predict(stop, NOW);

    // Line 1 every 10 min and 7C1 every 15 min within the hour, at most 10 per message.
    assertThat(predicted).hasSizeBetween(8, TransitSimulator.MAX_ARRIVALS_PER_MESSAGE);
    for (TransitSimulator.Predicted p : predicted) {
      long delay =
          Duration.between(p.scheduled().arrivalTime(), NOW.plusSeconds(p.etaSeconds()))
              .getSeconds();
      assertThat(delay).isBetween(-60L, 240L);
      assertThat(p.etaSeconds()).isBetween(0, 3600);
    }
    assertThat(predicted)
        .isSortedAccordingTo((a, b) -> Integer.compare(a.etaSeconds(), b.etaSeconds()));

    TransitUpdate.StopArrivals u =
        (TransitUpdate.StopArrivals)
            ((Decoded.Update)
                    decoder.decode(
                        "city/transit/stops/47/arrivals", sim.arrivalsPayload(NOW, predicted), NOW))
                .update();
    Prediction first = u.value().arrivals().get(0);
    assertThat(first.vehicle()).isNotBlank();
    assertThat(first.tripId()).isNotBlank();
    assertThat(first.destination()).isIn("Valdenoja", "Cueto");
  }

  @Test
  void delaysDriftSlowly() {
    int now = TransitSimulator.delaySeconds("R1-123", NOW);
    int minuteLater = TransitSimulator.delaySeconds("R1-123", NOW.plusSeconds(60));
    assertThat(Math.abs(now - minuteLater)).isLessThanOrEqualTo(15);
    assertThat(TransitSimulator.delaySeconds("R1-123", NOW)).isEqualTo(now);
  }

  @Test
  void publishesAreSpreadOverTheIntervalWithoutFlooding() {
    assertThat(TransitSimulator.tickPeriod(Duration.ofSeconds(15), 100))
        .isEqualTo(Duration.ofMillis(150));
    assertThat(TransitSimulator.tickPeriod(Duration.ofSeconds(15), 5000))
        .isEqualTo(Duration.ofMillis(20)); // at most 50 per second
    assertThat(TransitSimulator.tickPeriod(Duration.ofSeconds(15), 0))
        .isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void theAlertIsRetriedUntilThePublisherIsConnected() {
    FakePublisher publisher = new FakePublisher();
    publisher.connected = false;
    TransitSimulator sim = simulator(publisher, Clock.fixed(NOW, ZoneOffset.UTC));
    sim.tick();
    publisher.connected = true;
    sim.tick();
    sim.tick();
    assertThat(publisher.sent.stream().filter(FakePublisher.Sent::retained)).hasSize(1);
  }
}
