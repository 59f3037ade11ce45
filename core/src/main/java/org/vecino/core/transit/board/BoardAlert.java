package org.vecino.core.transit.board;

import java.util.Objects;
import org.vecino.core.transit.realtime.Severity;

/** An active alert as a board shows it: its header in the board's language. Immutable. */
public record BoardAlert(String id, Severity severity, String header) {
  public BoardAlert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(header, "header");
  }
}
