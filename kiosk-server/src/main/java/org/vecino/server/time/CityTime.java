package org.vecino.server.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one way every answer writes an instant: ISO-8601 with the city's offset, whole seconds, no
 * fraction ({@code 2026-12-01T09:00:00+01:00}). Stateless and thread-safe.
 */
public final class CityTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private CityTime() {}

  /** {@code t} in {@code zone}, truncated to the second; null for null. */
  public static String format(Instant t, ZoneId zone) {
    return t == null ? null : FORMAT.format(t.atZone(zone));
  }
}
