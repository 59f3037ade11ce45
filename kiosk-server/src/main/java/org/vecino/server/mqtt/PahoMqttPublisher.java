package org.vecino.server.mqtt;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttPublisher} on Paho v3 with a clean session (a publisher needs no broker state). Its
 * client id must differ from the subscriber's: a broker disconnects the older of two clients with
 * the same id. Thread-safe.
 */
public final class PahoMqttPublisher implements MqttPublisher {
  private static final Logger log = LoggerFactory.getLogger(PahoMqttPublisher.class);

  private final PahoConnection connection;

  public PahoMqttPublisher(MqttConnectionSettings settings) {
    this.connection = new PahoConnection(settings, true, "publisher");
  }

  @Override
  public void start() {
    connection.start(
        new PahoConnection.Events() {
          @Override
          public void connected(boolean reconnect) {}

          @Override
          public void disconnected() {}

          @Override
          public void messageArrived(String topic, MqttMessage message, long generation) {}
        });
  }

  @Override
  public boolean isConnected() {
    return connection.isConnected();
  }

  @Override
  public boolean publish(String topic, byte[] payload, boolean retained) {
    if (!connection.isConnected()) {
      return false;
    }
    try {
      connection.client().publish(topic, payload, 1, retained);
      return true;
    } catch (MqttException | RuntimeException e) {
      log.debug("MQTT publish to {} dropped: {}", topic, e.toString());
      return false;
    }
  }

  /** Successful connections so far. */
  public long connects() {
    return connection.connects();
  }

  @Override
  public void close() {
    connection.close();
  }
}
