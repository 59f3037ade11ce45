package org.vecino.server.reminders;

import java.time.Instant;

/**
 * An event for the scheduling system's webhook ({@code appointment.confirmed} or {@code
 * appointment.cancelled}) with its delivery state. Immutable.
 */
record SchedulerEvent(
    String id,
    String type,
    String externalId,
    Instant at,
    String status,
    int attempts,
    Instant nextAttemptAt) {
  static final String CONFIRMED = "appointment.confirmed";
  static final String CANCELLED = "appointment.cancelled";
  static final String PENDING = "pending";
  static final String SENT = "sent";
  static final String FAILED = "failed";
}
