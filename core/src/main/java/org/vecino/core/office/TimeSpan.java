package org.vecino.core.office;

import java.time.LocalTime;
import java.util.Objects;
import org.vecino.core.kernel.HoursSyntax;
import org.vecino.core.kernel.WeeklyHours;

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

  /** Parses {@code 09:00-14:00} ({@link HoursSyntax#times}). */
  public static TimeSpan parse(String text) {
    HoursSyntax.Times t =
        HoursSyntax.times(text)
            .filter(x -> x.open() < WeeklyHours.DAY_MINUTES && x.close() < WeeklyHours.DAY_MINUTES)
            .orElseThrow(
                () -> new IllegalArgumentException("expected HH:MM-HH:MM, got \"" + text + "\""));
    return new TimeSpan(time(t.open()), time(t.close()));
  }

  /** The same-day span of a weekly span; refused when it runs into the next day. */
  public static TimeSpan of(WeeklyHours.Span span) {
    if (span.overnight() || span.closeMinute() == WeeklyHours.DAY_MINUTES) {
      throw new IllegalArgumentException("a span must end after it starts: " + span);
    }
    return new TimeSpan(time(span.openMinute()), time(span.closeMinute()));
  }

  /** This span as a span of {@link WeeklyHours}. */
  public WeeklyHours.Span toSpan() {
    return new WeeklyHours.Span(
        from.getHour() * 60 + from.getMinute(), to.getHour() * 60 + to.getMinute());
  }

  private static LocalTime time(int minute) {
    return LocalTime.of(minute / 60, minute % 60);
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
