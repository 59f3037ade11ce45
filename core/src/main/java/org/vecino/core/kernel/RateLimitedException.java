package org.vecino.core.kernel;

import java.time.Duration;
import java.util.Objects;

/** A caller asked too often and must wait before asking again. Immutable. */
public final class RateLimitedException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  /**
   * @param message what was asked too often
   * @param retryAfter how long to wait before trying again; not negative
   */
  public RateLimitedException(String message, Duration retryAfter) {
    super(message);
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
    this.retryAfter = retryAfter;
  }

  /** How long to wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
