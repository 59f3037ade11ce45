package org.vecino.server.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecino.core.testing.MutableClock;

/** The due-work loop with a hand-set clock: due times, wake-ups, idleness, errors, closing. */
class DueWorkLoopTest {
  private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
  private static final Backoff FAST_ERRORS =
      new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), Backoff.Jitter.NONE, () -> 0);

  private final MutableClock clock = new MutableClock(T0, ZoneOffset.UTC);
  private final List<Instant> runs = new CopyOnWriteArrayList<>();
  private final AtomicReference<Optional<Instant>> nextDue =
      new AtomicReference<>(Optional.empty());
  private DueWorkLoop loop;

  @AfterEach
  void close() throws Exception {
    if (loop != null) {
      loop.close();
    }
  }

  private DueWorkLoop start(Duration maxIdle, DueWorkLoop.Work work) {
    loop = new DueWorkLoop("test-loop", clock, maxIdle, FAST_ERRORS, work).start();
    return loop;
  }

  /** Work that records each run and answers the next due instant the test sets. */
  private DueWorkLoop.Work recording() {
    return now -> {
      runs.add(now);
      return nextDue.get();
    };
  }

  @Test
  void runsAtOnceThenSleepsUntilTheNextDueInstantOfTheClock() {
    nextDue.set(Optional.of(T0.plusSeconds(30)));
    start(Duration.ofHours(1), recording());
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    assertThat(runs.get(0)).isEqualTo(T0);

    clock.advance(Duration.ofSeconds(29));
    await()
        .during(Duration.ofMillis(1_500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> runs.size() == 1);

    // The clock reaches the due instant: no wake-up needed, the sleeping loop looks at the clock.
    nextDue.set(Optional.empty());
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
    assertThat(runs.get(1)).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void withNothingDueItDoesNotRunUntilWokenOrIdleForMaxIdle() {
    start(Duration.ofHours(1), recording());
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    clock.advance(Duration.ofDays(1));
    await()
        .during(Duration.ofMillis(1_500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> runs.size() == 1);
    loop.wake();
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
  }

  @Test
  void aWakeUpCutsASleepShort() {
    nextDue.set(Optional.of(T0.plus(Duration.ofDays(1))));
    start(Duration.ofHours(1), recording());
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    long t = System.nanoTime();
    loop.wake();
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofMillis(900));
  }

  @Test
  void afterMaxIdleItLooksAgain() {
    start(Duration.ofMillis(100), recording());
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() >= 4);
  }

  @Test
  void aDueInstantAlreadyPastRunsAgainAtOnce() {
    AtomicInteger left = new AtomicInteger(5);
    start(
        Duration.ofHours(1),
        now -> {
          runs.add(now);
          return left.decrementAndGet() > 0 ? Optional.of(now) : Optional.empty();
        });
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 5);
    await().during(Duration.ofMillis(300)).until(() -> runs.size() == 5);
  }

  @Test
  void anExceptionInTheWorkIsSurvivedAfterAPause() {
    AtomicInteger calls = new AtomicInteger();
    start(
        Duration.ofHours(1),
        now -> {
          if (calls.incrementAndGet() <= 3) {
            throw new IllegalStateException("the database is unwell");
          }
          runs.add(now);
          return Optional.empty();
        });
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    assertThat(calls).hasValue(4);
    assertThat(loop.running()).isTrue();
  }

  @Test
  void closeStopsTheThreadEvenInTheMiddleOfWork() throws Exception {
    CountDownLatch inWork = new CountDownLatch(1);
    AtomicReference<Thread> worker = new AtomicReference<>();
    start(
        Duration.ofHours(1),
        now -> {
          worker.set(Thread.currentThread());
          inWork.countDown();
          new CountDownLatch(1).await(); // blocks until interrupted
          return Optional.empty();
        });
    assertThat(inWork.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    loop.close();
    assertThat(loop.running()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> !worker.get().isAlive());
    assertThat(worker.get().isDaemon()).isTrue();
    assertThat(worker.get().getName()).isEqualTo("test-loop");
  }

  @Test
  void closeWhileSleepingEndsQuicklyAndNothingRunsAfter() throws Exception {
    start(Duration.ofHours(1), recording());
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    long t = System.nanoTime();
    loop.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(1));
    loop.wake();
    clock.advance(Duration.ofDays(1));
    await().during(Duration.ofMillis(300)).until(() -> runs.size() == 1);
  }

  @Test
  void startsOnce() {
    start(Duration.ofHours(1), recording());
    assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new DueWorkLoop("x", clock, Duration.ZERO, FAST_ERRORS, recording()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
