package org.vecino.core.parking;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every facility and spot the city has, by id. Immutable and thread-safe. */
public final class ParkingCatalog {
  private final Map<String, Facility> facilities;
  private final Map<String, ParkingSpot> spots;

  /**
   * @throws IllegalArgumentException when a facility id or a spot id is used twice
   */
  public ParkingCatalog(List<Facility> list) {
    Map<String, Facility> byId = new LinkedHashMap<>();
    Map<String, ParkingSpot> spotsById = new HashMap<>();
    for (Facility f : list) {
      if (byId.putIfAbsent(f.id(), f) != null) {
        throw new IllegalArgumentException("facility " + f.id() + " is listed twice");
      }
      for (ParkingSpot s : f.spots()) {
        if (spotsById.putIfAbsent(s.id(), s) != null) {
          throw new IllegalArgumentException(
              "spot "
                  + s.id()
                  + " is in both "
                  + spotsById.get(s.id()).facilityId()
                  + " and "
                  + f.id());
        }
      }
    }
    this.facilities = java.util.Collections.unmodifiableMap(byId);
    this.spots = Map.copyOf(spotsById);
  }

  public static ParkingCatalog empty() {
    return new ParkingCatalog(List.of());
  }

  public Optional<Facility> facility(String id) {
    return Optional.ofNullable(facilities.get(id));
  }

  public Optional<ParkingSpot> spot(String id) {
    return Optional.ofNullable(spots.get(id));
  }

  /** In catalog order. */
  public Collection<Facility> facilities() {
    return facilities.values();
  }

  public int spotCount() {
    return spots.size();
  }
}
