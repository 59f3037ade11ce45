package org.vecino.server.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A rejected MQTT message as administrators inspect it. Immutable.
 *
 * @param topic the topic it came on
 * @param reason why it was rejected
 * @param detail what exactly was wrong, e.g. {@code arrivals[0].etaSeconds: must be 0..7200}
 * @param receivedAt when Vecino received it
 * @param payload the first 1 KiB of the payload, as text (invalid UTF-8 replaced)
 */
public record Rejection(
    String topic, RejectionReason reason, String detail, Instant receivedAt, String payload) {
  /** How much of a payload is kept. */
  public static final int PAYLOAD_BYTES_KEPT = 1024;

  public Rejection {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(receivedAt, "receivedAt");
    detail = detail == null ? "" : detail;
    payload = payload == null ? "" : payload;
  }

  /** A rejection keeping the first {@link #PAYLOAD_BYTES_KEPT} bytes of a raw payload. */
  public static Rejection of(
      String topic, RejectionReason reason, String detail, Instant receivedAt, byte[] payload) {
    byte[] kept =
        payload.length <= PAYLOAD_BYTES_KEPT ? payload : Arrays.copyOf(payload, PAYLOAD_BYTES_KEPT);
    return new Rejection(
        topic, reason, detail, receivedAt, new String(kept, StandardCharsets.UTF_8));
  }
}
