package org.vecino.server.sms.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One text message Vecino will send, as handed to the {@link SmsOutbox}. Immutable.
 *
 * @param id the idempotency key sent to the gateway; unique per message, stable across retries and
 *     restarts (e.g. {@code rem-<uuid>} for a reminder, {@code otp-<uuid>} for a code)
 * @param to the E.164 phone number ({@code +34600111222})
 * @param text the text, already rendered in the citizen's language
 * @param dueAt when it should go out (now for a reply or a code)
 * @param notAfter after this instant the message is no longer useful and is {@code skipped} instead
 *     of sent (e.g. the appointment's start)
 * @param purpose what it is: {@code reminder}, {@code reply}, {@code notice}, {@code otp}
 * @param refId what it belongs to (a reminder's or an appointment's id), or null
 * @param secret whether the text is a secret (a one-time code): never shown by the admin view when
 *     a real gateway sends, and erased from the outbox once the message ends or {@code notAfter}
 *     passes
 */
public record OutgoingSms(
    String id,
    String to,
    String text,
    Instant dueAt,
    Instant notAfter,
    String purpose,
    String refId,
    boolean secret) {

  /** An ordinary (not secret) message. */
  public OutgoingSms(
      String id,
      String to,
      String text,
      Instant dueAt,
      Instant notAfter,
      String purpose,
      String refId) {
    this(id, to, text, dueAt, notAfter, purpose, refId, false);
  }

  public OutgoingSms {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(purpose, "purpose");
    if (id.isBlank() || id.length() > 100) {
      throw new IllegalArgumentException("id must be 1..100 characters");
    }
    if (!to.matches("\\+[1-9][0-9]{6,14}")) {
      throw new IllegalArgumentException("to must be an E.164 number");
    }
  }
}
