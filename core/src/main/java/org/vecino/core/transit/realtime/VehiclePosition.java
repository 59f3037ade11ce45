package org.vecino.core.transit.realtime;

import java.time.Instant;
import java.util.Objects;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.MessageTimes;

/**
 * Where a bus was at a moment. Immutable.
 *
 * @param line line label, may be null
 * @param speedKmh may be null, else &gt;= 0
 * @param bearing may be null, else 0..359
 */
public record VehiclePosition(
    String vehicleId,
    Instant timestamp,
    Instant receivedAt,
    String line,
    GeoPoint position,
    Double speedKmh,
    Integer bearing) {
  public VehiclePosition {
    Objects.requireNonNull(vehicleId, "vehicleId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(position, "position");
    if (speedKmh != null && !(speedKmh >= 0)) {
      throw new IllegalArgumentException("speedKmh must be >= 0");
    }
    if (bearing != null && (bearing < 0 || bearing > 359)) {
      throw new IllegalArgumentException("bearing must be 0..359");
    }
  }

  public Instant orderingTime() {
    return MessageTimes.orderingTime(timestamp, receivedAt);
  }
}
