package org.vecino.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A Paho async publisher of arrival predictions, QoS 1, with at most {@link #MAX_IN_FLIGHT}
 * messages not yet acknowledged by the broker. {@link #publish} blocks while that many are out.
 * Counts what it sent, what the broker acknowledged and what failed. Thread-safe for one publishing
 * thread.
 */
final class BenchPublisher implements AutoCloseable {
  static final int MAX_IN_FLIGHT = 1000;
  private static final long TIMEOUT_MS = 10_000;
  private static final long IN_FLIGHT_WAIT_S = 30;

  private final MqttAsyncClient client;
  private final String prefix;
  private final Semaphore window = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile long lastAckNanos;
  private final IMqttActionListener listener =
      new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          acked.incrementAndGet();
          lastAckNanos = System.nanoTime();
          window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          failed.incrementAndGet();
          window.release();
        }
      };

  BenchPublisher(String brokerUrl, String prefix) throws MqttException {
    this.prefix = prefix;
    this.client =
        new MqttAsyncClient(
            brokerUrl, "vecino-bench-pub-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    // A little above the window: Paho frees a slot just after it reports the acknowledgement.
    o.setMaxInflight(MAX_IN_FLIGHT + 64);
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(10);
    o.setKeepAliveInterval(30);
    client.connect(o).waitForCompletion(TIMEOUT_MS);
  }

  /** The topic prefix. */
  String prefix() {
    return prefix;
  }

  /** The arrivals topic of a stop. */
  String topic(String stopId) {
    return prefix + "/transit/stops/" + stopId + "/arrivals";
  }

  /** Publishes with QoS 1, not retained; waits (bounded) while the in-flight window is full. */
  void publish(String stopId, byte[] payload) throws MqttException, InterruptedException {
    publishTo(topic(stopId), payload);
  }

  /** As {@link #publish}, to any topic. */
  void publishTo(String topic, byte[] payload) throws MqttException, InterruptedException {
    if (!window.tryAcquire(IN_FLIGHT_WAIT_S, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the broker acknowledged nothing for " + IN_FLIGHT_WAIT_S + " s");
    }
    for (int attempt = 0; ; attempt++) {
      try {
        client.publish(topic, payload, 1, false, null, listener);
        sent.incrementAndGet();
        return;
      } catch (MqttException e) {
        // Paho may still count an acknowledged message as in flight for a moment.
        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || attempt >= 10_000) {
          window.release();
          throw e;
        }
        LockSupport.parkNanos(100_000);
      }
    }
  }

  /** Waits (bounded) until every sent message is acknowledged or failed. */
  boolean awaitAcks(long timeoutMs) throws InterruptedException {
    if (window.tryAcquire(MAX_IN_FLIGHT, timeoutMs, TimeUnit.MILLISECONDS)) {
      window.release(MAX_IN_FLIGHT);
      return true;
    }
    return false;
  }

  long sent() {
    return sent.get();
  }

  long acked() {
    return acked.get();
  }

  long failed() {
    return failed.get();
  }

  long lastAckNanos() {
    return lastAckNanos;
  }

  @Override
  public void close() {
    try {
      client.disconnect().waitForCompletion(TIMEOUT_MS);
    } catch (MqttException e) {
      // closing anyway
    }
    try {
      client.close();
    } catch (MqttException e) {
      // nothing more to do
    }
  }

  /**
   * A valid arrivals snapshot: two or three predictions of the lines calling at the stop.
   *
   * @param seq the message's number, varies ETAs and vehicles
   * @param timestamp the snapshot's time
   * @param vehicle a vehicle id for the first prediction, or null for an ordinary one
   * @param etaFirst seconds to the first prediction
   */
  static byte[] payload(
      List<String> lines, long seq, Instant timestamp, String vehicle, int etaFirst) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"timestamp\":\"").append(timestamp).append("\",\"arrivals\":[");
    int n = 2 + (int) (seq % 2);
    for (int i = 0; i < n; i++) {
      String line = lines.get((int) ((seq + i) % lines.size()));
      int eta = i == 0 ? etaFirst : etaFirst + 120 * i + (int) (seq % 7) * 60;
      String v = i == 0 && vehicle != null ? vehicle : Long.toString(100 + (seq * 7 + i) % 400);
      sb.append(i == 0 ? "" : ",")
          .append("{\"line\":\"")
          .append(line)
          .append("\",\"destination\":\"Valdenoja\",\"etaSeconds\":")
          .append(eta)
          .append(",\"vehicle\":\"")
          .append(v)
          .append("\"}");
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Now, to the millisecond (the contract's example has whole seconds; both are ISO-8601). */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
