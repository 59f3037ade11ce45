package org.vecino.server.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT 3.1.1 broker (Moquette 0.17) for installations without a city broker, bound to
 * 127.0.0.1 only, anonymous, telemetry off.
 *
 * <p>Persistence is on, under {@code dataDir}, so Vecino's persistent session (subscriptions,
 * queued and unacknowledged messages) and retained messages survive a restart. The queue store is
 * H2 ({@code persistent_queue_type=h2}) rather than 0.17's default "segmented" store, which had
 * payload-corruption bugs fixed only after 0.17 (moquette issues #710, #831); the H2 store is
 * committed every second ({@code autosave_interval}). Messages up to {@link #MAX_MESSAGE_BYTES} are
 * accepted (Moquette's default is 8092 bytes, below the contract's 16 KiB), so an oversized payload
 * still reaches Vecino and is counted as {@code tooLarge}.
 *
 * <p>Restartable: {@link #start()} after {@link #stop()} reuses the same port and data. Thread-safe
 * (methods are synchronized).
 */
public final class EmbeddedBroker implements AutoCloseable {
  /** Largest MQTT message accepted, header and topic included. */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024;

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final int port;
  private final Path dataDir;
  private Server server;

  /**
   * @param port TCP port on 127.0.0.1; must be a real port (Moquette reports 0 for "any")
   * @param dataDir directory for the broker's store (created if needed)
   */
  public EmbeddedBroker(int port, Path dataDir) {
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    this.port = port;
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
  }

  /** Moquette's configuration. */
  Properties properties() {
    Properties p = new Properties();
    p.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
    p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
    p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
    p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
    p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dataDir.toAbsolutePath().toString());
    p.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
    p.setProperty("autosave_interval", "1");
    p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
    return p;
  }

  /** Starts the broker; does nothing when it runs already. */
  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    Files.createDirectories(dataDir);
    Server s = new Server();
    s.startServer(new MemoryConfig(properties()));
    server = s;
    log.info("Embedded MQTT broker listening on 127.0.0.1:{}, data in {}", port, dataDir);
  }

  /** Stops the broker, saving its store; does nothing when it is stopped. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stopServer();
    } finally {
      server = null;
    }
    log.info("Embedded MQTT broker on port {} stopped", port);
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:port}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }
}
