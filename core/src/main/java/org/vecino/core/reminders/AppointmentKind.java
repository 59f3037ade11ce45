package org.vecino.core.reminders;

import java.util.Locale;
import java.util.Optional;

/** What an appointment is for; each kind has its own reminder offsets and text. */
public enum AppointmentKind {
  MEDICAL,
  MUNICIPAL;

  /** The name used in JSON, settings and the database ({@code medical}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AppointmentKind> fromCode(String code) {
    for (AppointmentKind k : values()) {
      if (k.code().equals(code)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
