package org.vecino.core.transit.gtfs;

/** Parses and formats GTFS times of day ({@code H:MM:SS}, hours may pass 24). Stateless. */
final class GtfsTime {
  /** Returned by {@link #parse} for text that is not a time. */
  static final int INVALID = Integer.MIN_VALUE;

  private GtfsTime() {}

  /**
   * Seconds since the start of the service day of {@code H:MM:SS} or {@code HH:MM:SS} (one to three
   * hour digits; minutes and seconds two digits below 60), or {@link #INVALID}.
   */
  static int parse(String s) {
    int n = s.length();
    int firstColon = s.indexOf(':');
    if (firstColon < 1
        || firstColon > 3
        || n != firstColon + 6
        || s.charAt(firstColon + 3) != ':') {
      return INVALID;
    }
    int hours = digits(s, 0, firstColon);
    int minutes = digits(s, firstColon + 1, firstColon + 3);
    int seconds = digits(s, firstColon + 4, n);
    if (hours < 0 || minutes < 0 || seconds < 0 || minutes > 59 || seconds > 59) {
      return INVALID;
    }
    return hours * 3600 + minutes * 60 + seconds;
  }

  /** {@code HH:MM:SS} of seconds since the service day's start. */
  static String format(int seconds) {
    int h = seconds / 3600;
    int m = seconds / 60 % 60;
    int s = seconds % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
