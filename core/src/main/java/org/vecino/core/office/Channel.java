package org.vecino.core.office;

import java.util.Optional;

/** Where a citizen carries out a procedure. */
public enum Channel {
  /** Done at the kiosk itself, no appointment. */
  KIOSK("kiosk"),
  /** Needs an appointment at a neighbourhood office. */
  APPOINTMENT("appointment"),
  /** Only at the town hall (registro general, Plaza del Ayuntamiento). */
  TOWN_HALL("townHall");

  private final String code;

  Channel(String code) {
    this.code = code;
  }

  /** The name used in JSON and in the catalog file. */
  public String code() {
    return code;
  }

  public static Optional<Channel> fromCode(String code) {
    for (Channel c : values()) {
      if (c.code.equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
