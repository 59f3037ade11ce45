package org.vecino.core.office;

import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.GeoPoint;

/**
 * A kiosk of the Neighbor's Office installed in a neighbourhood. Immutable.
 *
 * @param id stable identifier ({@code k-cazona})
 * @param name its name
 * @param location where it stands
 * @param stops ids of nearby bus stops
 * @param parking ids of nearby car parks or street zones
 * @param officeId the office it belongs to
 */
public record KioskDevice(
    String id,
    String name,
    GeoPoint location,
    List<String> stops,
    List<String> parking,
    String officeId) {
  public KioskDevice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    stops = List.copyOf(stops);
    parking = List.copyOf(parking);
    Objects.requireNonNull(officeId, "officeId");
  }
}
