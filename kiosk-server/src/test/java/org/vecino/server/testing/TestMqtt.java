package org.vecino.server.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vecino.server.mqtt.InboundMessage;
import org.vecino.server.mqtt.MessageHandler;

/** MQTT helpers for tests: a one-shot QoS 1 publisher and a recording message handler. */
public final class TestMqtt {
  private TestMqtt() {}

  /** Publishes one message with QoS 1 and returns once the broker has acknowledged it. */
  public static void publish(String url, String topic, String payload, boolean retained) {
    publish(url, topic, payload.getBytes(StandardCharsets.UTF_8), retained);
  }

  /** Publishes one message with QoS 1 and returns once the broker has acknowledged it. */
  public static void publish(String url, String topic, byte[] payload, boolean retained) {
    publish(url, null, null, topic, payload, retained);
  }

  /** As {@link #publish(String, String, byte[], boolean)}, as a user (null: anonymous). */
  public static void publish(
      String url, String user, String password, String topic, byte[] payload, boolean retained) {
    try (MqttClient client =
        new MqttClient(url, "test-publisher-" + System.nanoTime(), new MemoryPersistence())) {
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(true);
      if (user != null) {
        o.setUserName(user);
        o.setPassword(password.toCharArray());
      }
      client.connect(o);
      client.publish(topic, payload, 1, retained);
      client.disconnect();
    } catch (MqttException e) {
      throw new IllegalStateException("test publish to " + url + " failed", e);
    }
  }

  /** Records every message; optionally acknowledges each at once. Thread-safe. */
  public static final class Recorder implements MessageHandler {
    private final boolean autoAck;
    private final List<InboundMessage> messages = new CopyOnWriteArrayList<>();

    private Recorder(boolean autoAck) {
      this.autoAck = autoAck;
    }

    public static Recorder acking() {
      return new Recorder(true);
    }

    public static Recorder notAcking() {
      return new Recorder(false);
    }

    @Override
    public void onMessage(InboundMessage message) {
      messages.add(message);
      if (autoAck) {
        message.ack();
      }
    }

    public List<InboundMessage> messages() {
      return List.copyOf(messages);
    }

    /** The payloads received, as text, in order. */
    public List<String> payloads() {
      return messages.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
    }

    /** The first message with this payload. */
    public InboundMessage first(String payload) {
      return messages.stream()
          .filter(m -> new String(m.payload(), StandardCharsets.UTF_8).equals(payload))
          .findFirst()
          .orElseThrow();
    }
  }
}
