package org.vecino.server.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff: before retry {@code n} (1 for the first) the window is {@code min(cap, base
 * * 2^(n-1))}, and the wait is that window changed by a {@link Jitter}: {@link Jitter#FULL} (a
 * random time in {@code [0, window]}), {@link Jitter#NONE} (the window itself) or {@link
 * Jitter#plusMinus} (the window ± a fraction). A wait is never longer than the cap. Immutable;
 * thread-safe when its random source is.
 */
public final class Backoff {
  /** 5 s, doubling, at most 10 min. */
  public static final Duration DEFAULT_BASE = Duration.ofSeconds(5);

  public static final Duration DEFAULT_CAP = Duration.ofMinutes(10);

  /** How a window becomes a wait, given a number {@code r} in {@code [0, 1]}. */
  @FunctionalInterface
  public interface Jitter {
    /** A random time in {@code [0, window]}. */
    Jitter FULL = (window, r) -> Math.round(window * r);

    /** The window itself, whatever {@code r}. */
    Jitter NONE = (window, r) -> window;

    /** The window ± {@code fraction} of it (0.2: 80 % to 120 %). */
    static Jitter plusMinus(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException("need 0 <= fraction < 1");
      }
      return (window, r) -> (long) (window * (1 - fraction + 2 * fraction * r));
    }

    /** The wait in milliseconds for a window in milliseconds and {@code r} in {@code [0, 1]}. */
    long apply(long windowMillis, double r);
  }

  private final Duration base;
  private final Duration cap;
  private final Jitter jitter;
  private final DoubleSupplier random;

  /**
   * @param jitter how the window becomes a wait
   * @param random numbers in {@code [0, 1]}
   */
  public Backoff(Duration base, Duration cap, Jitter jitter, DoubleSupplier random) {
    this.base = Objects.requireNonNull(base, "base");
    this.cap = Objects.requireNonNull(cap, "cap");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    this.random = Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap");
    }
  }

  /**
   * Full jitter.
   *
   * @param random numbers in {@code [0, 1]}: 0 waits nothing, 1 the whole window
   */
  public Backoff(Duration base, Duration cap, DoubleSupplier random) {
    this(base, cap, Jitter.FULL, random);
  }

  /** {@code base}, doubling, at most {@code cap}, with {@code jitter} from a random source. */
  public static Backoff of(Duration base, Duration cap, Jitter jitter) {
    return new Backoff(base, cap, jitter, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** 5 s base, 10 min cap, full jitter. */
  public static Backoff standard() {
    return of(DEFAULT_BASE, DEFAULT_CAP, Jitter.FULL);
  }

  /** The wait before retry {@code retry} (1-based) without jitter. */
  public Duration window(int retry) {
    int n = Math.max(1, retry);
    long ms = base.toMillis();
    for (int i = 1; i < n && ms < cap.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, cap.toMillis()));
  }

  /** The wait before retry {@code retry} (1-based): the {@link #window} with jitter, capped. */
  public Duration delay(int retry) {
    double r = Math.max(0, Math.min(1, random.getAsDouble()));
    long ms = jitter.apply(window(retry).toMillis(), r);
    return Duration.ofMillis(Math.max(0, Math.min(ms, cap.toMillis())));
  }

  @Override
  public String toString() {
    return "Backoff[" + base + " doubling, at most " + cap + "]";
  }
}
