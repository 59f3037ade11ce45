package org.vecino.core.reminders;

import java.util.Optional;

/** Where an appointment stands. */
public enum AppointmentStatus {
  /** Booked (or moved) by the scheduling system; not answered yet. */
  BOOKED("booked"),
  /** The citizen replied SI. */
  CONFIRMED("confirmed"),
  /** The citizen replied ANULAR (undone by SI while the appointment has not begun). */
  CANCELLED_BY_CITIZEN("cancelledByCitizen"),
  /** The scheduling system withdrew it (DELETE). */
  CANCELLED_BY_SYSTEM("cancelledBySystem");

  private final String code;

  AppointmentStatus(String code) {
    this.code = code;
  }

  /** The name used in JSON and the database. */
  public String code() {
    return code;
  }

  /** Whether reminders go out for it. */
  public boolean active() {
    return this == BOOKED || this == CONFIRMED;
  }

  public static Optional<AppointmentStatus> fromCode(String code) {
    for (AppointmentStatus s : values()) {
      if (s.code.equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
