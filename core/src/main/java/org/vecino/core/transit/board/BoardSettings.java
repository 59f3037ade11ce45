package org.vecino.core.transit.board;

import java.time.Duration;
import java.util.Objects;

/**
 * How arrival boards are built. Immutable.
 *
 * @param staleAfter a prediction snapshot older than this (by its {@code timestamp}) is no longer
 *     real-time (90 s by contract)
 * @param arrivedGrace how long a real-time arrival already past still shows, as 0 minutes (60 s)
 * @param horizon how far ahead the timetable is looked at (3 h)
 * @param defaultLimit rows when the caller does not say (10)
 * @param maxLimit the most rows a caller may ask for (50)
 */
public record BoardSettings(
    Duration staleAfter, Duration arrivedGrace, Duration horizon, int defaultLimit, int maxLimit) {
  public BoardSettings {
    requireNonNegative(staleAfter, "staleAfter");
    requireNonNegative(arrivedGrace, "arrivedGrace");
    Objects.requireNonNull(horizon, "horizon");
    if (horizon.isZero() || horizon.isNegative()) {
      throw new IllegalArgumentException("horizon must be positive, was " + horizon);
    }
    if (maxLimit < 1) {
      throw new IllegalArgumentException("maxLimit must be >= 1, was " + maxLimit);
    }
    if (defaultLimit < 1 || defaultLimit > maxLimit) {
      throw new IllegalArgumentException(
          "defaultLimit must be 1.." + maxLimit + ", was " + defaultLimit);
    }
  }

  /** The contract's values: stale after 90 s, 60 s grace, 3 h horizon, 10 rows, at most 50. */
  public static BoardSettings defaults() {
    return new BoardSettings(
        Duration.ofSeconds(90), Duration.ofSeconds(60), Duration.ofHours(3), 10, 50);
  }

  /** The same settings with another {@link #staleAfter()} (it is configurable). */
  public BoardSettings withStaleAfter(Duration staleAfter) {
    return new BoardSettings(staleAfter, arrivedGrace, horizon, defaultLimit, maxLimit);
  }

  private static void requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
  }
}
