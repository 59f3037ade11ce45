package org.vecino.server.office;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Instants as ISO-8601 text with the city's offset, whole seconds ({@code
 * 2026-12-01T09:00:00+01:00}).
 */
final class CityTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private CityTime() {}

  static String format(Instant t, ZoneId zone) {
    return t == null ? null : FORMAT.format(t.atZone(zone));
  }
}
