package org.vecino.core.office;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.WeeklyHours;

/**
 * When an office attends: its {@link WeeklyHours} in local time, and the public holidays on which
 * it is closed. An office's spans end on the day they start, and spans of a day must not overlap.
 * Immutable.
 *
 * @param weekly the spans of each weekday (sorted by start)
 * @param holidays dates on which the office is closed all day
 */
public record OfficeHours(WeeklyHours weekly, Set<LocalDate> holidays) {
  public OfficeHours {
    Objects.requireNonNull(weekly, "weekly");
    Map<DayOfWeek, List<WeeklyHours.Span>> sorted = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      List<WeeklyHours.Span> spans = new ArrayList<>(weekly.on(day));
      for (WeeklyHours.Span s : spans) {
        TimeSpan.of(s); // refuses a span into the next day
      }
      spans.sort(Comparator.comparingInt(WeeklyHours.Span::openMinute));
      for (int i = 1; i < spans.size(); i++) {
        if (spans.get(i).openMinute() < spans.get(i - 1).closeMinute()) {
          throw new IllegalArgumentException(day + ": spans overlap");
        }
      }
      sorted.put(day, spans);
    }
    weekly = new WeeklyHours(sorted);
    holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
  }

  /** Hours from same-day spans per weekday. */
  public OfficeHours(Map<DayOfWeek, List<TimeSpan>> week, Set<LocalDate> holidays) {
    this(weekly(week), holidays);
  }

  private static WeeklyHours weekly(Map<DayOfWeek, List<TimeSpan>> week) {
    Map<DayOfWeek, List<WeeklyHours.Span>> days = new EnumMap<>(DayOfWeek.class);
    week.forEach((day, spans) -> days.put(day, spans.stream().map(TimeSpan::toSpan).toList()));
    return new WeeklyHours(days);
  }

  /** The spans of each weekday the office opens (a closed weekday is absent). */
  public Map<DayOfWeek, List<TimeSpan>> week() {
    Map<DayOfWeek, List<TimeSpan>> out = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      List<TimeSpan> spans = spans(day);
      if (!spans.isEmpty()) {
        out.put(day, spans);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The spans of {@code date}: none on a holiday or a closed weekday. */
  public List<TimeSpan> spansOn(LocalDate date) {
    if (holidays.contains(date)) {
      return List.of();
    }
    return spans(date.getDayOfWeek());
  }

  private List<TimeSpan> spans(DayOfWeek day) {
    return weekly.on(day).stream().map(TimeSpan::of).toList();
  }

  /**
   * A short text of the weekly hours: runs of weekdays with the same spans, e.g. {@code L-V
   * 9:00-14:00; J 16:00-18:30} in Spanish, {@code Mon-Fri 9:00-14:00} in English.
   */
  public String summary(Lang lang) {
    Map<DayOfWeek, List<TimeSpan>> week = week();
    List<String> parts = new ArrayList<>();
    DayOfWeek[] days = DayOfWeek.values();
    int i = 0;
    while (i < days.length) {
      List<TimeSpan> spans = week.get(days[i]);
      if (spans == null) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < days.length && spans.equals(week.get(days[j + 1]))) {
        j++;
      }
      String range =
          j == i ? dayName(days[i], lang) : dayName(days[i], lang) + "-" + dayName(days[j], lang);
      parts.add(range + " " + String.join(", ", spans.stream().map(TimeSpan::toString).toList()));
      i = j + 1;
    }
    if (parts.isEmpty()) {
      return lang == Lang.EN ? "Closed" : "Cerrado";
    }
    return String.join("; ", parts);
  }

  private static String dayName(DayOfWeek d, Lang lang) {
    if (lang == Lang.EN) {
      return switch (d) {
        case MONDAY -> "Mon";
        case TUESDAY -> "Tue";
        case WEDNESDAY -> "Wed";
        case THURSDAY -> "Thu";
        case FRIDAY -> "Fri";
        case SATURDAY -> "Sat";
        case SUNDAY -> "Sun";
      };
    }
    return switch (d) {
      case MONDAY -> "L";
      case TUESDAY -> "M";
      case WEDNESDAY -> "X";
      case THURSDAY -> "J";
      case FRIDAY -> "V";
      case SATURDAY -> "S";
      case SUNDAY -> "D";
    };
  }
}
