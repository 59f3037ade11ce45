package org.vecino.server.mqtt;

/**
 * Receives the messages of an {@link MqttSubscriber}. Called on the MQTT client's own thread, one
 * message at a time: it must only decode and hand the message off (to a queue), never block on I/O,
 * and acknowledge later via {@link InboundMessage#ack()}. An exception thrown is logged and the
 * message stays unacknowledged.
 */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(InboundMessage message);
}
