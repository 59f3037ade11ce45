package org.vecino.server.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.StartupException;
import org.vecino.server.config.Settings;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.db.Database;
import org.vecino.server.http.HealthCheck;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.module.ServerModule;
import org.vecino.server.module.StartedParts;
import org.vecino.server.privacy.PurgeStep;
import org.vecino.server.retry.Backoff;
import org.vecino.server.sms.outbox.CircuitBreaker;
import org.vecino.server.sms.outbox.HttpSmsGateway;
import org.vecino.server.sms.outbox.LogSmsGateway;
import org.vecino.server.sms.outbox.SmsDispatcher;
import org.vecino.server.sms.outbox.SmsGateway;
import org.vecino.server.sms.outbox.SmsOutboxRoutes;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.sms.outbox.SqlSmsOutbox;

/**
 * SMS wired: the staff-editable texts, the durable outbox every SMS goes through, the gateway
 * (HTTP, or the log in the default run) and its dispatcher thread, the {@code vecino_sms_messages}
 * gauges, the {@code smsGateway} part of {@code /health}, and the analyze, receipts and admin
 * outbox routes. Built once by {@code Vecino}; thread-safe.
 */
public final class SmsModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(SmsModule.class);
  private static final int BREAKER_THRESHOLD = 5;
  private static final Duration BREAKER_COOL_DOWN = Duration.ofSeconds(30);

  private final SmsTexts texts;
  private final SqlSmsOutbox outbox;
  private final SmsDispatcher dispatcher;
  private final SmsOutboxRoutes outboxRoutes;
  private final Signatures gatewaySignatures;
  private final StartedParts started = new StartedParts();

  private SmsModule(
      SmsTexts texts,
      SqlSmsOutbox outbox,
      SmsDispatcher dispatcher,
      SmsOutboxRoutes outboxRoutes,
      Signatures gatewaySignatures) {
    this.texts = texts;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.outboxRoutes = outboxRoutes;
    this.gatewaySignatures = gatewaySignatures;
  }

  /**
   * Reads and checks the SMS texts ({@code VECINO_SMS_TEMPLATES}); done with the catalogs, early.
   *
   * @throws StartupException starting {@code VECINO_SMS_TEMPLATES:} for a bad template file
   */
  public static SmsTexts loadTexts(Settings settings) {
    SmsTexts texts = SmsTexts.load(settings.smsTemplates(), settings.smsFoldAccents());
    LOG.info(
        "SMS templates {} loaded (fold accents: {})", settings.smsTemplates(), texts.foldAccents());
    return texts;
  }

  /**
   * Builds the outbox, the gateway and the dispatcher (not started). Texts and numbers of finished
   * messages are kept as long as appointments' personal data.
   */
  public static SmsModule create(
      Settings settings,
      Database db,
      SmsTexts texts,
      ObjectMapper mapper,
      Metrics metrics,
      Clock clock) {
    SmsGatewaySettings smsGateway = settings.smsGateway();
    SqlSmsOutbox outbox = new SqlSmsOutbox(db, clock, settings.reminders().retention());
    SmsGateway gateway =
        smsGateway.url() == null
            ? new LogSmsGateway()
            : new HttpSmsGateway(
                smsGateway.url(),
                smsGateway.token(),
                HttpSmsGateway.DEFAULT_TIMEOUT,
                mapper,
                clock);
    SmsDispatcher dispatcher =
        new SmsDispatcher(
            outbox,
            gateway,
            new CircuitBreaker(BREAKER_THRESHOLD, BREAKER_COOL_DOWN),
            Backoff.standard(),
            smsGateway.maxAttempts(),
            clock,
            metrics);
    for (SmsStatus status : SmsStatus.values()) {
      metrics.gauge(
          "vecino_sms_messages",
          "SMS in the outbox by status.",
          () -> outbox.recentCountOr(status, Double.NaN),
          "status",
          status.code());
    }
    Signatures signatures =
        smsGateway.secret() == null ? null : new Signatures(smsGateway.secret());
    SmsOutboxRoutes outboxRoutes =
        new SmsOutboxRoutes(
            outbox, signatures, settings.timezone(), clock, !gateway.reachesPhones());
    LOG.info("SMS gateway: {}", smsGateway);
    return new SmsModule(texts, outbox, dispatcher, outboxRoutes, signatures);
  }

  /** The texts of every SMS, checked at start. */
  public SmsTexts texts() {
    return texts;
  }

  /** The durable outbox: enqueue in a transaction of its database, then {@code wake()}. */
  public SqlSmsOutbox outbox() {
    return outbox;
  }

  /** The privacy purge's step for the outbox's phones and texts. */
  public Map<String, PurgeStep> purgeSteps() {
    return outbox.purgeSteps();
  }

  /**
   * The signatures of the gateway's calls ({@code VECINO_SMS_GATEWAY_SECRET}), or null when no
   * secret is set (the signed callbacks are then refused).
   */
  public Signatures gatewaySignatures() {
    return gatewaySignatures;
  }

  /** Registers {@code POST /api/v1/sms/analyze}, the signed receipts and the admin outbox view. */
  @Override
  public void register(RoutesConfig routes) {
    new SmsRoutes().register(routes);
    outboxRoutes.register(routes);
  }

  /** The {@code smsGateway} part (the circuit breaker). */
  @Override
  public List<HealthCheck> health() {
    return List.of(dispatcher.healthCheck());
  }

  /** Starts the dispatcher thread. */
  @Override
  public void start() {
    dispatcher.start();
    started.add(dispatcher);
  }

  /** Stops the dispatcher (a call in flight gets 2 s to finish). */
  @Override
  public void close() {
    started.closeAll();
  }
}
