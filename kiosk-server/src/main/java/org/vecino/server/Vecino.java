package org.vecino.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.auth.AuthModule;
import org.vecino.server.config.Settings;
import org.vecino.server.db.Database;
import org.vecino.server.db.DatabaseException;
import org.vecino.server.http.ApiServer;
import org.vecino.server.http.HealthCheck;
import org.vecino.server.ingest.IngestModule;
import org.vecino.server.json.Json;
import org.vecino.server.kiosk.KioskPages;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.module.ServerModule;
import org.vecino.server.mqtt.EmbeddedBroker;
import org.vecino.server.mqtt.MqttConnectionSettings;
import org.vecino.server.office.OfficeModule;
import org.vecino.server.parking.ParkingModule;
import org.vecino.server.privacy.PrivacyPurge;
import org.vecino.server.privacy.RetentionRules;
import org.vecino.server.reminders.ReminderService;
import org.vecino.server.reminders.RemindersModule;
import org.vecino.server.simulator.SimulatorModule;
import org.vecino.server.sms.SmsModule;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.transit.TransitModule;

/**
 * A running Vecino: the one place where the parts are wired together, and which owns the start and
 * stop order. Each domain builds itself in its module ({@code transit.TransitModule}, {@code
 * sms.SmsModule}, ...); this class only lists them in start order and hands each what it needs.
 * Stop runs in reverse, so that no accepted message is lost (the writer drains and stores its queue
 * after the subscriber is closed). Thread-safe: {@link #stop()} may be called from a shutdown hook.
 */
public final class Vecino implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Vecino.class);

  private final List<AutoCloseable> stopOrder = new ArrayList<>();
  private final ApiServer http;
  private final String adminToken;
  private final SqlSmsOutbox smsOutbox;
  private final ReminderService reminders;
  private boolean stopped;

  private Vecino(Settings settings, Clock clock) {
    ObjectMapper mapper = Json.newMapper();
    Metrics metrics = new Metrics();
    Database db = openDatabase(settings); // 1. the database and its migrations
    stopOrder.add(0, db);
    try {
      // 2-3. the timetable and the catalogs (checked: exit code 2 when bad), the state restored
      TransitModule transit = TransitModule.create(settings, db, mapper, clock);
      ParkingModule parking = ParkingModule.create(settings, db, mapper, clock);
      SmsTexts texts = SmsModule.loadTexts(settings);
      // 4. the embedded broker, when no VECINO_MQTT_URL is set
      MqttConnectionSettings mqtt = startBroker(settings, clock);
      // 5. the admin token and the other tokens
      AuthModule auth = AuthModule.create(settings, db, clock);
      this.adminToken = auth.adminToken();
      // 6. the SMS outbox and its dispatcher
      SmsModule sms = start(SmsModule.create(settings, db, texts, mapper, metrics, clock));
      this.smsOutbox = sms.outbox();
      // 7. the reminder service, its webhook sender and daily jobs (and the demo appointments)
      RemindersModule reminders =
          start(
              RemindersModule.create(
                  settings,
                  db,
                  sms.outbox(),
                  texts,
                  sms.gatewaySignatures(),
                  mapper,
                  metrics,
                  clock));
      this.reminders = reminders.service();
      // 8. the office: its codes and notices through the outbox, its reminders through the service
      OfficeModule office =
          start(
              OfficeModule.create(
                  settings,
                  db,
                  transit::stopExists,
                  parking::facilityExists,
                  texts,
                  sms.outbox(),
                  reminders.officeReminders(),
                  auth.tokens(),
                  clock));
      // 8b. the privacy purge of every part's personal data, at once and then daily (the reminders'
      // daily jobs), by the one list of retention rules
      PrivacyPurge privacy =
          new PrivacyPurge(
              RetentionRules.of(settings.reminders().retention()),
              PrivacyPurge.steps(sms.purgeSteps(), reminders.purgeSteps(), office.purgeSteps()),
              clock);
      reminders.startDailyJobs(privacy::run);
      // 9. HTTP, with the routes and health of every part (ingest built first: its part of both)
      IngestModule ingest =
          IngestModule.create(
              settings, db, List.of(transit.ingest(), parking.ingest()), mqtt, metrics, clock);
      this.http =
          startHttp(
              settings,
              new ApiServer(
                  mapper,
                  auth.authenticator(),
                  metrics,
                  health(databaseCheck(db), ingest, sms),
                  List.<Consumer<RoutesConfig>>of(
                      transit::register,
                      parking::register,
                      ingest::register,
                      auth.routes(office::kioskExists),
                      sms::register,
                      office::register,
                      reminders::register,
                      new KioskPages()::register)));
      start(ingest); // 10. the ingest writer
      stopOrder.add(0, ingest.subscribe()); // 11. the MQTT subscriber
      if (settings.simulator()) { // 12. the simulator
        start(new SimulatorModule(settings, mqtt, transit.feed(), parking.catalog(), clock));
      }
      LOG.info(
          "Vecino serving on http://{}:{}/ ({} stops, {} lines; MQTT {}{})",
          settings.httpHost(),
          http.port(),
          transit.feed().stops().size(),
          transit.feed().routes().size(),
          mqtt.safeServerUri(),
          settings.simulator() ? ", simulator on" : "");
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Starts Vecino with the given settings; "now" is read from {@code clock}. */
  public static Vecino start(Settings settings, Clock clock) {
    return new Vecino(settings, clock);
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

  /** The reminder service: appointments and their reminders as stored. */
  public ReminderService reminders() {
    return reminders;
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

  /** Puts {@code module} in the stop order, then starts it (its close stops what was started). */
  private <M extends ServerModule> M start(M module) {
    stopOrder.add(0, module);
    module.start();
    return module;
  }

  private static Database openDatabase(Settings settings) {
    try {
      return Database.open(settings.db());
    } catch (DatabaseException e) {
      throw new StartupException("VECINO_DB: " + e.getMessage(), e);
    }
  }

  /**
   * Starts the embedded broker when no {@code VECINO_MQTT_URL} is set.
   *
   * @return where Vecino's own MQTT clients connect (with this run's password for the embedded one)
   */
  private MqttConnectionSettings startBroker(Settings settings, Clock clock) {
    MqttConnectionSettings mqtt = MqttConnectionSettings.from(settings);
    if (!settings.embeddedBroker()) {
      return mqtt;
    }
    EmbeddedBroker broker =
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
    // The embedded broker accepts only Vecino's own clients, with the password of this run.
    return mqtt.withCredentials(broker.username(), broker.password());
  }

  private ApiServer startHttp(Settings settings, ApiServer http) {
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
    return http;
  }

  private static List<HealthCheck> health(HealthCheck database, ServerModule... modules) {
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(database);
    for (ServerModule m : modules) {
      checks.addAll(m.health());
    }
    return checks;
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
}
