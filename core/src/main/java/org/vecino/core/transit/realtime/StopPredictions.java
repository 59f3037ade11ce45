package org.vecino.core.transit.realtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.MessageTimes;

/**
 * A snapshot of every real-time prediction for one stop: it replaces the previous one. Immutable.
 *
 * @param stopId GTFS stop id
 * @param timestamp when the fleet system produced it
 * @param receivedAt when Vecino received it
 * @param arrivals the predictions; empty means no bus is predicted now
 */
public record StopPredictions(
    String stopId, Instant timestamp, Instant receivedAt, List<Prediction> arrivals) {
  public StopPredictions {
    Objects.requireNonNull(stopId, "stopId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    arrivals = List.copyOf(arrivals);
  }

  /**
   * The time used to order messages: the earlier of {@code timestamp} and {@code receivedAt}, so a
   * sensor whose clock runs fast cannot block its correct successors.
   */
  public Instant orderingTime() {
    return MessageTimes.orderingTime(timestamp, receivedAt);
  }
}
