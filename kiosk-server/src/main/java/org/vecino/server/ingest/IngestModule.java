package org.vecino.server.ingest;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecino.server.config.Settings;
import org.vecino.server.db.Database;
import org.vecino.server.http.HealthCheck;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.module.ServerModule;
import org.vecino.server.mqtt.MqttConnectionSettings;
import org.vecino.server.mqtt.PahoMqttSubscriber;

/**
 * The MQTT ingest wired: the pipeline over the domains' {@link DomainIngest}s (given, never built
 * here), the stored rejections with their route and counter, the subscriber, and the {@code mqtt}
 * part of {@code /health}. {@link #start()} starts the writer; {@link #subscribe()} then connects
 * the subscriber, which is stopped before the writer drains. Built once by {@code Vecino};
 * thread-safe.
 */
public final class IngestModule implements ServerModule {
  private final IngestPipeline pipeline;
  private final RejectionRoutes rejectionRoutes;
  private final PahoMqttSubscriber subscriber;
  private final HealthCheck health;
  private boolean started;

  private IngestModule(
      IngestPipeline pipeline,
      RejectionRoutes rejectionRoutes,
      PahoMqttSubscriber subscriber,
      Clock clock) {
    this.pipeline = pipeline;
    this.rejectionRoutes = rejectionRoutes;
    this.subscriber = subscriber;
    this.health = mqttCheck(subscriber, pipeline, clock);
  }

  /**
   * Builds the pipeline and the subscriber; nothing runs yet.
   *
   * @param domains each domain's ingest, in topic routing order
   * @param mqtt the broker to subscribe to (with the embedded broker's credentials when it runs)
   */
  public static IngestModule create(
      Settings settings,
      Database db,
      List<? extends DomainIngest<?>> domains,
      MqttConnectionSettings mqtt,
      Metrics metrics,
      Clock clock) {
    RejectionRepository rejections = new RejectionRepository(db);
    rejections
        .counts()
        .forEach(
            (reason, n) ->
                metrics.add(
                    "vecino_mqtt_rejections_stored_total",
                    "Rejected MQTT messages stored since the database was made, by reason.",
                    n,
                    "reason",
                    reason.code()));
    IngestPipeline pipeline =
        new IngestPipeline(
            settings.mqttPrefix(),
            domains,
            db,
            rejections,
            metrics,
            clock,
            settings.rejectionsKept());
    return new IngestModule(
        pipeline,
        new RejectionRoutes(rejections, settings.timezone()),
        new PahoMqttSubscriber(mqtt, clock),
        clock);
  }

  /** Registers the admin view of the rejections. */
  @Override
  public void register(RoutesConfig routes) {
    rejectionRoutes.register(routes);
  }

  /** The {@code mqtt} part: connected, queue depth, message ages, storage failures. */
  @Override
  public List<HealthCheck> health() {
    return List.of(health);
  }

  /** Starts the writer thread. */
  @Override
  public synchronized void start() {
    pipeline.start();
    started = true;
  }

  /**
   * Connects the subscriber to the domains' topics, feeding the pipeline.
   *
   * @return the subscriber, to be closed before this module (so the writer drains what it holds)
   */
  public AutoCloseable subscribe() {
    subscriber.start(pipeline.topicFilters(), pipeline);
    return subscriber;
  }

  /** Drains, stores and acknowledges what the writer holds, then stops it. */
  @Override
  public synchronized void close() {
    if (started) {
      started = false;
      pipeline.close();
    }
  }

  private static HealthCheck mqttCheck(
      PahoMqttSubscriber subscriber, IngestPipeline ingest, Clock clock) {
    return new HealthCheck() {
      @Override
      public String name() {
        return "mqtt";
      }

      @Override
      public Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connected", subscriber.isConnected());
        details.put("queueDepth", ingest.queueDepth());
        Instant now = clock.instant();
        Map<String, Object> ages = new LinkedHashMap<>();
        ingest
            .lastAppliedByKind()
            .forEach((kind, at) -> ages.put(kind, Duration.between(at, now).toSeconds()));
        details.put("lastMessageAgeSeconds", ages);
        var storeFailure = ingest.storeFailure();
        storeFailure.ifPresent(
            f -> {
              details.put("storing", "failing");
              details.put("storeFailingSince", f.since().toString());
            });
        boolean up = subscriber.isConnected() && storeFailure.isEmpty();
        return new Result(up ? State.UP : State.DEGRADED, details);
      }
    };
  }
}
