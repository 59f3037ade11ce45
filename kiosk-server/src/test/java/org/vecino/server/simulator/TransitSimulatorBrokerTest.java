package org.vecino.server.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vecino.core.testing.FakeTimetable;
import org.vecino.server.ingest.Decoded;
import org.vecino.server.mqtt.InboundMessage;
import org.vecino.server.mqtt.MqttConnectionSettings;
import org.vecino.server.mqtt.PahoMqttPublisher;
import org.vecino.server.mqtt.PahoMqttSubscriber;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt.Recorder;
import org.vecino.server.transit.TransitDecoder;

/** The simulator through its own Paho publisher and a real Mosquitto. */
class TransitSimulatorBrokerTest {
  private final FakeTimetable timetable = FakeTimetable.santander();
  private final TransitDecoder decoder = new TransitDecoder("city", timetable);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void shutdown() {
    scheduler.shutdownNow();
  }

  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();

  @Test
  void publishesDecodableDataThroughARealBroker() {
    List<Decoded> decoded = new CopyOnWriteArrayList<>();
    Recorder recorder = Recorder.acking();
    try (PahoMqttPublisher publisher =
            new PahoMqttPublisher(MqttConnectionSettings.of(broker.url(), "vecino-simulator"));
        PahoMqttSubscriber subscriber =
            new PahoMqttSubscriber(
                MqttConnectionSettings.of(broker.url(), "vecino-kiosk"), Clock.systemUTC());
        TransitSimulator sim =
            new TransitSimulator(
                publisher,
                timetable,
                "city",
                Clock.systemUTC(),
                scheduler,
                Duration.ofMillis(600))) {
      subscriber.start(
          List.of("city/#"),
          m -> {
            recorder.onMessage(m);
            decoded.add(decoder.decode(m.topic(), m.payload(), m.receivedAt()));
          });
      publisher.start();
      await().until(subscriber::isSubscribed);
      sim.start();

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  recorder.messages().stream()
                          .map(InboundMessage::topic)
                          .toList()
                          .containsAll(
                              List.of(
                                  "city/transit/stops/47/arrivals",
                                  "city/transit/stops/48/arrivals",
                                  "city/transit/alerts/" + TransitSimulator.ALERT_ID))
                      && recorder.messages().stream()
                          .anyMatch(m -> m.topic().startsWith("city/transit/vehicles/")));
    }
    assertThat(decoded).allMatch(d -> d instanceof Decoded.Update);
  }
}
