package org.vecino.core.parking;

import java.time.Instant;
import java.util.Objects;
import org.vecino.core.kernel.MessageTimes;

/**
 * One message of a single-space sensor. Immutable.
 *
 * @param batteryPercent 0..100, or null when not reported
 */
public record SpotReading(
    String spotId,
    Instant timestamp,
    Instant receivedAt,
    boolean occupied,
    Integer batteryPercent) {
  public SpotReading {
    Objects.requireNonNull(spotId, "spotId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (batteryPercent != null && (batteryPercent < 0 || batteryPercent > 100)) {
      throw new IllegalArgumentException("batteryPercent must be 0..100");
    }
  }

  /** The earlier of its timestamp and its reception: the time the ordering rules use. */
  public Instant orderingTime() {
    return MessageTimes.orderingTime(timestamp, receivedAt);
  }
}
