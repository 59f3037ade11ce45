package org.vecino.server.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.testing.MutableClock;
import org.vecino.server.db.Database;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.retry.Backoff;
import org.vecino.server.testing.FakeSmsGateway;

/**
 * The dispatcher against a real gateway (a JDK HTTP server on a random port) and a real SQLite
 * file, with a hand-set clock: sending at the time, retries, failures, skips, the breaker, and no
 * polling while nothing is due.
 */
class SmsDispatcherTest {
  /** Monday 30 November 2026, 10:00 in Madrid. */
  private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

  @TempDir java.nio.file.Path dir;
  private final MutableClock clock = new MutableClock(T0, ZoneId.of("Europe/Madrid"));
  private final Metrics metrics = new Metrics();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private Database db;
  private SqlSmsOutbox outbox;
  private FakeSmsGateway gateway;
  private SmsDispatcher dispatcher;
  private CircuitBreaker breaker;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir.resolve("vecino.db"));
    outbox = new SqlSmsOutbox(db, clock, Duration.ofDays(30));
    gateway = FakeSmsGateway.start();
  }

  @AfterEach
  void close() throws Exception {
    if (dispatcher != null) {
      dispatcher.close();
    }
    gateway.close();
    db.close();
  }

  /** A dispatcher whose backoff always waits its whole window (5 s, 10 s, 20 s ...). */
  private SmsDispatcher startDispatcher(int maxAttempts, Duration timeout, int breakerThreshold) {
    breaker = new CircuitBreaker(breakerThreshold, Duration.ofSeconds(30));
    HttpSmsGateway http =
        new HttpSmsGateway(
            gateway.url(), "gateway-token-0123456789", timeout, new ObjectMapper(), clock);
    dispatcher =
        new SmsDispatcher(
            outbox,
            http,
            breaker,
            new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 1.0),
            maxAttempts,
            clock,
            metrics);
    return dispatcher.start();
  }

  private SmsDispatcher startDispatcher() {
    return startDispatcher(8, Duration.ofSeconds(5), 5);
  }

  private void enqueue(String id, Instant dueAt, Instant notAfter) {
    enqueue(id, "+34600111222", "Recordatorio: cita mañana a las 9:30.", dueAt, notAfter);
  }

  private void enqueue(String id, String to, String text, Instant dueAt, Instant notAfter) {
    db.inTransaction(
        c -> outbox.enqueue(c, new OutgoingSms(id, to, text, dueAt, notAfter, "reminder", "a-1")));
    outbox.wake();
  }

  private OutboxEntry entry(String id) {
    return outbox.find(id).orElseThrow();
  }

  private void advance(Duration d) {
    clock.advance(d);
    dispatcher.wake();
  }

  private void awaitStatus(String id, SmsStatus status) {
    await().atMost(Duration.ofSeconds(10)).until(() -> entry(id).status() == status);
  }

  @Test
  void eachMessageGoesOutOnceAtItsTimeWithTheGatewaysFields() {
    startDispatcher();
    enqueue("rem-now", T0, T0.plus(Duration.ofHours(2)));
    enqueue(
        "rem-later",
        "+34600333444",
        "Cita en el Centro de Salud Vargas 💉",
        T0.plus(Duration.ofHours(1)),
        T0.plus(Duration.ofHours(3)));

    awaitStatus("rem-now", SmsStatus.SENT);
    assertThat(gateway.calls()).hasSize(1);
    FakeSmsGateway.Call call = gateway.calls().get(0);
    assertThat(call.id()).isEqualTo("rem-now");
    assertThat(call.to()).isEqualTo("+34600111222");
    assertThat(call.text()).isEqualTo("Recordatorio: cita mañana a las 9:30.");
    assertThat(call.encoding()).isEqualTo("GSM-7");
    assertThat(call.segments()).isEqualTo(1);
    assertThat(call.auth()).isEqualTo("Bearer gateway-token-0123456789");
    OutboxEntry sent = entry("rem-now");
    assertThat(sent.gatewayMessageId()).isEqualTo(gateway.accepted().get("rem-now"));
    assertThat(sent.sentAt()).isEqualTo(T0);
    assertThat(sent.attempts()).isEqualTo(1);

    // Not before its time: 59 minutes later it is still waiting.
    advance(Duration.ofMinutes(59));
    await().during(Duration.ofMillis(300)).until(() -> gateway.callCount() == 1);
    assertThat(entry("rem-later").status()).isEqualTo(SmsStatus.SCHEDULED);

    advance(Duration.ofMinutes(1));
    awaitStatus("rem-later", SmsStatus.SENT);
    assertThat(gateway.calls())
        .extracting(FakeSmsGateway.Call::id)
        .containsExactly("rem-now", "rem-later");
    assertThat(gateway.calls().get(1).encoding()).isEqualTo("UCS-2");
    assertThat(metrics.counterValue(SmsDispatcher.CALLS_METRIC, "result", "accepted")).isEqualTo(2);
  }

  @Test
  void a5xxIsRetriedAfterTheBackoffWithTheSameId() {
    gateway.once(503, null).once(500, null);
    startDispatcher();
    enqueue("rem-1", T0, T0.plus(Duration.ofHours(2)));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> entry("rem-1").attempts() == 1 && entry("rem-1").lastError() != null);
    OutboxEntry waiting = entry("rem-1");
    assertThat(waiting.status()).isEqualTo(SmsStatus.SCHEDULED);
    assertThat(waiting.lastError()).isEqualTo("HTTP 503");
    assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));

    advance(Duration.ofSeconds(5));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> entry("rem-1").attempts() == 2 && entry("rem-1").lastError() != null);
    assertThat(entry("rem-1").nextAttemptAt()).isEqualTo(T0.plusSeconds(5 + 10));

    advance(Duration.ofSeconds(10));
    awaitStatus("rem-1", SmsStatus.SENT);
    assertThat(gateway.calls())
        .extracting(FakeSmsGateway.Call::id)
        .containsOnly("rem-1")
        .hasSize(3);
    assertThat(entry("rem-1").attempts()).isEqualTo(3);
  }

  @Test
  void a429HonoursRetryAfter() {
    gateway.once(429, "120");
    startDispatcher();
    enqueue("rem-1", T0, T0.plus(Duration.ofHours(2)));

    await().atMost(Duration.ofSeconds(10)).until(() -> entry("rem-1").lastError() != null);
    assertThat(entry("rem-1").nextAttemptAt()).isEqualTo(T0.plusSeconds(120));
    advance(Duration.ofSeconds(119));
    await().during(Duration.ofMillis(300)).until(() -> gateway.callCount() == 1);
    advance(Duration.ofSeconds(1));
    awaitStatus("rem-1", SmsStatus.SENT);
    assertThat(metrics.counterValue(SmsDispatcher.CALLS_METRIC, "result", "throttled"))
        .isEqualTo(1);
  }

  @Test
  void anOther4xxFailsAtOnce() {
    gateway.answer(400);
    startDispatcher();
    enqueue("rem-1", T0, T0.plus(Duration.ofHours(2)));
    awaitStatus("rem-1", SmsStatus.FAILED);
    assertThat(entry("rem-1").lastError()).contains("HTTP 400");
    advance(Duration.ofHours(1));
    await().during(Duration.ofMillis(300)).until(() -> gateway.callCount() == 1);
  }

  @Test
  void aMessagePastItsNotAfterIsSkippedWithoutACall() {
    enqueue("rem-late", T0, T0.plus(Duration.ofMinutes(10)));
    enqueue("rem-ok", T0, T0.plus(Duration.ofHours(10)));
    clock.advance(Duration.ofMinutes(20)); // e.g. Vecino was down
    startDispatcher();
    awaitStatus("rem-late", SmsStatus.SKIPPED);
    awaitStatus("rem-ok", SmsStatus.SENT);
    assertThat(gateway.calls()).extracting(FakeSmsGateway.Call::id).containsExactly("rem-ok");
  }

  @Test
  void afterMaxAttemptsItFails() {
    gateway.answer(500);
    startDispatcher(3, Duration.ofSeconds(5), 100);
    enqueue("rem-1", T0, T0.plus(Duration.ofHours(2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.callCount() == 1);
    advance(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.callCount() == 2);
    advance(Duration.ofSeconds(10));
    awaitStatus("rem-1", SmsStatus.FAILED);
    assertThat(gateway.callCount()).isEqualTo(3);
    assertThat(entry("rem-1").lastError()).isEqualTo("HTTP 500 (after 3 attempts)");
  }

  @Test
  void aRetryThatWouldComeTooLateFails() {
    gateway.answer(500);
    startDispatcher();
    enqueue("rem-1", T0, T0.plusSeconds(3)); // the 5 s backoff ends after notAfter
    awaitStatus("rem-1", SmsStatus.FAILED);
    assertThat(entry("rem-1").lastError()).contains("no longer useful");
    assertThat(gateway.callCount()).isEqualTo(1);
  }

  @Test
  void aHangingGatewayTimesOutAndIsRetried() {
    gateway.hang();
    startDispatcher(8, Duration.ofMillis(500), 5);
    enqueue("rem-1", T0, T0.plus(Duration.ofHours(2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> entry("rem-1").lastError() != null);
    assertThat(entry("rem-1").lastError()).startsWith("no answer within");
    assertThat(entry("rem-1").status()).isEqualTo(SmsStatus.SCHEDULED);
    // A timed-out message may have been handed over: it can no longer be cancelled.
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "rem-1"))).isFalse();
    gateway.answer(200);
    gateway.releaseHanging();
    advance(Duration.ofSeconds(5));
    awaitStatus("rem-1", SmsStatus.SENT);
    assertThat(metrics.counterValue(SmsDispatcher.CALLS_METRIC, "result", "timeout")).isEqualTo(1);
  }

  @Test
  void aRefusedConnectionIsRetried() throws Exception {
    gateway.stop();
    startDispatcher();
    enqueue("rem-1", T0, T0.plus(Duration.ofHours(2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> entry("rem-1").lastError() != null);
    assertThat(entry("rem-1").lastError()).isEqualTo("connection refused");
    // Refused: certainly not handed over, so it can still be cancelled.
    gateway.restart();
    advance(Duration.ofSeconds(5));
    awaitStatus("rem-1", SmsStatus.SENT);
    assertThat(metrics.counterValue(SmsDispatcher.CALLS_METRIC, "result", "unreachable"))
        .isEqualTo(1);
  }

  @Test
  void theBreakerStopsCallsToADownGatewayAndRecoversByItself() throws Exception {
    gateway.answer(503);
    startDispatcher(8, Duration.ofSeconds(5), 3);
    for (int i = 0; i < 10; i++) {
      enqueue("rem-" + i, T0, T0.plus(Duration.ofHours(2)));
    }
    enqueue("rem-short", T0, T0.plus(Duration.ofMinutes(1)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> breaker.state() == CircuitBreaker.State.OPEN);
    assertThat(dispatcher.healthCheck().check().state())
        .isEqualTo(org.vecino.server.http.HealthCheck.State.DEGRADED);
    // Open: no more calls, however often it is woken, while the cool-down lasts.
    for (int i = 0; i < 5; i++) {
      advance(Duration.ofSeconds(5));
      Thread.sleep(50);
    }
    await().during(Duration.ofMillis(500)).until(() -> gateway.callCount() == 3);

    // The gateway comes back; after the cool-down one probe closes the breaker and everything
    // still useful goes out; the message that expired during the outage is skipped.
    gateway.answer(200);
    advance(Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                IntStream.range(0, 10).allMatch(i -> entry("rem-" + i).status() == SmsStatus.SENT));
    assertThat(entry("rem-short").status()).isEqualTo(SmsStatus.SKIPPED);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(gateway.accepted()).hasSize(10);
    assertThat(gateway.callCount()).isEqualTo(13);
    assertThat(dispatcher.healthCheck().check().state())
        .isEqualTo(org.vecino.server.http.HealthCheck.State.UP);
  }

  @Test
  void aProbeThatFailsOpensTheBreakerAgain() {
    gateway.answer(503);
    startDispatcher(8, Duration.ofSeconds(5), 2);
    for (int i = 0; i < 4; i++) {
      enqueue("rem-" + i, T0, T0.plus(Duration.ofHours(2)));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> breaker.state() == CircuitBreaker.State.OPEN);
    assertThat(gateway.callCount()).isEqualTo(2);
    advance(Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.callCount() == 3);
    await().during(Duration.ofMillis(300)).until(() -> gateway.callCount() == 3);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.openUntil()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void withNothingDueItDoesNotPoll() throws Exception {
    startDispatcher();
    enqueue("rem-tomorrow", T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)));
    Thread.sleep(200);
    long before = outbox.dispatcherQueries();
    Thread.sleep(3_000);
    long during = outbox.dispatcherQueries() - before;
    assertThat(during).as("dispatcher queries in 3 s with nothing due").isLessThanOrEqualTo(3);
    assertThat(gateway.callCount()).isZero();

    // ... but a wake-up with something due is served at once.
    long t0 = System.nanoTime();
    enqueue("otp-1", T0, T0.plus(Duration.ofMinutes(10)));
    awaitStatus("otp-1", SmsStatus.SENT);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCancelledMessageIsNotSent() {
    enqueue("rem-1", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)));
    startDispatcher();
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "rem-1"))).isTrue();
    advance(Duration.ofHours(1));
    await().during(Duration.ofMillis(300)).until(() -> gateway.callCount() == 0);
    assertThat(entry("rem-1").status()).isEqualTo(SmsStatus.CANCELLED);
  }

  @Test
  void onTheSpringForwardNightItWaitsTheElapsedTimeNotTheWallClock() {
    // Sunday 28 March 2027 in Madrid: 02:00 CET becomes 03:00 CEST. From 01:30 CET to 04:30 CEST
    // the wall clock moves 3 hours, but only 2 hours pass.
    Instant start = Instant.parse("2027-03-28T00:30:00Z");
    clock.set(start);
    startDispatcher();
    Instant due =
        java.time.ZonedDateTime.parse("2027-03-28T04:30:00+02:00[Europe/Madrid]").toInstant();
    enqueue("rem-dst", due, due.plus(Duration.ofHours(1)));
    advance(Duration.ofHours(2).minusSeconds(1));
    await().during(Duration.ofMillis(300)).until(() -> gateway.callCount() == 0);
    advance(Duration.ofSeconds(1));
    awaitStatus("rem-dst", SmsStatus.SENT);
    assertThat(entry("rem-dst").sentAt()).isEqualTo(start.plus(Duration.ofHours(2)));
  }

  @Test
  void aMessageThatCannotBeProcessedDoesNotBlockTheOthers() throws Exception {
    SmsGateway throwing =
        new SmsGateway() {
          @Override
          public GatewayOutcome send(GatewayRequest request) {
            if (request.id().equals("bad")) {
              throw new IllegalStateException("a bug");
            }
            return new GatewayOutcome.Accepted("ok-" + request.id());
          }

          @Override
          public Duration callTimeout() {
            return Duration.ofSeconds(1);
          }

          @Override
          public String mode() {
            return "test";
          }
        };
    enqueue("bad", T0.minusSeconds(1), T0.plus(Duration.ofHours(1)));
    enqueue("good", T0, T0.plus(Duration.ofHours(1)));
    dispatcher =
        new SmsDispatcher(
                outbox,
                throwing,
                new CircuitBreaker(5, Duration.ofSeconds(30)),
                Backoff.standard(),
                8,
                clock,
                metrics)
            .start();
    awaitStatus("good", SmsStatus.SENT);
    assertThat(entry("bad").status()).isEqualTo(SmsStatus.FAILED);
    assertThat(entry("bad").lastError()).isEqualTo("internal error: IllegalStateException");
  }

  /** Many due messages: each reaches the gateway once. (Rates are measured in bench/.) */
  @Test
  void manyDueMessagesEachReachTheGatewayOnce() {
    int n = 300;
    db.inTransaction(
        c -> {
          for (int i = 0; i < n; i++) {
            outbox.enqueue(
                c,
                new OutgoingSms(
                    "rem-" + i,
                    "+34600111222",
                    "Texto " + i,
                    T0,
                    T0.plus(Duration.ofHours(1)),
                    "reminder",
                    null));
          }
          return null;
        });
    startDispatcher();
    await().atMost(Duration.ofSeconds(60)).until(() -> outbox.counts().get(SmsStatus.SENT) == n);
    assertThat(gateway.accepted()).hasSize(n);
    assertThat(gateway.callCount()).isEqualTo(n);
  }

  /** Without a gateway every message is logged and marked sent under a log id. */
  @Test
  void withTheLogGatewayEveryMessageIsMarkedSent() throws Exception {
    int n = 300;
    db.inTransaction(
        c -> {
          for (int i = 0; i < n; i++) {
            outbox.enqueue(
                c,
                new OutgoingSms(
                    "otp-" + i,
                    "+34600111222",
                    "Código " + i,
                    T0,
                    T0.plus(Duration.ofHours(1)),
                    "otp",
                    null));
          }
          return null;
        });
    dispatcher =
        new SmsDispatcher(
                outbox,
                new LogSmsGateway(),
                new CircuitBreaker(5, Duration.ofSeconds(30)),
                Backoff.standard(),
                8,
                clock,
                metrics)
            .start();
    await().atMost(Duration.ofSeconds(60)).until(() -> outbox.counts().get(SmsStatus.SENT) == n);
    assertThat(outbox.find("otp-7").orElseThrow().gatewayMessageId()).isEqualTo("log-otp-7");
  }
}
