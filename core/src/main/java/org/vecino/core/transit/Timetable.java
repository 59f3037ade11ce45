package org.vecino.core.transit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The static network: stops, lines and when each trip is due at each stop. Implementations are
 * immutable once built and safe for concurrent reads.
 */
public interface Timetable {

  /** The agency's zone; service days are counted in it. */
  ZoneId zone();

  /** Every stop (location_type 0 or empty), in feed order. */
  List<Stop> stops();

  Optional<Stop> stop(String stopId);

  /** Every route, in feed order. */
  List<Route> routes();

  /** A route by its {@code route_id} or, failing that, by its label (short name). */
  Optional<Route> route(String idOrLabel);

  /** The labels of the lines that call at a stop on any day (empty for an unknown stop). */
  Set<String> linesAt(String stopId);

  /**
   * Timetabled arrivals at a stop with {@code from <= arrivalTime < to}, sorted by arrival time.
   * Covers every service day that can reach the window (including trips of the previous service day
   * whose times pass 24:00:00) and expands frequency-based trips.
   */
  List<ScheduledArrival> arrivals(String stopId, Instant from, Instant to);
}
