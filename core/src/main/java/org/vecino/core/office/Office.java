package org.vecino.core.office;

import java.util.Objects;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.LocalizedText;

/**
 * A neighbourhood office of the town hall where appointments are attended. Immutable.
 *
 * @param id stable identifier ({@code of-cazona})
 * @param name its name
 * @param address street address
 * @param location where it is
 * @param hours when it attends
 */
public record Office(
    String id, LocalizedText name, String address, GeoPoint location, OfficeHours hours) {
  public Office {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(hours, "hours");
  }
}
