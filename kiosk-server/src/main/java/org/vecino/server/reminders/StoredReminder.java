package org.vecino.server.reminders;

import java.time.Instant;
import java.util.Objects;

/**
 * A reminder row: {@code planned} (in the SMS outbox under {@code smsId}), {@code skipped} (with a
 * reason) or {@code withdrawn} (replaced by a move; not shown). Immutable.
 */
record StoredReminder(
    String id, String externalId, Instant dueAt, String status, String skipReason, String smsId) {
  static final String PLANNED = "planned";
  static final String SKIPPED = "skipped";
  static final String WITHDRAWN = "withdrawn";

  StoredReminder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(status, "status");
  }

  boolean planned() {
    return PLANNED.equals(status);
  }
}
