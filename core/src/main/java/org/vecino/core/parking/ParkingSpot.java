package org.vecino.core.parking;

import java.util.Objects;

/**
 * One space with its own sensor. Immutable.
 *
 * @param id the sensor's id in the MQTT topic, e.g. {@code sdr-0417}
 * @param facilityId the street zone (or car park) it belongs to
 * @param category its reserved use, null for an ordinary space
 */
public record ParkingSpot(String id, String facilityId, SpaceCategory category) {
  public ParkingSpot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(facilityId, "facilityId");
    if (id.isBlank() || id.contains("/") || id.contains("+") || id.contains("#")) {
      throw new IllegalArgumentException("spot id must be non-blank without / + #");
    }
  }
}
