package org.vecino.core.office;

import java.util.Locale;
import java.util.Optional;

/** The status of a citizen service request, as Open311 GeoReport v2 names it. */
public enum RequestStatus {
  OPEN,
  CLOSED;

  /** {@code open} or {@code closed}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RequestStatus> fromCode(String code) {
    for (RequestStatus s : values()) {
      if (s.code().equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
