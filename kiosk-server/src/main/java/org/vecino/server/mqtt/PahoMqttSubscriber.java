package org.vecino.server.mqtt;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttSubscriber} on Paho v3 ({@code MqttAsyncClient}): persistent session ({@code
 * cleanSession=false}) under the configured stable client id, QoS 1 subscriptions renewed on every
 * (re)connection (harmless when the broker kept them; vital when it lost them), manual
 * acknowledgements, keep-alive 30 s, connection timeout 10 s, at most 1000 messages in flight,
 * username/password when configured, {@code ssl://} through the JVM's default SSL socket factory.
 * The first connection and every reconnection are retried with backoff in the background (see
 * {@link PahoConnection}).
 *
 * <p>Note: renewing a subscription makes the broker resend the retained messages it matches; they
 * carry their original timestamps, so re-applying them is harmless.
 *
 * <p>Thread-safe.
 */
public final class PahoMqttSubscriber implements MqttSubscriber {
  private static final Logger log = LoggerFactory.getLogger(PahoMqttSubscriber.class);
  private static final int QOS = 1;

  private final PahoConnection connection;
  private final Clock clock;
  private volatile List<String> filters = List.of();
  private volatile MessageHandler handler;
  private volatile boolean subscribed;

  /**
   * @param settings broker, stable client id, credentials and backoff
   * @param clock where {@link InboundMessage#receivedAt()} is read from
   */
  public PahoMqttSubscriber(MqttConnectionSettings settings, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.connection = new PahoConnection(settings, false, "subscriber");
    this.connection.client().setManualAcks(true);
  }

  @Override
  public void start(List<String> topicFilters, MessageHandler messageHandler) {
    if (topicFilters.isEmpty()) {
      throw new IllegalArgumentException("no topic filters");
    }
    this.filters = List.copyOf(topicFilters);
    this.handler = Objects.requireNonNull(messageHandler, "handler");
    connection.start(
        new PahoConnection.Events() {
          @Override
          public void connected(boolean reconnect) {
            subscribe();
          }

          @Override
          public void disconnected() {
            subscribed = false;
          }

          @Override
          public void messageArrived(String topic, MqttMessage message, long generation) {
            deliver(topic, message, generation);
          }
        });
  }

  @Override
  public boolean isConnected() {
    return connection.isConnected();
  }

  /** Whether the broker has confirmed the subscriptions on the current connection. */
  public boolean isSubscribed() {
    return subscribed && connection.isConnected();
  }

  /** Successful connections so far (the first one included). */
  public long connects() {
    return connection.connects();
  }

  /** Connections lost unexpectedly so far. */
  public long connectionLosses() {
    return connection.connectionLosses();
  }

  @Override
  public void close() {
    subscribed = false;
    connection.close();
  }

  private void subscribe() {
    if (connection.isClosed()) {
      return;
    }
    String[] topics = filters.toArray(new String[0]);
    int[] qos = new int[topics.length];
    Arrays.fill(qos, QOS);
    long generation = connection.generation();
    try {
      connection
          .client()
          .subscribe(
              topics,
              qos,
              null,
              new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                  int[] granted = token.getGrantedQos();
                  for (int g : granted) {
                    if (g == 0x80) {
                      subscribeFailed(generation, "the broker refused a subscription");
                      return;
                    }
                  }
                  if (generation == connection.generation()) {
                    subscribed = true;
                  }
                  log.info("MQTT subscriber subscribed to {} (granted QoS {})", filters, granted);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                  subscribeFailed(generation, String.valueOf(cause));
                }
              });
    } catch (MqttException e) {
      subscribeFailed(generation, e.toString());
    }
  }

  private void subscribeFailed(long generation, String why) {
    if (connection.isClosed() || generation != connection.generation()) {
      return; // the connection ended; the next one subscribes again
    }
    log.error("MQTT subscriber could not subscribe to {}: {}; retrying", filters, why);
    connection.schedule(
        () -> {
          if (generation == connection.generation() && connection.isConnected()) {
            subscribe();
          }
        },
        connection.backoff(2));
  }

  private void deliver(String topic, MqttMessage message, long generation) {
    int id = message.getId();
    int qos = message.getQos();
    AtomicBoolean done = new AtomicBoolean();
    InboundMessage inbound =
        new InboundMessage(
            topic,
            message.getPayload(),
            clock.instant(),
            message.isRetained(),
            message.isDuplicate(),
            () -> {
              if (done.compareAndSet(false, true)) {
                connection.ack(id, qos, generation);
              }
            });
    try {
      handler.onMessage(inbound);
    } catch (RuntimeException e) {
      // Paho drops the connection when the callback throws: log and keep going instead.
      log.error("MQTT message handler failed on {}; message left unacknowledged", topic, e);
    }
  }
}
