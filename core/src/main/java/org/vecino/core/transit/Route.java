package org.vecino.core.transit;

import java.util.Objects;

/**
 * A bus line of the static feed. Immutable.
 *
 * @param id GTFS {@code route_id}
 * @param label what riders see: {@code route_short_name}, else {@code route_long_name}, else id
 * @param longName GTFS {@code route_long_name}, may be empty
 */
public record Route(String id, String label, String longName) {
  public Route {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    longName = longName == null ? "" : longName;
  }
}
