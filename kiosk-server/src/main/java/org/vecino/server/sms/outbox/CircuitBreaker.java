package org.vecino.server.sms.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Stops calling a gateway that is down: after {@code threshold} consecutive failures it is {@code
 * open} for {@code coolDown}; then one probe call is let through ({@code halfOpen}); its success
 * closes it, its failure opens it again. Meant for one calling thread (the dispatcher); its state
 * may be read from any thread. Thread-safe.
 */
public final class CircuitBreaker {
  /** Where the breaker is. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN;

    /** The name shown by {@code /health}: {@code closed}, {@code open}, {@code halfOpen}. */
    public String code() {
      return this == HALF_OPEN ? "halfOpen" : name().toLowerCase(Locale.ROOT);
    }
  }

  private final int threshold;
  private final Duration coolDown;
  private State state = State.CLOSED;
  private int failures;
  private Instant openUntil = Instant.MIN;

  public CircuitBreaker(int threshold, Duration coolDown) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    this.threshold = threshold;
    this.coolDown = Objects.requireNonNull(coolDown, "coolDown");
  }

  /**
   * Whether a call may be made at {@code now}; an open breaker whose cool-down is over turns
   * half-open and lets this one call (the probe) through.
   */
  public synchronized boolean tryCall(Instant now) {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (!now.isBefore(openUntil)) {
          state = State.HALF_OPEN;
          return true;
        }
        return false;
      default:
        // Half-open: the previous probe did not reach the gateway (e.g. its message was
        // cancelled); this call is the probe. The single dispatcher thread makes one at a time.
        return true;
    }
  }

  /** The gateway answered as a working gateway does. */
  public synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
  }

  /** The gateway seems down (no connection, timeout, 5xx). */
  public synchronized void onFailure(Instant now) {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openUntil = now.plus(coolDown);
    }
  }

  public synchronized State state() {
    return state;
  }

  /** Until when an open breaker refuses calls. */
  public synchronized Instant openUntil() {
    return openUntil;
  }

  /** Consecutive failures counted so far. */
  public synchronized int failures() {
    return failures;
  }
}
