package org.vecino.core.transit.board;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of an arrival board. Immutable.
 *
 * @param line line label
 * @param destination headsign, may be empty
 * @param arrivalTime predicted or timetabled arrival
 * @param minutes whole minutes from the board's time, rounded down, never negative; 0 is arriving
 * @param realtime true when from a fresh prediction, false when from the timetable
 * @param vehicle vehicle id of a prediction, may be null
 * @param updatedAt the prediction's timestamp; null for a timetable row
 */
public record BoardArrival(
    String line,
    String destination,
    Instant arrivalTime,
    int minutes,
    boolean realtime,
    String vehicle,
    Instant updatedAt) {
  public BoardArrival {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(arrivalTime, "arrivalTime");
    destination = destination == null ? "" : destination;
    if (minutes < 0) {
      throw new IllegalArgumentException("minutes must be >= 0");
    }
  }
}
