package org.vecino.server.mqtt;

/**
 * Publishes messages with QoS 1, fire-and-forget: sensor data is state, so a message that cannot be
 * sent is dropped and the next one repairs it. Implementations are thread-safe.
 */
public interface MqttPublisher extends AutoCloseable {

  /** Starts connecting in the background (retried with backoff). Call once. */
  void start();

  boolean isConnected();

  /**
   * Sends a message with QoS 1 without waiting for the broker.
   *
   * @return false when it was dropped (not connected, too many in flight)
   */
  boolean publish(String topic, byte[] payload, boolean retained);

  /** Disconnects, letting in-flight messages finish briefly. Idempotent. */
  @Override
  void close();
}
