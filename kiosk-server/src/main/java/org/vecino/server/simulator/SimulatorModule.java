package org.vecino.server.simulator;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.vecino.core.parking.ParkingCatalog;
import org.vecino.core.transit.gtfs.GtfsFeed;
import org.vecino.server.config.Settings;
import org.vecino.server.module.ServerModule;
import org.vecino.server.module.StartedParts;
import org.vecino.server.mqtt.MqttConnectionSettings;
import org.vecino.server.mqtt.PahoMqttPublisher;

/**
 * The default run's simulators wired: one MQTT publisher (client id {@code <id>-simulator}) and one
 * scheduler thread for the transit and parking simulators. {@link #close()} stops the simulators
 * and their thread, then the publisher. Built once by {@code Vecino}; thread-safe.
 */
public final class SimulatorModule implements ServerModule {
  private final Settings settings;
  private final MqttConnectionSettings mqtt;
  private final GtfsFeed feed;
  private final ParkingCatalog parking;
  private final Clock clock;
  private final StartedParts started = new StartedParts();

  /**
   * @param mqtt the broker the subscriber uses (its client id is suffixed)
   * @param feed the timetable the predictions follow
   * @param parking the car parks and zones whose counters and spots move
   */
  public SimulatorModule(
      Settings settings,
      MqttConnectionSettings mqtt,
      GtfsFeed feed,
      ParkingCatalog parking,
      Clock clock) {
    this.settings = settings;
    this.mqtt = mqtt;
    this.feed = feed;
    this.parking = parking;
    this.clock = clock;
  }

  /** Connects the publisher and starts publishing. */
  @Override
  public void start() {
    PahoMqttPublisher publisher =
        new PahoMqttPublisher(mqtt.withClientId(settings.mqttClientId() + "-simulator"));
    publisher.start();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vecino-simulator");
              t.setDaemon(true);
              return t;
            });
    TransitSimulator transit =
        new TransitSimulator(publisher, feed, settings.mqttPrefix(), clock, scheduler);
    transit.start();
    ParkingSimulator parkingSimulator =
        new ParkingSimulator(
            publisher,
            parking,
            settings.mqttPrefix(),
            clock,
            settings.timezone(),
            scheduler,
            ParkingSimulator.DEFAULT_INTERVAL,
            System.nanoTime());
    parkingSimulator.start();
    started.add(publisher);
    started.add(
        () -> {
          parkingSimulator.close();
          transit.close();
          scheduler.shutdownNow();
          scheduler.awaitTermination(2, TimeUnit.SECONDS);
        });
  }

  /** Stops the simulators and their thread, then the publisher. */
  @Override
  public void close() {
    started.closeAll();
  }
}
