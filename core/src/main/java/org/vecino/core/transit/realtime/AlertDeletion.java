package org.vecino.core.transit.realtime;

import java.time.Instant;
import java.util.Objects;

/**
 * The removal of an alert (an empty retained payload), remembered so that a late copy of the alert
 * with an older timestamp does not bring it back. Immutable.
 */
public record AlertDeletion(String alertId, Instant deletedAt) {
  public AlertDeletion {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(deletedAt, "deletedAt");
  }
}
