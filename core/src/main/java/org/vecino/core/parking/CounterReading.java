package org.vecino.core.parking;

import java.time.Instant;
import java.util.Objects;
import org.vecino.core.kernel.MessageTimes;

/**
 * One message of a car park's gate counter. Immutable.
 *
 * @param available free spaces as counted, &gt;= 0; null only when {@code closed}
 * @param closed the car park says it is closed
 * @param total a new capacity, &gt;= 1, or null to keep the current one
 */
public record CounterReading(
    String facilityId,
    Instant timestamp,
    Instant receivedAt,
    Integer available,
    boolean closed,
    Integer total) {
  public CounterReading {
    Objects.requireNonNull(facilityId, "facilityId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (available == null && !closed) {
      throw new IllegalArgumentException("available is required unless closed");
    }
    if (available != null && available < 0) {
      throw new IllegalArgumentException("available must be >= 0");
    }
    if (total != null && total < 1) {
      throw new IllegalArgumentException("total must be >= 1");
    }
  }

  public Instant orderingTime() {
    return MessageTimes.orderingTime(timestamp, receivedAt);
  }

  CounterReading withTotal(Integer newTotal) {
    return new CounterReading(facilityId, timestamp, receivedAt, available, closed, newTotal);
  }
}
