package org.vecino.core.parking;

import java.util.Optional;

/** What kind of place a parking facility is. */
public enum FacilityType {
  /** A counted car park: gate counters report how many spaces are free. */
  OFF_STREET("offStreet"),
  /** A street zone: one single-space sensor per spot. */
  ON_STREET("onStreet");

  private final String code;

  FacilityType(String code) {
    this.code = code;
  }

  /** The contract's name, e.g. {@code offStreet}. */
  public String code() {
    return code;
  }

  public static Optional<FacilityType> fromCode(String code) {
    for (FacilityType t : values()) {
      if (t.code.equals(code)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
