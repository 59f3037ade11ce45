package org.vecino.core.kernel;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogs' syntax of opening hours, read the same way for car parks and offices: weekdays
 * {@code mon} … {@code sun}, day ranges ({@code mon-fri}) and {@code daily}, and spans {@code
 * HH:MM-HH:MM} ({@code 24:00} allowed as an end). Each catalog builds its own error messages from
 * an empty answer. Stateless and thread-safe.
 */
public final class HoursSyntax {
  private static final Pattern SPAN =
      Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");

  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "mon", DayOfWeek.MONDAY,
          "tue", DayOfWeek.TUESDAY,
          "wed", DayOfWeek.WEDNESDAY,
          "thu", DayOfWeek.THURSDAY,
          "fri", DayOfWeek.FRIDAY,
          "sat", DayOfWeek.SATURDAY,
          "sun", DayOfWeek.SUNDAY);

  private HoursSyntax() {}

  /**
   * A span as written: its start and end in minutes since midnight, as given ({@code 00:00} is 0,
   * {@code 24:00} is 1440; an end not after the start is left to the caller).
   */
  public record Times(int open, int close) {}

  /** The weekday of {@code mon} … {@code sun}. */
  public static Optional<DayOfWeek> day(String name) {
    return Optional.ofNullable(DAYS.get(name));
  }

  /** The days of a key: a day ({@code sat}), a range ({@code mon-fri}) or {@code daily}. */
  public static Optional<List<DayOfWeek>> days(String key) {
    if (key.equals("daily")) {
      return Optional.of(List.of(DayOfWeek.values()));
    }
    String[] parts = key.split("-", -1);
    DayOfWeek from = parts.length <= 2 ? DAYS.get(parts[0]) : null;
    DayOfWeek to = parts.length == 2 ? DAYS.get(parts[1]) : from;
    if (from == null || to == null || to.compareTo(from) < 0) {
      return Optional.empty();
    }
    List<DayOfWeek> out = new ArrayList<>();
    for (DayOfWeek d = from; ; d = d.plus(1)) {
      out.add(d);
      if (d == to) {
        return Optional.of(out);
      }
    }
  }

  /**
   * A span {@code HH:MM-HH:MM} (surrounding blanks ignored), each time 00:00..23:59 or 24:00; empty
   * when it is not one.
   */
  public static Optional<Times> times(String text) {
    Matcher m = SPAN.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    int open = minutes(m.group(1), m.group(2));
    int close = minutes(m.group(3), m.group(4));
    return open < 0 || close < 0 ? Optional.empty() : Optional.of(new Times(open, close));
  }

  private static int minutes(String h, String m) {
    int hours = Integer.parseInt(h);
    int minutes = Integer.parseInt(m);
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes > 0)) {
      return -1;
    }
    return hours * 60 + minutes;
  }
}
