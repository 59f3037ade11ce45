package org.vecino.core.transit.board;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.Lang;
import org.vecino.core.transit.Stop;

/**
 * What a stop's sign shows at a moment: the next arrivals and the active alerts, in one language.
 * Immutable.
 */
public record ArrivalBoard(
    Stop stop,
    Lang lang,
    Instant generatedAt,
    List<BoardArrival> arrivals,
    List<BoardAlert> alerts) {
  public ArrivalBoard {
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(generatedAt, "generatedAt");
    arrivals = List.copyOf(arrivals);
    alerts = List.copyOf(alerts);
  }
}
