package org.vecino.server.ingest;

import java.time.Instant;

/**
 * Turns one MQTT message into a {@link Decoded}: a valid {@link SensorUpdate} or a {@link
 * Decoded.Rejected rejection} with the contract's reason. A decoder only checks what a single
 * message can tell (topic, size, catalog ids, payload shape); ordering and future timestamps are
 * decided later by the single writer.
 *
 * <p>Implementations are immutable and thread-safe, never throw for bad input, and never parse a
 * payload larger than {@link #MAX_PAYLOAD_BYTES}.
 */
public interface MessageDecoder {

  /** The contract's payload limit: 16 KiB. */
  int MAX_PAYLOAD_BYTES = 16 * 1024;

  /** The metric label of messages on topics no decoder knows. */
  String UNKNOWN_KIND = "unknown";

  /** Decodes one message received at {@code receivedAt}. */
  Decoded decode(String topic, byte[] payload, Instant receivedAt);

  /**
   * The kind of topic for metrics, e.g. {@code transit.arrivals}, or {@link #UNKNOWN_KIND}. Depends
   * on the topic's shape only (an unknown stop id still has its topic's kind).
   */
  String topicKind(String topic);
}
