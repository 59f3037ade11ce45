package org.vecino.server.mqtt;

import java.util.List;

/**
 * Vecino's view of an MQTT subscription: a persistent session ({@code cleanSession=false}, stable
 * client id) subscribed with QoS 1, kept connected in the background, with manual acknowledgements
 * ({@link InboundMessage#ack()}) so a message is acknowledged only once it has been applied and
 * saved. Implementations are thread-safe.
 */
public interface MqttSubscriber extends AutoCloseable {

  /**
   * Starts connecting and subscribes every filter with QoS 1 on every (re)connection. Returns at
   * once: when the broker is not reachable yet, connecting is retried with backoff in the
   * background. Call once.
   *
   * @param topicFilters MQTT topic filters, e.g. {@code city/#}
   * @param handler called on the client's thread for every message; it must only decode and hand
   *     off
   */
  void start(List<String> topicFilters, MessageHandler handler);

  /** Whether the client is connected to the broker now. */
  boolean isConnected();

  /**
   * Disconnects cleanly, giving in-flight work a brief moment, and stops reconnecting. Messages not
   * acknowledged by then are redelivered by the broker on the next connection. Idempotent.
   */
  @Override
  void close();
}
