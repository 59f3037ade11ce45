package org.vecino.server.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs work when it is due and sleeps in between: it asks the {@link Work}
 * to do what is due and to say when the next item is due, then sleeps until that instant of the
 * injected {@link Clock}, until {@link #wake()}, or for at most {@code maxIdle}, whichever comes
 * first. Nothing is polled while nothing is due: during a sleep only the clock is looked at (every
 * {@link #CLOCK_CHECK}, so a clock that jumps is followed), never the work's storage.
 *
 * <p>An exception from the work is logged and the loop pauses ({@code errorBackoff}, longer after
 * each failure in a row, ended early only by {@link #close()}) before it tries again. {@link
 * #close()} stops the thread: it is asked to stop, then interrupted if it is still busy after a
 * couple of seconds.
 *
 * <p>Thread-safe: {@link #wake()}, {@link #running()} and {@link #close()} may be called from any
 * thread. A loop is started at most once.
 */
public final class DueWorkLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DueWorkLoop.class);

  /** How often a sleeping loop looks at the clock. */
  public static final Duration CLOCK_CHECK = Duration.ofSeconds(1);

  /** 1 s after a failure, doubling after each further one, at most 1 min. */
  public static final Backoff ERROR_BACKOFF =
      Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1), Backoff.Jitter.NONE);

  private static final long JOIN_MILLIS = 2_000;

  /** The work a loop runs. */
  @FunctionalInterface
  public interface Work {
    /**
     * Does what is due at {@code now}, and says when the next item is due.
     *
     * @return the instant the next item is due (one not after {@code now} runs the work again at
     *     once), or empty when nothing is known to be due (the loop looks again after {@code
     *     maxIdle} or a {@link #wake()})
     * @throws InterruptedException when the thread is interrupted (the loop is closing)
     */
    Optional<Instant> runDue(Instant now) throws Exception;
  }

  private final String name;
  private final Clock clock;
  private final Duration maxIdle;
  private final Backoff errorBackoff;
  private final Work work;
  private final Object monitor = new Object();
  private boolean wakeRequested;
  private volatile boolean running;
  private Thread thread;

  /**
   * @param name the thread's name, also used in log lines
   * @param clock what "due" is measured by
   * @param maxIdle the longest sleep without running the work
   * @param errorBackoff the pause after the work failed {@code n} times in a row
   */
  public DueWorkLoop(String name, Clock clock, Duration maxIdle, Backoff errorBackoff, Work work) {
    this.name = Objects.requireNonNull(name, "name");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxIdle = Objects.requireNonNull(maxIdle, "maxIdle");
    this.errorBackoff = Objects.requireNonNull(errorBackoff, "errorBackoff");
    this.work = Objects.requireNonNull(work, "work");
    if (maxIdle.isNegative() || maxIdle.isZero()) {
      throw new IllegalArgumentException("maxIdle must be positive");
    }
  }

  /** Starts the thread. */
  public synchronized DueWorkLoop start() {
    if (thread != null) {
      throw new IllegalStateException(name + " already started");
    }
    running = true;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Whether the loop has been started and not closed; work may stop early when this is false. */
  public boolean running() {
    return running;
  }

  /** Makes the loop run the work now (items were added, or the clock moved). */
  public void wake() {
    synchronized (monitor) {
      wakeRequested = true;
      monitor.notifyAll();
    }
  }

  /**
   * Stops the thread: work in progress may finish within a couple of seconds, else the thread is
   * interrupted. Does nothing when not started.
   */
  @Override
  public void close() throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = thread;
      running = false;
    }
    if (t == null) {
      return;
    }
    wake();
    t.join(JOIN_MILLIS);
    if (t.isAlive()) {
      t.interrupt();
      t.join(JOIN_MILLIS);
    }
  }

  private void run() {
    int failures = 0;
    while (running) {
      Optional<Instant> next;
      try {
        next = work.runDue(clock.instant());
        failures = 0;
      } catch (InterruptedException e) {
        return; // closing
      } catch (Exception e) {
        if (!running) {
          return;
        }
        failures++;
        Duration pause = errorBackoff.delay(failures);
        LOG.error(
            "{}: {} (failure {} in a row), again in {} ms",
            name,
            e.toString(),
            failures,
            pause.toMillis(),
            e);
        if (!pause(pause)) {
          return;
        }
        continue;
      }
      if (!sleepUntil(next.orElse(null))) {
        return;
      }
    }
  }

  /**
   * Sleeps until the clock reaches {@code dueAt} (null: nothing due), a wake-up, or {@code
   * maxIdle}.
   *
   * @return false when interrupted
   */
  private boolean sleepUntil(Instant dueAt) {
    long idleEnd = System.nanoTime() + maxIdle.toNanos();
    synchronized (monitor) {
      try {
        while (running && !wakeRequested) {
          long idleLeft = millisCeil(idleEnd - System.nanoTime());
          if (idleLeft <= 0) {
            break;
          }
          long wait = idleLeft;
          if (dueAt != null) {
            long untilDue = millisBetween(clock.instant(), dueAt);
            if (untilDue <= 0) {
              break;
            }
            wait = Math.min(wait, Math.min(untilDue, CLOCK_CHECK.toMillis()));
          }
          monitor.wait(wait);
        }
      } catch (InterruptedException e) {
        return false;
      } finally {
        wakeRequested = false;
      }
    }
    return true;
  }

  /** Waits {@code d} of real time, ended early only by {@link #close()}; false when interrupted. */
  private boolean pause(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    synchronized (monitor) {
      try {
        long left;
        while (running && (left = millisCeil(end - System.nanoTime())) > 0) {
          monitor.wait(left);
        }
      } catch (InterruptedException e) {
        return false;
      }
      wakeRequested = false;
    }
    return true;
  }

  private static long millisCeil(long nanos) {
    return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
  }

  private static long millisBetween(Instant from, Instant to) {
    try {
      return Duration.between(from, to).toMillis();
    } catch (ArithmeticException e) {
      return to.isAfter(from) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  @Override
  public String toString() {
    return "DueWorkLoop[" + name + "]";
  }
}
