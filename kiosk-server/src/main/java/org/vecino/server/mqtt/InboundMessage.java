package org.vecino.server.mqtt;

import java.time.Instant;
import java.util.Objects;

/**
 * One message received from the broker. Immutable, except that {@link #payload()} is not copied: do
 * not modify it.
 *
 * @param topic the topic it was published on
 * @param payload its raw bytes (possibly empty)
 * @param receivedAt when Vecino received it (from the subscriber's clock)
 * @param retained whether the broker sent it as a retained message (on subscription)
 * @param duplicate whether the broker flagged it as a possible redelivery (QoS 1 DUP)
 * @param acknowledger acknowledges it to the broker; see {@link #ack()}
 */
public record InboundMessage(
    String topic,
    byte[] payload,
    Instant receivedAt,
    boolean retained,
    boolean duplicate,
    Acknowledger acknowledger) {

  /**
   * Acknowledges one message to the broker. Implementations are thread-safe and idempotent.
   * Acknowledging a message received on an earlier connection does nothing: the broker redelivers
   * it on the new connection, and the old packet id may now name another message.
   */
  @FunctionalInterface
  public interface Acknowledger {
    void ack();

    /** An acknowledger that does nothing (QoS 0 messages, tests). */
    Acknowledger NONE = () -> {};
  }

  public InboundMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(acknowledger, "acknowledger");
  }

  /** A message that needs no acknowledgement. */
  public InboundMessage(
      String topic, byte[] payload, Instant receivedAt, boolean retained, boolean duplicate) {
    this(topic, payload, receivedAt, retained, duplicate, Acknowledger.NONE);
  }

  /**
   * Tells the broker this message is done with (applied and persisted), so it is not redelivered.
   * Callable from any thread; calling it again does nothing.
   */
  public void ack() {
    acknowledger.ack();
  }

  @Override
  public String toString() {
    return "InboundMessage[topic="
        + topic
        + ", "
        + payload.length
        + " bytes, receivedAt="
        + receivedAt
        + ", retained="
        + retained
        + ", duplicate="
        + duplicate
        + "]";
  }
}
