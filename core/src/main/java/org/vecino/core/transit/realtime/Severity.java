package org.vecino.core.transit.realtime;

import java.util.Locale;
import java.util.Optional;

/** How serious a service alert is. */
public enum Severity {
  INFO,
  WARNING,
  SEVERE;

  /** The contract's name: {@code info}, {@code warning}, {@code severe}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromCode(String code) {
    for (Severity s : values()) {
      if (s.code().equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
