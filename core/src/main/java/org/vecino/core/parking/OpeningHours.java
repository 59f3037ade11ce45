package org.vecino.core.parking;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When a facility is open, per weekday, in the city's local time. A day without intervals is closed
 * all day. An interval whose close is not after its open ({@code 22:00-02:00}) runs into the next
 * day. Reading local time from a zoned instant makes it right on daylight-saving days. Immutable.
 */
public record OpeningHours(Map<DayOfWeek, List<Interval>> days) {
  /** Minutes in a day; {@code 24:00} is minute 1440. */
  public static final int DAY_MINUTES = 24 * 60;

  /**
   * One opening interval of a day, in minutes since local midnight.
   *
   * @param openMinute 0..1439
   * @param closeMinute 1..1440; not after {@code openMinute} means it closes the next day
   */
  public record Interval(int openMinute, int closeMinute) {
    public Interval {
      if (openMinute < 0 || openMinute >= DAY_MINUTES) {
        throw new IllegalArgumentException("open must be 00:00..23:59");
      }
      if (closeMinute < 1 || closeMinute > DAY_MINUTES) {
        throw new IllegalArgumentException("close must be 00:01..24:00");
      }
    }

    boolean overnight() {
      return closeMinute <= openMinute;
    }
  }

  public OpeningHours {
    Objects.requireNonNull(days, "days");
    EnumMap<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      copy.put(d, List.copyOf(days.getOrDefault(d, List.of())));
    }
    days = Map.copyOf(copy);
  }

  /** Open every day, all day. */
  public static OpeningHours always() {
    Map<DayOfWeek, List<Interval>> all = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      all.put(d, List.of(new Interval(0, DAY_MINUTES)));
    }
    return new OpeningHours(all);
  }

  /** Whether it is open at a moment, given in the city's zone. */
  public boolean isOpen(ZonedDateTime at) {
    int minute = at.getHour() * 60 + at.getMinute();
    for (Interval i : days.get(at.getDayOfWeek())) {
      if (i.overnight()
          ? minute >= i.openMinute()
          : minute >= i.openMinute() && minute < i.closeMinute()) {
        return true;
      }
    }
    for (Interval i : days.get(at.getDayOfWeek().minus(1))) {
      if (i.overnight() && minute < i.closeMinute()) {
        return true;
      }
    }
    return false;
  }
}
