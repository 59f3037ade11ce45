package org.vecino.server.retry;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Reads an HTTP {@code Retry-After} header: whole seconds ({@code 120}) or an HTTP date ({@code
 * Mon, 30 Nov 2026 09:05:00 GMT}), as a wait from now. Stateless and thread-safe.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait a {@code Retry-After} asks for.
   *
   * @param value the header, or null when absent
   * @param now the time the answer was read
   * @param max the longest wait honoured: a longer one is cut to it
   * @return the wait, {@link Duration#ZERO} for a date already past, or null when there is no
   *     header or it is neither seconds nor a date
   */
  public static Duration parse(String value, Instant now, Duration max) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(max, "max");
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    Duration d;
    if (v.matches("[0-9]{1,9}")) {
      d = Duration.ofSeconds(Long.parseLong(v));
    } else {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        d = Duration.between(now, at);
      } catch (DateTimeException e) {
        return null;
      }
    }
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
