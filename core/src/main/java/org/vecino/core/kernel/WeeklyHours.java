package org.vecino.core.kernel;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Weekly opening hours in the city's local time: the spans of each weekday. A day without spans is
 * closed all day. A span whose close is not after its open ({@code 22:00-02:00}) runs into the next
 * day. Reading local time from a zoned instant makes it right on daylight-saving days. Shared by
 * parking facilities and offices (which add holidays on top). Immutable.
 *
 * @param days the spans of every weekday, each day present (empty when closed)
 */
public record WeeklyHours(Map<DayOfWeek, List<Span>> days) {
  /** Minutes in a day; {@code 24:00} is minute 1440. */
  public static final int DAY_MINUTES = 24 * 60;

  /**
   * One opening span of a day, in minutes since local midnight.
   *
   * @param openMinute 0..1439
   * @param closeMinute 1..1440; not after {@code openMinute} means it closes the next day
   */
  public record Span(int openMinute, int closeMinute) {
    public Span {
      if (openMinute < 0 || openMinute >= DAY_MINUTES) {
        throw new IllegalArgumentException("open must be 00:00..23:59");
      }
      if (closeMinute < 1 || closeMinute > DAY_MINUTES) {
        throw new IllegalArgumentException("close must be 00:01..24:00");
      }
    }

    /** Whether it closes on the next day. */
    public boolean overnight() {
      return closeMinute <= openMinute;
    }

    /** {@code HH:MM-HH:MM}. */
    @Override
    public String toString() {
      return String.format(
          "%02d:%02d-%02d:%02d",
          openMinute / 60, openMinute % 60, closeMinute / 60, closeMinute % 60);
    }
  }

  public WeeklyHours {
    Objects.requireNonNull(days, "days");
    EnumMap<DayOfWeek, List<Span>> copy = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      copy.put(d, List.copyOf(days.getOrDefault(d, List.of())));
    }
    days = Map.copyOf(copy);
  }

  /** Open every day, all day. */
  public static WeeklyHours always() {
    Map<DayOfWeek, List<Span>> all = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      all.put(d, List.of(new Span(0, DAY_MINUTES)));
    }
    return new WeeklyHours(all);
  }

  /** The spans of a weekday, empty when it is closed. */
  public List<Span> on(DayOfWeek day) {
    return days.get(day);
  }

  /** Whether it is open at a moment, given in the city's zone. */
  public boolean isOpen(ZonedDateTime at) {
    int minute = at.getHour() * 60 + at.getMinute();
    for (Span s : days.get(at.getDayOfWeek())) {
      if (s.overnight()
          ? minute >= s.openMinute()
          : minute >= s.openMinute() && minute < s.closeMinute()) {
        return true;
      }
    }
    for (Span s : days.get(at.getDayOfWeek().minus(1))) {
      if (s.overnight() && minute < s.closeMinute()) {
        return true;
      }
    }
    return false;
  }
}
