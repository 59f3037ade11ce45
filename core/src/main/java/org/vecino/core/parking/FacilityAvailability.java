package org.vecino.core.parking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a facility offers now. Immutable.
 *
 * @param total its capacity (a counter may have reported a new one)
 * @param available free spaces: the counter's (clamped to {@code total}) or the free spots heard
 *     from within their stale limit; null when a car park has never reported
 * @param updatedAt the timestamp of its latest message, null when none
 * @param stale no sensor of it reported within its stale limit
 * @param counterFaulty its counter reported more free spaces than its capacity
 * @param spots the spots of a street zone, in catalog order; empty for a car park
 */
public record FacilityAvailability(
    Facility facility,
    int total,
    Integer available,
    ParkingStatus status,
    Trend trend,
    Instant updatedAt,
    boolean stale,
    boolean counterFaulty,
    List<SpotView> spots) {
  public FacilityAvailability {
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(trend, "trend");
    spots = List.copyOf(spots);
  }
}
