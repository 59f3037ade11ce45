package org.vecino.server.sms.outbox;

import java.util.Objects;

/**
 * What Vecino posts to the SMS gateway ({@code http.md}). Immutable.
 *
 * @param id the message's idempotency key, the same on every retry
 * @param to the E.164 number
 * @param text the text
 * @param encoding {@code GSM-7} or {@code UCS-2}
 * @param segments SMS parts the text takes
 */
public record GatewayRequest(String id, String to, String text, String encoding, int segments) {
  public GatewayRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(encoding, "encoding");
    if (segments < 1) {
      throw new IllegalArgumentException("segments must be at least 1");
    }
  }
}
