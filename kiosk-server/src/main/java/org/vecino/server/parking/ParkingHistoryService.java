package org.vecino.server.parking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vecino.core.parking.history.OccupancyPoint;

/**
 * The stored occupancy history of the car parks, for the HTTP layer (which never holds a
 * repository). Thread-safe.
 */
public final class ParkingHistoryService {
  private final ParkingRepository repository;

  public ParkingHistoryService(ParkingRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /** The stored five-minute (or, when older, hourly) points of a facility in {@code [from, to)}. */
  public List<OccupancyPoint> history(String facilityId, Instant from, Instant to) {
    return repository.history(facilityId, from, to);
  }
}
