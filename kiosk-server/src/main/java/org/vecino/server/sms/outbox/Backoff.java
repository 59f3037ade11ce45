package org.vecino.server.sms.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1 for the first) wait a random time
 * in {@code [0, min(cap, base * 2^(n-1))]}. Immutable; thread-safe when its random source is.
 */
public final class Backoff {
  /** 5 s, doubling, at most 10 min. */
  public static final Duration DEFAULT_BASE = Duration.ofSeconds(5);

  public static final Duration DEFAULT_CAP = Duration.ofMinutes(10);

  private final Duration base;
  private final Duration cap;
  private final DoubleSupplier random;

  /**
   * @param random numbers in {@code [0, 1]}: 0 waits nothing, 1 the whole window
   */
  public Backoff(Duration base, Duration cap, DoubleSupplier random) {
    this.base = Objects.requireNonNull(base, "base");
    this.cap = Objects.requireNonNull(cap, "cap");
    this.random = Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap");
    }
  }

  /** 5 s base, 10 min cap, random jitter. */
  public static Backoff standard() {
    return new Backoff(DEFAULT_BASE, DEFAULT_CAP, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The longest wait before retry {@code retry} (1-based). */
  public Duration window(int retry) {
    int n = Math.max(1, retry);
    long ms = base.toMillis();
    for (int i = 1; i < n && ms < cap.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, cap.toMillis()));
  }

  /** A random wait before retry {@code retry} (1-based), within {@link #window}. */
  public Duration delay(int retry) {
    double r = Math.max(0, Math.min(1, random.getAsDouble()));
    return Duration.ofMillis(Math.round(window(retry).toMillis() * r));
  }
}
