package org.vecino.core.parking.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A facility's free spaces over one bucket of time. Immutable.
 *
 * @param at the bucket's start
 * @param available free spaces at the end of the bucket (its last known value)
 * @param minAvailable the fewest free spaces seen in the bucket
 * @param maxAvailable the most free spaces seen in the bucket
 * @param total the capacity at the end of the bucket
 */
public record OccupancyPoint(
    Instant at, int available, int minAvailable, int maxAvailable, int total) {
  public OccupancyPoint {
    Objects.requireNonNull(at, "at");
    if (minAvailable < 0 || minAvailable > available || available > maxAvailable) {
      throw new IllegalArgumentException("must be 0 <= minAvailable <= available <= maxAvailable");
    }
    if (total < 1) {
      throw new IllegalArgumentException("total must be >= 1");
    }
  }
}
