package org.vecino.core.transit;

import java.util.Objects;
import org.vecino.core.kernel.GeoPoint;

/**
 * A bus stop of the static feed. Immutable.
 *
 * @param id GTFS {@code stop_id}
 * @param code GTFS {@code stop_code}, the number riders see; the id when the feed has none
 * @param name GTFS {@code stop_name}
 * @param location where it is
 */
public record Stop(String id, String code, String name, GeoPoint location) {
  public Stop {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    if (code == null || code.isBlank()) {
      code = id;
    }
  }
}
