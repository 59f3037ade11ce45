package org.vecino.server.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.files.PrivateFiles;

/**
 * An in-process MQTT 3.1.1 broker (Moquette 0.17) for installations without a city broker, bound to
 * 127.0.0.1 only, telemetry off, and closed to anonymous clients: it accepts only the user {@link
 * #username()} with a password made anew at every start ({@link #password()}), which Vecino's own
 * clients use. So no other local process can publish or take over Vecino's session.
 *
 * <p>Persistence is on, under {@code dataDir} (created 0700, its store file 0600), so Vecino's
 * persistent session (subscriptions, queued and unacknowledged messages) and retained messages
 * survive a restart. The queue store is H2 ({@code persistent_queue_type=h2}) rather than 0.17's
 * default "segmented" store, which had payload-corruption bugs fixed only after 0.17 (moquette
 * issues #710, #831); the H2 store is committed every second ({@code autosave_interval}). Messages
 * up to {@link #MAX_MESSAGE_BYTES} are accepted (Moquette's default is 8092 bytes, below the
 * contract's 16 KiB), so an oversized payload still reaches Vecino and is counted as {@code
 * tooLarge}.
 *
 * <p><b>After a crash.</b> A process killed while clients were connected leaves sessions stored
 * without an expiry, which Moquette (0.17 and 0.18) cannot load: it throws at start. Before
 * starting, {@link BrokerStoreRepair} gives such sessions the expiry a clean stop would have given
 * them, so the session and its queued messages are kept. If the broker still cannot start on its
 * store (a store damaged some other way), the store is moved aside ({@code broker.broken-<time>})
 * and the broker starts on an empty one: what was queued in it is lost, but nothing that Vecino had
 * stored (a message is acknowledged only after its batch is committed; the state is rebuilt from
 * the database).
 *
 * <p>Restartable: {@link #start()} after {@link #stop()} reuses the same port, data and password.
 * Thread-safe (methods are synchronized).
 */
public final class EmbeddedBroker implements AutoCloseable {
  /** Largest MQTT message accepted, header and topic included. */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024;

  /** The one user the broker accepts. */
  public static final String USERNAME = "vecino";

  static final String STORE_FILE = "moquette_store.h2";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int port;
  private final Path dataDir;
  private final Clock clock;
  private final String password;
  private Server server;

  /**
   * @param port TCP port on 127.0.0.1; must be a real port (Moquette reports 0 for "any")
   * @param dataDir directory for the broker's store (created if needed)
   */
  public EmbeddedBroker(int port, Path dataDir) {
    this(port, dataDir, Clock.systemUTC());
  }

  /** As {@link #EmbeddedBroker(int, Path)}; {@code clock} dates repaired sessions. */
  public EmbeddedBroker(int port, Path dataDir, Clock clock) {
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    this.port = port;
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    this.password = HexFormat.of().formatHex(secret);
  }

  /** Moquette's configuration. */
  Properties properties() {
    return properties(dataDir);
  }

  private Properties properties(Path store) {
    Properties p = new Properties();
    p.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
    p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
    p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
    p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
    p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, store.toString());
    p.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
    p.setProperty("autosave_interval", "1");
    p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
    return p;
  }

  /**
   * Starts the broker; does nothing when it runs already.
   *
   * @throws BindException when the port is in use on 127.0.0.1
   * @throws IOException when the store cannot be created or the broker cannot start even on an
   *     empty store
   */
  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    checkPortFree();
    PrivateFiles.createFolder(dataDir);
    PrivateFiles.restrict(dataDir);
    PrivateFiles.ensurePrivateFile(dataDir.resolve(STORE_FILE));
    try {
      int repaired = BrokerStoreRepair.repair(dataDir.resolve(STORE_FILE), clock.instant());
      if (repaired > 0) {
        log.warn(
            "Embedded MQTT broker: {} session(s) left open by a crash were closed in its store;"
                + " their queued messages are kept",
            repaired);
      }
      server = startOn(dataDir);
    } catch (RuntimeException e) {
      if (hasCause(e, BindException.class)) {
        throw bindFailure(e);
      }
      Path aside = dataDir.resolveSibling(dataDir.getFileName() + ".broken-" + stamp());
      log.error(
          "Embedded MQTT broker cannot start on its store {} ({}); moving it to {} and starting"
              + " with an empty store (Vecino's state is in its database)",
          dataDir,
          e.toString(),
          aside);
      Files.move(dataDir, aside);
      PrivateFiles.createFolder(dataDir);
      PrivateFiles.ensurePrivateFile(dataDir.resolve(STORE_FILE));
      try {
        server = startOn(dataDir);
      } catch (RuntimeException again) {
        if (hasCause(again, BindException.class)) {
          throw bindFailure(again);
        }
        throw new IOException("the broker cannot start even on an empty store: " + again, again);
      }
    }
    log.info("Embedded MQTT broker listening on 127.0.0.1:{}, data in {}", port, dataDir);
  }

  private Server startOn(Path store) throws IOException {
    Server s = new Server();
    s.startServer(new MemoryConfig(properties(store)), null, null, authenticator(), null);
    return s;
  }

  private IAuthenticator authenticator() {
    byte[] expected = password.getBytes(StandardCharsets.UTF_8);
    return (clientId, user, given) ->
        USERNAME.equals(user) && given != null && MessageDigest.isEqual(expected, given);
  }

  /** Fails fast, before Moquette starts threads and opens its store, when the port is taken. */
  private void checkPortFree() throws BindException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (BindException e) {
      throw new BindException("port " + port + " on 127.0.0.1 is already in use");
    } catch (IOException e) {
      BindException b = new BindException("cannot listen on 127.0.0.1:" + port + ": " + e);
      b.initCause(e);
      throw b;
    }
  }

  private BindException bindFailure(Throwable cause) {
    BindException b = new BindException("port " + port + " on 127.0.0.1 is already in use");
    b.initCause(cause);
    return b;
  }

  private String stamp() {
    return Long.toString(clock.instant().getEpochSecond());
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
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

  /** The user Vecino's clients connect as. */
  public String username() {
    return USERNAME;
  }

  /** The password made for this broker at construction; never logged. */
  public String password() {
    return password;
  }

  @Override
  public void close() {
    stop();
  }
}
