package org.vecino.server.db;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How instants are stored: ISO-8601 UTC text with exactly nine fraction digits, e.g. {@code
 * 2026-11-28T10:12:30.000000000Z}. The fixed width keeps every nanosecond and makes text order the
 * same as time order, so SQL may compare them. Stateless and thread-safe.
 */
public final class DbInstants {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private DbInstants() {}

  /** The stored text of an instant (years 0000..9999), null for null. */
  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  /** The instant of a stored text, null for null. */
  public static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
