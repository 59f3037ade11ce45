package org.vecino.server.office;

import org.vecino.server.sms.outbox.SmsOutbox;

/**
 * What the office needs from other parts of Vecino: the SMS outbox (one-time codes, notices) and
 * the reminder service. Either may be null while that part is not wired; the endpoints needing it
 * then answer 503. Immutable.
 */
public record OfficePorts(SmsOutbox outbox, OfficeReminders reminders) {
  /** Nothing wired. */
  public static final OfficePorts NONE = new OfficePorts(null, null);
}
