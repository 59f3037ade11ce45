package org.vecino.core.reminders;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A daily span of city time in which no reminder is sent, {@code [start, end)}; it wraps midnight
 * when {@code start} is after {@code end} (21:00–09:00). Immutable.
 */
public record QuietHours(LocalTime start, LocalTime end) {
  public QuietHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours must not start and end at the same time");
    }
  }

  /** The default, 21:00–09:00. */
  public static QuietHours standard() {
    return new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0));
  }

  /**
   * Parses {@code "21:00-09:00"}.
   *
   * @throws IllegalArgumentException when it is not such a span
   */
  public static QuietHours parse(String text) {
    String[] span = text.split("-", -1);
    if (span.length != 2) {
      throw new IllegalArgumentException("not a span HH:MM-HH:MM");
    }
    try {
      return new QuietHours(LocalTime.parse(span[0].strip()), LocalTime.parse(span[1].strip()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a span HH:MM-HH:MM", e);
    }
  }

  private boolean wraps() {
    return start.isAfter(end);
  }

  /** Whether the local time {@code t} is quiet. */
  public boolean contains(LocalTime t) {
    return wraps() ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
  }

  /** Whether {@code t} is quiet in {@code zone}. */
  public boolean contains(Instant t, ZoneId zone) {
    return contains(t.atZone(zone).toLocalTime());
  }

  /** When the quiet span holding {@code t} began (call only when {@link #contains} is true). */
  public Instant startOfSpan(Instant t, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    ZonedDateTime sameDay = local.toLocalDate().atTime(start).atZone(zone);
    if (!sameDay.toInstant().isAfter(t)) {
      return sameDay.toInstant();
    }
    return local.toLocalDate().minusDays(1).atTime(start).atZone(zone).toInstant();
  }

  /** When the quiet span holding {@code t} ends (call only when {@link #contains} is true). */
  public Instant endOfSpan(Instant t, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    ZonedDateTime sameDay = local.toLocalDate().atTime(end).atZone(zone);
    if (sameDay.toInstant().isAfter(t)) {
      return sameDay.toInstant();
    }
    return local.toLocalDate().plusDays(1).atTime(end).atZone(zone).toInstant();
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
