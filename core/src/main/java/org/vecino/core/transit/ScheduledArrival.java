package org.vecino.core.transit;

import java.time.Instant;
import java.util.Objects;

/**
 * A timetabled arrival of a trip at a stop. Immutable.
 *
 * @param line the route's label ({@link Route#label()})
 * @param routeId GTFS {@code route_id}
 * @param destination the trip's headsign (stop headsign when the feed gives one)
 * @param arrivalTime when it is due
 * @param tripId GTFS {@code trip_id} (for frequency-based trips, the template trip's id)
 */
public record ScheduledArrival(
    String line, String routeId, String destination, Instant arrivalTime, String tripId) {
  public ScheduledArrival {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(routeId, "routeId");
    Objects.requireNonNull(arrivalTime, "arrivalTime");
    Objects.requireNonNull(tripId, "tripId");
    destination = destination == null ? "" : destination;
  }
}
