package org.vecino.core.office;

import java.time.LocalTime;
import java.util.Objects;

/**
 * An opening span of one day in local time, {@code from} inclusive, {@code to} exclusive, within
 * the day. Immutable.
 */
public record TimeSpan(LocalTime from, LocalTime to) {
  public TimeSpan {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("a span must end after it starts: " + from + "-" + to);
    }
  }

  /** Parses {@code 09:00-14:00}. */
  public static TimeSpan parse(String text) {
    String[] parts = text.split("-", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected HH:MM-HH:MM, got \"" + text + "\"");
    }
    try {
      return new TimeSpan(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("expected HH:MM-HH:MM, got \"" + text + "\"", e);
    }
  }

  @Override
  public String toString() {
    return from.getHour()
        + ":"
        + String.format("%02d", from.getMinute())
        + "-"
        + to.getHour()
        + ":"
        + String.format("%02d", to.getMinute());
  }
}
