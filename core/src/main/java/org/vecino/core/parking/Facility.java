package org.vecino.core.parking;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.WeeklyHours;

/**
 * A car park or a street zone of the catalog. Immutable.
 *
 * @param id the id in MQTT topics and URLs, e.g. {@code pz-italia}
 * @param name shown to citizens
 * @param type counted car park or zone of single-space sensors
 * @param location where it is (its entrance)
 * @param capacity spaces of a car park, or the number of spots of a zone
 * @param spots the spots of an {@code onStreet} zone; empty for a car park
 * @param hours when it is open
 * @param categories reserved spaces by category (for a zone, counted from its spots)
 * @param staleAfter how long without a message before it (or a spot) is unknown; above zero
 */
public record Facility(
    String id,
    String name,
    FacilityType type,
    GeoPoint location,
    int capacity,
    List<ParkingSpot> spots,
    WeeklyHours hours,
    Map<SpaceCategory, Integer> categories,
    Duration staleAfter) {
  /** The contract's stale limit when the catalog sets none. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(30);

  public Facility {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(hours, "hours");
    Objects.requireNonNull(staleAfter, "staleAfter");
    if (id.isBlank() || id.contains("/") || id.contains("+") || id.contains("#")) {
      throw new IllegalArgumentException("id must be non-blank without / + #");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must be non-blank");
    }
    spots = List.copyOf(spots == null ? List.of() : spots);
    categories = Map.copyOf(categories == null ? Map.of() : categories);
    if (staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("staleAfter must be above zero");
    }
    if (type == FacilityType.OFF_STREET) {
      if (!spots.isEmpty()) {
        throw new IllegalArgumentException("a counted car park has no spots");
      }
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be >= 1");
      }
    } else {
      if (spots.isEmpty()) {
        throw new IllegalArgumentException("a street zone needs at least one spot");
      }
      if (capacity != spots.size()) {
        throw new IllegalArgumentException("a street zone's capacity is its number of spots");
      }
      Set<String> seen = new HashSet<>();
      for (ParkingSpot s : spots) {
        if (!s.facilityId().equals(id)) {
          throw new IllegalArgumentException("spot " + s.id() + " belongs to " + s.facilityId());
        }
        if (!seen.add(s.id())) {
          throw new IllegalArgumentException("spot " + s.id() + " is listed twice");
        }
      }
    }
    int reserved = 0;
    for (Map.Entry<SpaceCategory, Integer> e : categories.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("category " + e.getKey().code() + " must be >= 0");
      }
      reserved += e.getValue();
    }
    if (reserved > capacity) {
      throw new IllegalArgumentException("reserved spaces exceed the capacity");
    }
  }
}
