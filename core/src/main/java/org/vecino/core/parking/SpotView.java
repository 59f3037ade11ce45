package org.vecino.core.parking;

import java.util.Objects;

/** One spot of a street zone as signs show it. Immutable. */
public record SpotView(String id, SpotStatus status) {
  public SpotView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }
}
