package org.vecino.server.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads and writes the short durations of the settings: a number followed by a unit, {@code ms},
 * {@code s}, {@code m} or {@code h}, several of them in a row if wanted: {@code 250ms}, {@code
 * 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}. Stateless and thread-safe.
 */
public final class DurationParser {
  private static final long MAX_AMOUNT = 1_000_000_000L;

  private DurationParser() {}

  /**
   * Parses a duration such as {@code 90s}.
   *
   * @throws IllegalArgumentException with a short explanation (without the input) when {@code text}
   *     is not a duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a duration is required, e.g. 90s, 5m, 1h or 250ms");
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    Duration total = Duration.ZERO;
    int i = 0;
    while (i < s.length()) {
      int numberStart = i;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
      if (i == numberStart) {
        throw new IllegalArgumentException("must be a number and a unit: ms, s, m or h");
      }
      if (i - numberStart > 10) {
        throw new IllegalArgumentException("number too large");
      }
      long amount = Long.parseLong(s.substring(numberStart, i));
      if (amount > MAX_AMOUNT) {
        throw new IllegalArgumentException("number too large");
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      total =
          switch (unit) {
            case "ms" -> total.plusMillis(amount);
            case "s" -> total.plusSeconds(amount);
            case "m" -> total.plusMinutes(amount);
            case "h" -> total.plusHours(amount);
            case "" -> throw new IllegalArgumentException("needs a unit: ms, s, m or h");
            default ->
                throw new IllegalArgumentException(
                    "unknown unit \"" + unit + "\"; use ms, s, m or h");
          };
    }
    return total;
  }

  /**
   * Writes a duration the way {@link #parse} reads it, e.g. {@code 1h30m}, {@code 1m30s}; anything
   * below a millisecond is dropped.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration");
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
