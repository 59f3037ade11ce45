package org.vecino.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests set and advance by hand; it stands still in between. Mutable and thread-safe: a
 * test thread may move it while the code under test reads it. {@link #withZone} returns an
 * independent clock starting at the current instant.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MutableClock(Instant start, ZoneId zone) {
    this.now = new AtomicReference<>(start);
    this.zone = zone;
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  public void set(Instant t) {
    now.set(t);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now.get(), zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
