package org.vecino.core.office;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vecino.core.kernel.Lang;

/**
 * When an office attends, per weekday, in local time, and the public holidays on which it is
 * closed. A weekday without spans is closed. Spans of a day must not overlap. Immutable.
 *
 * @param week the spans of each weekday
 * @param holidays dates on which the office is closed all day
 */
public record OfficeHours(Map<DayOfWeek, List<TimeSpan>> week, Set<LocalDate> holidays) {
  public OfficeHours {
    EnumMap<DayOfWeek, List<TimeSpan>> copy = new EnumMap<>(DayOfWeek.class);
    week.forEach(
        (day, spans) -> {
          List<TimeSpan> sorted = new ArrayList<>(spans);
          sorted.sort(Comparator.comparing(TimeSpan::from));
          for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).from().isBefore(sorted.get(i - 1).to())) {
              throw new IllegalArgumentException(day + ": spans overlap");
            }
          }
          if (!sorted.isEmpty()) {
            copy.put(day, List.copyOf(sorted));
          }
        });
    week = java.util.Collections.unmodifiableMap(copy);
    holidays = java.util.Collections.unmodifiableSet(new TreeSet<>(holidays));
  }

  /** The spans of {@code date}: none on a holiday or a closed weekday. */
  public List<TimeSpan> spansOn(LocalDate date) {
    if (holidays.contains(date)) {
      return List.of();
    }
    return week.getOrDefault(date.getDayOfWeek(), List.of());
  }

  /**
   * A short text of the weekly hours: runs of weekdays with the same spans, e.g. {@code L-V
   * 9:00-14:00; J 16:00-18:30} in Spanish, {@code Mon-Fri 9:00-14:00} in English.
   */
  public String summary(Lang lang) {
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
