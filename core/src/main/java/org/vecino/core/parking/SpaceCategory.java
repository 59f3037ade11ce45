package org.vecino.core.parking;

import java.util.Optional;

/**
 * A kind of reserved space, as FIWARE's {@code ParkingGroup} categories describe them. The catalog
 * names them by {@link #code()}; {@link #fiwareCategory()} is the Smart Data Models value.
 */
public enum SpaceCategory {
  DISABLED("disabled", "onlyDisabled"),
  LOADING("loading", "loadUnloadZone"),
  MOTORCYCLE("motorcycle", "vehicleTypeSpaces"),
  RESIDENTS("residents", "onlyResidents"),
  ELECTRIC("electric", "onlyElectricalCharging");

  private final String code;
  private final String fiwareCategory;

  SpaceCategory(String code, String fiwareCategory) {
    this.code = code;
    this.fiwareCategory = fiwareCategory;
  }

  /** The catalog's name, e.g. {@code disabled}. */
  public String code() {
    return code;
  }

  /** The FIWARE ParkingGroup category, e.g. {@code onlyDisabled}. */
  public String fiwareCategory() {
    return fiwareCategory;
  }

  public static Optional<SpaceCategory> fromCode(String code) {
    for (SpaceCategory c : values()) {
      if (c.code.equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
