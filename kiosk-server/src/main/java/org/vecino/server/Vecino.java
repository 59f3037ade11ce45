package org.vecino.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.parking.ParkingState;
import org.vecino.core.transit.StopSearch;
import org.vecino.core.transit.board.ArrivalBoardService;
import org.vecino.core.transit.board.BoardSettings;
import org.vecino.core.transit.gtfs.GtfsFeed;
import org.vecino.core.transit.gtfs.GtfsLoadException;
import org.vecino.core.transit.gtfs.GtfsLoader;
import org.vecino.core.transit.gtfs.GtfsProblem;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.server.auth.AdminTokenFile;
import org.vecino.server.auth.TokenAuthenticator;
import org.vecino.server.auth.TokenRepository;
import org.vecino.server.auth.TokenRoutes;
import org.vecino.server.auth.TokenService;
import org.vecino.server.config.Settings;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.db.Database;
import org.vecino.server.db.DatabaseException;
import org.vecino.server.http.ApiServer;
import org.vecino.server.http.HealthCheck;
import org.vecino.server.ingest.IngestPipeline;
import org.vecino.server.ingest.RejectionRepository;
import org.vecino.server.ingest.RejectionRoutes;
import org.vecino.server.json.Json;
import org.vecino.server.kiosk.KioskPages;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.mqtt.EmbeddedBroker;
import org.vecino.server.mqtt.MqttConnectionSettings;
import org.vecino.server.mqtt.PahoMqttPublisher;
import org.vecino.server.mqtt.PahoMqttSubscriber;
import org.vecino.server.office.OfficeModule;
import org.vecino.server.office.OfficePorts;
import org.vecino.server.office.OfficeReminders;
import org.vecino.server.parking.CatalogException;
import org.vecino.server.parking.NgsiLdRoutes;
import org.vecino.server.parking.ParkingCatalogFile;
import org.vecino.server.parking.ParkingHistoryService;
import org.vecino.server.parking.ParkingIngest;
import org.vecino.server.parking.ParkingRepository;
import org.vecino.server.parking.ParkingRoutes;
import org.vecino.server.reminders.AppointmentRepository;
import org.vecino.server.reminders.AppointmentRoutes;
import org.vecino.server.reminders.OfficeRemindersAdapter;
import org.vecino.server.reminders.ReminderJobs;
import org.vecino.server.reminders.ReminderService;
import org.vecino.server.reminders.SchedulerWebhook;
import org.vecino.server.retry.Backoff;
import org.vecino.server.simulator.ParkingSimulator;
import org.vecino.server.simulator.TransitSimulator;
import org.vecino.server.sms.Signatures;
import org.vecino.server.sms.SmsRoutes;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.CircuitBreaker;
import org.vecino.server.sms.outbox.HttpSmsGateway;
import org.vecino.server.sms.outbox.LogSmsGateway;
import org.vecino.server.sms.outbox.SmsDispatcher;
import org.vecino.server.sms.outbox.SmsGateway;
import org.vecino.server.sms.outbox.SmsOutbox;
import org.vecino.server.sms.outbox.SmsOutboxRoutes;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.transit.TransitIngest;
import org.vecino.server.transit.TransitRepository;
import org.vecino.server.transit.TransitRoutes;

/**
 * A running Vecino: the one place where everything is built and wired by hand, and which owns the
 * start and stop order. Start: database, timetable, state restored from the database, embedded
 * broker, HTTP, ingest writer, MQTT subscriber, simulator. Stop: the reverse, so that no accepted
 * message is lost (the writer drains and stores its queue after the subscriber is closed).
 * Thread-safe: {@link #stop()} may be called from a shutdown hook.
 */
public final class Vecino implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Vecino.class);
  private static final int SMS_BREAKER_THRESHOLD = 5;
  private static final Duration SMS_BREAKER_COOL_DOWN = Duration.ofSeconds(30);

  private final List<AutoCloseable> stopOrder = new ArrayList<>();
  private final ApiServer http;
  private final String adminToken;
  private final SqlSmsOutbox smsOutbox;
  private boolean stopped;

  private Vecino(Settings settings, Clock clock, SmsOutbox outboxOverride, OfficePorts ports) {
    ObjectMapper mapper = Json.newMapper();
    Metrics metrics = new Metrics();

    Database db;
    try {
      db = Database.open(settings.db());
    } catch (DatabaseException e) {
      throw new StartupException("VECINO_DB: " + e.getMessage(), e);
    }
    stopOrder.add(0, db);
    try {
      GtfsFeed feed = loadFeed(settings.gtfs());
      RealtimeState transitState = new RealtimeState(clock, settings.maxFutureSkew());
      TransitRepository transitRepository = new TransitRepository(db);
      transitRepository.loadInto(transitState);
      ParkingCatalogFile.Loaded parking = loadParkingCatalog(settings.parkingCatalog());
      ParkingState parkingState =
          new ParkingState(
              parking.catalog(),
              parking.thresholds(),
              settings.timezone(),
              clock,
              settings.maxFutureSkew());
      ParkingRepository parkingRepository = new ParkingRepository(db, parking.historyRetention());
      // SMS texts: checked at start (a bad template file stops Vecino with exit code 2).
      SmsTexts smsTexts = SmsTexts.load(settings.smsTemplates(), settings.smsFoldAccents());
      LOG.info(
          "SMS templates {} loaded (fold accents: {})",
          settings.smsTemplates(),
          smsTexts.foldAccents());
      parkingRepository.loadInto(parkingState);
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

      EmbeddedBroker broker = null;
      if (settings.embeddedBroker()) {
        broker =
            new EmbeddedBroker(
                settings.embeddedBrokerPort(),
                settings.db().toAbsolutePath().getParent().resolve("broker"),
                clock);
        try {
          broker.start();
        } catch (BindException e) {
          throw new StartupException(
              "VECINO_MQTT_EMBEDDED_PORT: port "
                  + settings.embeddedBrokerPort()
                  + " on 127.0.0.1 is already in use (another MQTT broker? set"
                  + " VECINO_MQTT_EMBEDDED_PORT to a free port, or VECINO_MQTT_URL to use that"
                  + " broker)",
              e);
        } catch (IOException e) {
          throw new StartupException(
              "VECINO_MQTT_EMBEDDED_PORT: cannot start the embedded broker on 127.0.0.1:"
                  + settings.embeddedBrokerPort()
                  + " ("
                  + e.getMessage()
                  + ")",
              e);
        }
        stopOrder.add(0, broker);
      }

      String token = settings.adminToken();
      if (token == null) {
        AdminTokenFile.Result r = AdminTokenFile.loadOrCreate(settings.db());
        token = r.token();
        if (r.created()) {
          // Shown once, at the first start; afterwards it is only in the file (mode 600).
          System.out.println("Vecino admin token (saved in " + r.file() + "): " + token);
        }
      }
      this.adminToken = token;
      TokenService tokens = new TokenService(token, new TokenRepository(db), clock);

      // SMS outbox and dispatcher (issue 4): started after the database, stopped before it.
      // Texts and numbers of finished messages are kept as long as appointments' personal data.
      SmsGatewaySettings smsGateway = settings.smsGateway();
      this.smsOutbox = new SqlSmsOutbox(db, clock, settings.reminders().retention());
      SmsGateway gateway =
          smsGateway.url() == null
              ? new LogSmsGateway()
              : new HttpSmsGateway(
                  smsGateway.url(),
                  smsGateway.token(),
                  HttpSmsGateway.DEFAULT_TIMEOUT,
                  mapper,
                  clock);
      SmsDispatcher smsDispatcher =
          new SmsDispatcher(
              smsOutbox,
              gateway,
              new CircuitBreaker(SMS_BREAKER_THRESHOLD, SMS_BREAKER_COOL_DOWN),
              Backoff.standard(),
              smsGateway.maxAttempts(),
              clock,
              metrics);
      for (SmsStatus status : SmsStatus.values()) {
        metrics.gauge(
            "vecino_sms_messages",
            "SMS in the outbox by status.",
            () -> smsOutbox.recentCountOr(status, Double.NaN),
            "status",
            status.code());
      }
      smsDispatcher.start();
      stopOrder.add(0, smsDispatcher);
      SmsOutboxRoutes smsOutboxRoutes =
          new SmsOutboxRoutes(
              smsOutbox,
              smsGateway.secret() == null ? null : new Signatures(smsGateway.secret()),
              settings.timezone(),
              clock,
              !gateway.reachesPhones());
      LOG.info("SMS gateway: {}", smsGateway);

      // Appointment reminders (issue 4): reminders go through the SMS outbox; the scheduling
      // system's webhook and the daily privacy purge run in the background.
      AppointmentRepository appointmentRepository = new AppointmentRepository();
      SchedulerWebhook schedulerWebhook =
          new SchedulerWebhook(
              settings.reminders().webhookUrl(),
              settings.reminders().webhookSecret(),
              db,
              appointmentRepository,
              mapper,
              clock,
              settings.timezone());
      ReminderService reminders =
          new ReminderService(
              db,
              appointmentRepository,
              outboxOverride != null ? outboxOverride : smsOutbox,
              smsTexts,
              settings.reminders().policy(settings.timezone()),
              schedulerWebhook,
              settings.reminders().retention(),
              clock);
      AppointmentRoutes appointmentRoutes =
          new AppointmentRoutes(
              reminders,
              // Replies are signed like the receipts, with VECINO_SMS_GATEWAY_SECRET.
              smsGateway.secret() == null ? null : new Signatures(smsGateway.secret()),
              clock);
      schedulerWebhook.start();
      stopOrder.add(0, schedulerWebhook);
      for (org.vecino.core.reminders.AppointmentStatus status :
          org.vecino.core.reminders.AppointmentStatus.values()) {
        metrics.gauge(
            "vecino_appointments",
            "Appointments kept, by status.",
            () -> reminders.counts().getOrDefault("appointment." + status.code(), 0L),
            "status",
            status.code());
      }
      for (String state : List.of("planned", "skipped")) {
        metrics.gauge(
            "vecino_reminders",
            "Reminders of the kept appointments: planned (in the SMS outbox) or skipped.",
            () -> reminders.counts().getOrDefault("reminder." + state, 0L),
            "state",
            state);
      }
      ReminderJobs reminderJobs = new ReminderJobs(reminders);
      reminderJobs.start();
      stopOrder.add(0, reminderJobs);
      if (settings.simulator()) {
        ReminderJobs.bookDemoAppointments(reminders, clock, settings.timezone());
      }
      LOG.info("Reminders: {}", settings.reminders());

      // Neighbor's Office: catalog checked at start (exit 2 when bad). One-time codes and notices
      // go through the SMS outbox; reminders of office appointments through the reminder service
      // (tests may give their own ports).
      SmsOutbox officeOutbox = ports.outbox() != null ? ports.outbox() : smsOutbox;
      OfficeReminders officeReminders =
          ports.reminders() != null ? ports.reminders() : new OfficeRemindersAdapter(reminders);
      OfficeModule office =
          OfficeModule.create(
              settings.office(),
              db,
              id -> feed.stop(id).isPresent(),
              id -> parking.catalog().facility(id).isPresent(),
              smsTexts,
              new OfficePorts(officeOutbox, officeReminders),
              tokens,
              mapper,
              settings.timezone(),
              clock);
      LOG.info(
          "Office catalog {}: {} procedures, {} offices, {} kiosks, {} Open311 services",
          settings.office().catalog(),
          office.catalog().procedures().size(),
          office.catalog().offices().size(),
          office.catalog().kiosks().size(),
          office.catalog().services().size());

      ArrivalBoardService boards =
          new ArrivalBoardService(
              feed,
              transitState,
              clock,
              BoardSettings.defaults().withStaleAfter(settings.predictionStaleAfter()));
      TransitRoutes transitRoutes =
          new TransitRoutes(
              boards, transitState, clock, new StopSearch(feed), feed, mapper, settings.timezone());
      RejectionRoutes rejectionRoutes = new RejectionRoutes(rejections, settings.timezone());
      TokenRoutes tokenRoutes =
          new TokenRoutes(
              tokens, settings.timezone(), id -> office.catalog().kiosk(id).isPresent());
      ParkingRoutes parkingRoutes =
          new ParkingRoutes(
              parkingState,
              new ParkingHistoryService(parkingRepository),
              mapper,
              settings.timezone(),
              clock);

      IngestPipeline ingest =
          new IngestPipeline(
              settings.mqttPrefix(),
              List.of(
                  new TransitIngest(settings.mqttPrefix(), feed, transitState, transitRepository),
                  new ParkingIngest(settings.mqttPrefix(), parkingState, parkingRepository, clock)),
              db,
              rejections,
              metrics,
              clock,
              settings.rejectionsKept());
      MqttConnectionSettings mqttSettings = MqttConnectionSettings.from(settings);
      if (broker != null) {
        // The embedded broker accepts only Vecino's own clients, with the password of this run.
        mqttSettings = mqttSettings.withCredentials(broker.username(), broker.password());
      }
      PahoMqttSubscriber subscriber = new PahoMqttSubscriber(mqttSettings, clock);

      List<HealthCheck> health = new ArrayList<>();
      health.add(databaseCheck(db));
      health.add(mqttCheck(subscriber, ingest, clock));
      health.add(smsDispatcher.healthCheck());
      this.http =
          new ApiServer(
              mapper,
              new TokenAuthenticator(tokens),
              metrics,
              health,
              List.of(
                  transitRoutes::register,
                  parkingRoutes::register,
                  new NgsiLdRoutes(parkingState, mapper, settings.timezone())::register,
                  rejectionRoutes::register,
                  tokenRoutes::register,
                  new SmsRoutes()::register,
                  smsOutboxRoutes::register,
                  office::register,
                  appointmentRoutes::register,
                  new KioskPages()::register));
      try {
        http.start(settings.httpHost(), settings.httpPort());
      } catch (RuntimeException e) {
        if (hasCause(e, BindException.class)) {
          throw new StartupException(
              "VECINO_HTTP_PORT: port " + settings.httpPort() + " is already in use", e);
        }
        throw e;
      }
      stopOrder.add(0, http::stop);

      ingest.start();
      stopOrder.add(0, ingest);
      subscriber.start(ingest.topicFilters(), ingest);
      stopOrder.add(0, subscriber);

      if (settings.simulator()) {
        PahoMqttPublisher publisher =
            new PahoMqttPublisher(
                mqttSettings.withClientId(settings.mqttClientId() + "-simulator"));
        publisher.start();
        ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "vecino-simulator");
                  t.setDaemon(true);
                  return t;
                });
        TransitSimulator simulator =
            new TransitSimulator(publisher, feed, settings.mqttPrefix(), clock, scheduler);
        simulator.start();
        ParkingSimulator parkingSimulator =
            new ParkingSimulator(
                publisher,
                parking.catalog(),
                settings.mqttPrefix(),
                clock,
                settings.timezone(),
                scheduler,
                ParkingSimulator.DEFAULT_INTERVAL,
                System.nanoTime());
        parkingSimulator.start();
        stopOrder.add(0, publisher);
        stopOrder.add(
            0,
            () -> {
              parkingSimulator.close();
              simulator.close();
              scheduler.shutdownNow();
              scheduler.awaitTermination(2, TimeUnit.SECONDS);
            });
      }
      LOG.info(
          "Vecino serving on http://{}:{}/ ({} stops, {} lines; MQTT {}{})",
          settings.httpHost(),
          http.port(),
          feed.stops().size(),
          feed.routes().size(),
          mqttSettings.safeServerUri(),
          settings.simulator() ? ", simulator on" : "");
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Starts Vecino with the given settings; "now" is read from {@code clock}. */
  public static Vecino start(Settings settings, Clock clock) {
    return new Vecino(settings, clock, null, OfficePorts.NONE);
  }

  /**
   * Starts Vecino with the office's SMS outbox and reminder service given from outside (tests use
   * recording ones).
   */
  public static Vecino start(Settings settings, Clock clock, OfficePorts ports) {
    return new Vecino(settings, clock, ports.outbox(), ports);
  }

  /**
   * Starts Vecino whose reminders and office send their SMS through {@code smsOutbox} instead of
   * the durable outbox (tests pass a recording one).
   */
  public static Vecino start(Settings settings, Clock clock, SmsOutbox smsOutbox) {
    return new Vecino(settings, clock, smsOutbox, new OfficePorts(smsOutbox, null));
  }

  /** The HTTP port actually bound (useful with port 0). */
  public int httpPort() {
    return http.port();
  }

  /** Every registered HTTP route as {@code METHOD path}. */
  public List<String> httpRoutes() {
    return http.routes();
  }

  /** The SMS outbox: enqueue in a transaction of its database, then {@code wake()}. */
  public SqlSmsOutbox smsOutbox() {
    return smsOutbox;
  }

  /** The bootstrap admin token in force. */
  public String adminToken() {
    return adminToken;
  }

  /** Stops everything in reverse start order; safe to call twice. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (AutoCloseable c : stopOrder) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}", c, e);
      }
    }
    LOG.info("Vecino stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private static GtfsFeed loadFeed(Path path) {
    long t0 = System.nanoTime();
    GtfsFeed feed;
    try {
      feed = GtfsLoader.load(path);
    } catch (GtfsLoadException e) {
      throw new StartupException("VECINO_GTFS: " + e.getMessage(), e);
    }
    List<GtfsProblem> problems = feed.problems();
    if (!problems.isEmpty()) {
      LOG.warn("GTFS feed {}: {} bad rows skipped", path, problems.size());
      problems.stream()
          .limit(20)
          .forEach(
              p -> LOG.warn("  {} line {} {}: {}", p.file(), p.line(), p.field(), p.message()));
    }
    LOG.info(
        "GTFS feed {} loaded in {} ms", path, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    return feed;
  }

  private static ParkingCatalogFile.Loaded loadParkingCatalog(Path path) {
    ParkingCatalogFile.Loaded loaded;
    try {
      loaded = ParkingCatalogFile.load(path);
    } catch (CatalogException e) {
      throw new StartupException("VECINO_PARKING_CATALOG: " + path + ": " + e.getMessage(), e);
    }
    LOG.info(
        "Parking catalog {}: {} facilities, {} spots",
        path,
        loaded.catalog().facilities().size(),
        loaded.catalog().spotCount());
    return loaded;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static HealthCheck databaseCheck(Database db) {
    return new HealthCheck() {
      @Override
      public String name() {
        return "database";
      }

      @Override
      public Result check() {
        // No file path here: /health is public.
        if (!db.isHealthy()) {
          return new Result(State.DOWN, Map.of("reads", "failing"));
        }
        return db.lastWriteFailure()
            .map(
                f ->
                    new Result(
                        State.DEGRADED,
                        Map.<String, Object>of(
                            "writes", "failing", "since", f.at().toString(), "error", f.message())))
            .orElseGet(() -> new Result(State.UP, Map.of()));
      }
    };
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
