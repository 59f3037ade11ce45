package org.vecino.core.transit.realtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One real-time predicted arrival, as the fleet system sent it. Immutable.
 *
 * @param line the line label as sent (a route short name or route id)
 * @param destination headsign, may be null
 * @param arrivalTime predicted arrival (an {@code etaSeconds} is resolved against the message's
 *     timestamp when decoding)
 * @param vehicle vehicle id, may be null
 * @param distanceMeters distance of the vehicle to the stop, may be null, else &gt;= 0
 * @param tripId GTFS trip id, may be null
 */
public record Prediction(
    String line,
    String destination,
    Instant arrivalTime,
    String vehicle,
    Integer distanceMeters,
    String tripId) {
  public Prediction {
    if (line == null || line.isBlank()) {
      throw new IllegalArgumentException("line is required");
    }
    Objects.requireNonNull(arrivalTime, "arrivalTime");
    if (distanceMeters != null && distanceMeters < 0) {
      throw new IllegalArgumentException("distanceMeters must be >= 0");
    }
  }
}
