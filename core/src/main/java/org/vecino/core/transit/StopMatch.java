package org.vecino.core.transit;

import java.util.Objects;

/**
 * A stop found by {@link StopSearch}. Immutable.
 *
 * @param stop the stop
 * @param distanceMeters distance to the searched point in whole metres; null for a name search
 */
public record StopMatch(Stop stop, Integer distanceMeters) {
  public StopMatch {
    Objects.requireNonNull(stop, "stop");
    if (distanceMeters != null && distanceMeters < 0) {
      throw new IllegalArgumentException("distanceMeters must be >= 0");
    }
  }
}
