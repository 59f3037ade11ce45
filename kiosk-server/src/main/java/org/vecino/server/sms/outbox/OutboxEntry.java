package org.vecino.server.sms.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored message of the outbox as it stands: what the dispatcher sends and the admin view
 * shows. Immutable.
 *
 * @param id the idempotency key sent to the gateway
 * @param phone the E.164 number, null once purged after the retention
 * @param text the text, null once purged after the retention
 * @param encoding {@code GSM-7} or {@code UCS-2}
 * @param segments SMS parts the text takes
 * @param purpose {@code reminder}, {@code reply}, {@code notice}, {@code otp}
 * @param refId what it belongs to, or null
 * @param dueAt when it should go out
 * @param notAfter after this it is no longer useful
 * @param status where it is
 * @param attempts calls to the gateway begun so far
 * @param nextAttemptAt when the dispatcher looks at it next (while {@code scheduled})
 * @param gatewayMessageId the gateway's own id once accepted, or null
 * @param lastError why the last attempt did not succeed, or null
 * @param createdAt when it was stored
 * @param sentAt when the gateway accepted it, or null
 * @param updatedAt when it last changed
 * @param secret whether the text is a secret (see {@link OutgoingSms#secret()})
 */
public record OutboxEntry(
    String id,
    String phone,
    String text,
    String encoding,
    int segments,
    String purpose,
    String refId,
    Instant dueAt,
    Instant notAfter,
    SmsStatus status,
    int attempts,
    Instant nextAttemptAt,
    String gatewayMessageId,
    String lastError,
    Instant createdAt,
    Instant sentAt,
    Instant updatedAt,
    boolean secret) {
  public OutboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }
}
