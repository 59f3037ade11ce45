package org.vecino.server.sms.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.PhoneMask;
import org.vecino.server.db.DatabaseException;
import org.vecino.server.http.HealthCheck;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.retry.Backoff;
import org.vecino.server.retry.DueWorkLoop;

/**
 * Sends the messages of the outbox at their time, from ONE thread (a {@link DueWorkLoop}) that
 * sleeps until the next due message and is woken early by {@link #wake()} (no polling; it looks
 * again at least every {@link #MAX_SLEEP} to purge old texts).
 *
 * <p>For each due message: past its {@code notAfter} it is {@code skipped} (or {@code failed} after
 * failed tries); otherwise the attempt is first recorded durably (attempts + 1, next look at now +
 * call timeout + backoff), then the gateway is called. So after a crash the same message is retried
 * with the same id, which the gateway deduplicates: never a second id for one message, none lost.
 * Retries use {@link Backoff}, honour {@code Retry-After}, and end as {@code failed} after {@code
 * maxAttempts} or when the next try would come after {@code notAfter}. A {@link CircuitBreaker}
 * stops calls to a gateway that is down.
 *
 * <p>Thread-safe: {@link #wake()}, {@link #healthCheck()} and {@link #close()} may be called from
 * any thread.
 */
public final class SmsDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);

  /** The longest the dispatcher sleeps without looking at the outbox. */
  public static final Duration MAX_SLEEP = Duration.ofMinutes(1);

  static final Duration PURGE_EVERY = Duration.ofHours(1);
  private static final int BATCH = 100;
  static final String CALLS_METRIC = "vecino_sms_gateway_calls_total";
  private static final String CALLS_HELP = "Calls to the SMS gateway by result.";

  private final SqlSmsOutbox outbox;
  private final SmsGateway gateway;
  private final CircuitBreaker breaker;
  private final Backoff backoff;
  private final int maxAttempts;
  private final Clock clock;
  private final Metrics metrics;
  private final DueWorkLoop loop;
  private Instant nextPurge = Instant.MIN;

  /**
   * @param maxAttempts calls made for one message before it is {@code failed} ({@code
   *     VECINO_SMS_MAX_ATTEMPTS}, 8)
   * @param metrics where calls are counted, or null
   */
  public SmsDispatcher(
      SqlSmsOutbox outbox,
      SmsGateway gateway,
      CircuitBreaker breaker,
      Backoff backoff,
      int maxAttempts,
      Clock clock,
      Metrics metrics) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = metrics;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    if (metrics != null) {
      // Every result is on /metrics from the start, at 0.
      for (String result : List.of("accepted", "rejected")) {
        metrics.add(CALLS_METRIC, CALLS_HELP, 0, "result", result);
      }
      for (GatewayOutcome.RetryKind kind : GatewayOutcome.RetryKind.values()) {
        metrics.add(CALLS_METRIC, CALLS_HELP, 0, "result", kind.code());
      }
    }
    this.loop =
        new DueWorkLoop(
            "vecino-sms-dispatcher", clock, MAX_SLEEP, DueWorkLoop.ERROR_BACKOFF, this::step);
    outbox.onWake(this::wake);
  }

  /** Starts the dispatcher thread. */
  public SmsDispatcher start() {
    loop.start();
    LOG.info(
        "SMS dispatcher started (gateway: {}, at most {} attempts)", gateway.mode(), maxAttempts);
    return this;
  }

  /** Makes the dispatcher look at the outbox now (messages were committed, or the clock moved). */
  public void wake() {
    loop.wake();
  }

  /**
   * Stops the thread: a call in flight may finish within a couple of seconds, else it is abandoned
   * (its attempt is already recorded, so the message is retried with the same id after a restart).
   */
  @Override
  public void close() throws InterruptedException {
    boolean started = loop.running();
    loop.close();
    if (started) {
      LOG.info("SMS dispatcher stopped");
    }
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /**
   * One round: purge if it is time, end expired messages, send the due ones.
   *
   * @return when to look again: {@code now} to look again at once (there may be more due)
   */
  private Optional<Instant> step(Instant now) {
    if (!now.isBefore(nextPurge)) {
      int purged = outbox.purge(now);
      if (purged > 0) {
        LOG.info("SMS outbox: erased phone and text of {} finished message(s)", purged);
      }
      nextPurge = now.plus(PURGE_EVERY);
    }
    int expired = outbox.endExpired(now);
    if (expired > 0) {
      LOG.info("SMS outbox: {} message(s) no longer useful, not sent", expired);
    }
    if (breaker.state() == CircuitBreaker.State.OPEN && now.isBefore(breaker.openUntil())) {
      return Optional.of(earliest(breaker.openUntil(), nextPurge));
    }
    List<OutboxEntry> due = outbox.due(now, BATCH);
    if (due.isEmpty()) {
      return Optional.of(earliest(outbox.nextAttemptAt().orElse(Instant.MAX), nextPurge));
    }
    for (OutboxEntry e : due) {
      if (!loop.running()) {
        return Optional.of(now);
      }
      if (!breaker.tryCall(clock.instant())) {
        return Optional.of(earliest(breaker.openUntil(), nextPurge));
      }
      try {
        process(e);
      } catch (DatabaseException ex) {
        throw ex; // the database is unwell: pause, and the message is tried again later
      } catch (RuntimeException ex) {
        // A message that cannot be processed must not block the others behind it.
        LOG.error("SMS {}: cannot be sent, failed", e.id(), ex);
        outbox.markFinal(
            e.id(), SmsStatus.FAILED, "internal error: " + ex.getClass().getSimpleName());
      }
    }
    return Optional.of(now);
  }

  private void process(OutboxEntry e) {
    Instant now = clock.instant();
    if (now.isAfter(e.notAfter())) {
      outbox.markFinal(
          e.id(), e.attempts() == 0 ? SmsStatus.SKIPPED : SmsStatus.FAILED, "no longer useful");
      return;
    }
    int attempt = e.attempts() + 1;
    Instant retryAt = now.plus(gateway.callTimeout()).plus(backoff.delay(attempt));
    if (!outbox.markAttempt(e.id(), e.attempts(), retryAt)) {
      return; // cancelled or changed since it was read
    }
    GatewayOutcome outcome =
        gateway.send(new GatewayRequest(e.id(), e.phone(), e.text(), e.encoding(), e.segments()));
    if (metrics != null) {
      metrics.increment(CALLS_METRIC, CALLS_HELP, "result", outcome.metricResult());
    }
    Instant after = clock.instant();
    if (outcome instanceof GatewayOutcome.Accepted a) {
      breaker.onSuccess();
      outbox.markSent(e.id(), a.messageId(), gateway.reachesPhones());
    } else if (outcome instanceof GatewayOutcome.Rejected r) {
      breaker.onSuccess();
      LOG.warn("SMS {} to {}: {}, failed", e.id(), PhoneMask.mask(e.phone()), r.reason());
      outbox.markFinal(e.id(), SmsStatus.FAILED, r.reason());
    } else {
      retry(e, attempt, (GatewayOutcome.Retry) outcome, after);
    }
  }

  private void retry(OutboxEntry e, int attempt, GatewayOutcome.Retry r, Instant now) {
    if (r.kind().gatewayDown()) {
      breaker.onFailure(now);
    } else {
      breaker.onSuccess();
    }
    if (attempt >= maxAttempts) {
      LOG.warn("SMS {}: {}; failed after {} attempts", e.id(), r.reason(), attempt);
      outbox.markFinal(e.id(), SmsStatus.FAILED, r.reason() + " (after " + attempt + " attempts)");
      return;
    }
    Instant next = now.plus(backoff.delay(attempt));
    if (r.after() != null && now.plus(r.after()).isAfter(next)) {
      next = now.plus(r.after());
    }
    if (next.isAfter(e.notAfter())) {
      LOG.warn("SMS {}: {}; no longer useful by the next try, failed", e.id(), r.reason());
      outbox.markFinal(
          e.id(), SmsStatus.FAILED, r.reason() + " (no longer useful by the next try)");
      return;
    }
    LOG.info(
        "SMS {}: {}; attempt {} of {}, next at {}", e.id(), r.reason(), attempt, maxAttempts, next);
    outbox.markRetry(e.id(), next, r.reason(), r.maybeHanded());
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** The {@code smsGateway} part of {@code /health}: DEGRADED while the breaker is open. */
  public HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      public String name() {
        return "smsGateway";
      }

      @Override
      public Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", gateway.mode());
        CircuitBreaker.State state = breaker.state();
        details.put("breaker", state.code());
        try {
          details.put("pending", outbox.recentCounts().get(SmsStatus.SCHEDULED));
        } catch (RuntimeException e) {
          details.put("pending", "unknown");
        }
        return new Result(state == CircuitBreaker.State.OPEN ? State.DEGRADED : State.UP, details);
      }
    };
  }
}
