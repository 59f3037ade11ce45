package org.vecino.server.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.retry.Backoff;

/**
 * A Paho v3 async client kept connected: the first connection and every reconnection are retried
 * with exponential backoff (with jitter) on a private daemon thread, so a broker that is not up yet
 * never fails startup.
 *
 * <p>Paho's own {@code automaticReconnect} is deliberately not used: in Paho 1.2.5 its backoff
 * delay is a static field shared by every client of the JVM, its timer thread is not a daemon, it
 * only starts after a first successful connection, and {@code disconnect()} does not stop it.
 *
 * <p>Client-side persistence is {@link MemoryPersistence}: Paho's persistence only holds this
 * client's outgoing QoS 1/2 messages and incoming QoS 2 state, never incoming QoS 1 messages. What
 * must survive a restart of Vecino (the subscriptions and the messages queued or not yet
 * acknowledged) lives in the broker's persistent session.
 *
 * <p>Thread-safe.
 */
final class PahoConnection implements MqttCallbackExtended {
  static final int KEEP_ALIVE_SECONDS = 30;
  static final int CONNECTION_TIMEOUT_SECONDS = 10;
  static final int MAX_INFLIGHT = 1000;
  private static final long QUIESCE_MILLIS = 1000;
  private static final long CLOSE_WAIT_MILLIS = 3000;
  private static final int FAILURES_BETWEEN_WARNINGS = 20;

  private static final Logger log = LoggerFactory.getLogger(PahoConnection.class);

  /** What the owner of the connection hears about. Called on Paho's threads. */
  interface Events {
    /** Connected; {@code reconnect} is false only for the first connection. */
    void connected(boolean reconnect);

    /** The connection was lost; a reconnection is scheduled. */
    void disconnected();

    /** A message arrived on the connection of the given generation. */
    void messageArrived(String topic, MqttMessage message, long generation);
  }

  private final MqttConnectionSettings settings;
  private final Backoff backoff;
  private final String role;
  private final MqttConnectOptions options;
  private final MqttAsyncClient client;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong losses = new AtomicLong();
  private final AtomicInteger failures = new AtomicInteger();
  private final Object lock = new Object();
  private long generation; // guarded by lock; changes whenever a connection ends
  private boolean started; // guarded by lock
  private volatile boolean closed;
  private volatile Events events;

  /**
   * @param role what this client is for, in logs and thread names ({@code subscriber})
   */
  PahoConnection(MqttConnectionSettings settings, boolean cleanSession, String role) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.backoff =
        Backoff.of(settings.initialBackoff(), settings.maxBackoff(), Backoff.Jitter.plusMinus(0.2));
    this.role = Objects.requireNonNull(role, "role");
    this.options = connectOptions(settings, cleanSession);
    try {
      this.client =
          new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot create an MQTT client for " + settings.safeServerUri() + ": " + e.getMessage(),
          e);
    }
    this.client.setCallback(this);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vecino-mqtt-" + role);
              t.setDaemon(true);
              return t;
            });
  }

  /** The options every Vecino client connects with. */
  static MqttConnectOptions connectOptions(MqttConnectionSettings s, boolean cleanSession) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(cleanSession);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
    o.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
    o.setMaxInflight(MAX_INFLIGHT);
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    if (s.username() != null) {
      o.setUserName(s.username());
      if (s.password() != null) {
        o.setPassword(s.password().toCharArray());
      }
    }
    if (s.tls()) {
      o.setSocketFactory(SSLSocketFactory.getDefault());
      o.setHttpsHostnameVerificationEnabled(true);
    }
    return o;
  }

  MqttAsyncClient client() {
    return client;
  }

  /** Starts connecting in the background. */
  void start(Events listener) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (started) {
        throw new IllegalStateException("already started");
      }
      started = true;
      events = Objects.requireNonNull(listener, "listener");
    }
    schedule(this::attemptConnect, Duration.ZERO);
  }

  boolean isConnected() {
    return !closed && client.isConnected();
  }

  boolean isClosed() {
    return closed;
  }

  long connects() {
    return connects.get();
  }

  long connectionLosses() {
    return losses.get();
  }

  /** The current connection's generation: it changes whenever a connection ends. */
  long generation() {
    synchronized (lock) {
      return generation;
    }
  }

  /**
   * Acknowledges an incoming message, unless its connection has ended since it arrived (the broker
   * redelivers it then, and its packet id may belong to another message now).
   */
  boolean ack(int messageId, int qos, long messageGeneration) {
    if (qos == 0) {
      return true;
    }
    synchronized (lock) {
      if (closed || messageGeneration != generation) {
        return false;
      }
      try {
        client.messageArrivedComplete(messageId, qos);
        return true;
      } catch (MqttException e) {
        log.debug("MQTT {}: acknowledgement of message {} not sent: {}", role, messageId, e);
        return false;
      }
    }
  }

  /** Runs a task on this connection's thread after a delay; ignored once closed. */
  void schedule(Runnable task, Duration delay) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.error("MQTT {}: unexpected error", role, e);
            }
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("MQTT {}: not scheduled, closing", role);
    }
  }

  /**
   * The delay before retry number {@code attempt} (1-based): doubling, capped, with ±20% jitter.
   */
  Duration backoff(int attempt) {
    return backoff.delay(attempt);
  }

  private void attemptConnect() {
    if (closed || client.isConnected()) {
      return;
    }
    try {
      client.connect(
          options,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              failures.set(0);
              if (!options.isCleanSession() && !token.getSessionPresent() && connects.get() > 0) {
                log.warn(
                    "MQTT {}: the broker had no session for {}: messages published while"
                        + " disconnected may be lost (is broker persistence on?)",
                    role,
                    settings.clientId());
              }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
              connectFailed(cause);
            }
          });
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_CONNECTED
          || e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
        return;
      }
      connectFailed(e);
    }
  }

  private void connectFailed(Throwable cause) {
    if (closed) {
      return;
    }
    int n = failures.incrementAndGet();
    Duration delay = backoff(n);
    if (n == 1 || n % FAILURES_BETWEEN_WARNINGS == 0) {
      log.warn(
          "MQTT {} cannot connect to {} (attempt {}): {}; retrying in {} ms",
          role,
          settings.safeServerUri(),
          n,
          describe(cause),
          delay.toMillis());
    } else {
      log.debug("MQTT {} connection attempt {} failed: {}", role, n, describe(cause));
    }
    schedule(this::attemptConnect, delay);
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    long n = connects.incrementAndGet();
    log.info(
        "MQTT {} {} {} to {}",
        role,
        settings.clientId(),
        n > 1 ? "reconnected" : "connected",
        MqttConnectionSettings.redact(serverUri));
    Events e = events;
    if (!closed && e != null) {
      e.connected(n > 1);
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    synchronized (lock) {
      generation++;
    }
    losses.incrementAndGet();
    if (closed) {
      return;
    }
    log.warn(
        "MQTT {} lost its connection to {}: {}; reconnecting",
        role,
        settings.safeServerUri(),
        describe(cause));
    Events e = events;
    if (e != null) {
      e.disconnected();
    }
    schedule(this::attemptConnect, backoff(1));
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    long g;
    synchronized (lock) {
      g = generation;
    }
    Events e = events;
    if (e != null) {
      e.messageArrived(topic, message, g);
    }
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // Publishers track nothing per message: sensor data is state, the next message repairs a loss.
  }

  /**
   * Disconnects (briefly letting in-flight work finish), stops reconnecting, releases the client.
   */
  void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      generation++;
    }
    scheduler.shutdownNow();
    boolean disconnected = false;
    if (client.isConnected()) {
      try {
        client.disconnect(QUIESCE_MILLIS).waitForCompletion(CLOSE_WAIT_MILLIS);
        disconnected = true;
      } catch (MqttException e) {
        log.debug("MQTT {}: clean disconnect failed: {}", role, e.toString());
      }
    }
    if (!disconnected) {
      try {
        client.disconnectForcibly(0, 500, false);
      } catch (MqttException | RuntimeException e) {
        log.debug("MQTT {}: forced disconnect: {}", role, e.toString());
      }
    }
    try {
      client.close(true);
    } catch (MqttException | RuntimeException e) {
      log.debug("MQTT {}: close: {}", role, e.toString());
    }
    log.info("MQTT {} {} closed", role, settings.clientId());
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown cause";
    }
    String s = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      s +=
          " ("
              + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
              + ")";
    }
    return s;
  }
}
