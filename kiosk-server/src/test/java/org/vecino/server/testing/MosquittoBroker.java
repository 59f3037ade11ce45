package org.vecino.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Mosquitto broker for tests, on 127.0.0.1 and a free port, with the settings the MQTT
 * contract asks of a city broker: {@code persistence true}, {@code max_queued_messages 0}
 * (unbounded), {@code max_inflight_messages 100}. It can be stopped and started again on the same
 * port and persistence directory (Mosquitto saves its store on a clean stop).
 *
 * <p>Use it as a JUnit 5 extension ({@code @RegisterExtension final MosquittoBroker broker =
 * MosquittoBroker.create();} starts it before each test and removes it after), or by hand with
 * {@link #start()} and {@link #close()}.
 *
 * <p>Fails (never skips) when Mosquitto is not installed: {@code .ci/run} installs it. The binary
 * is {@code $MOSQUITTO}, else {@code /usr/sbin/mosquitto}, else {@code mosquitto} on the PATH.
 */
public final class MosquittoBroker implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

  private final int port;
  private final Path dir;
  private final Path dataDir;
  private final Path logFile;
  private Process process;

  private MosquittoBroker(int port, Path dir) {
    this.port = port;
    this.dir = dir;
    this.dataDir = dir.resolve("data");
    this.logFile = dir.resolve("mosquitto.log");
  }

  /** A broker on a free port with a fresh temporary directory; not started yet. */
  public static MosquittoBroker create() {
    try {
      return new MosquittoBroker(freePort(), Files.createTempDirectory("vecino-mosquitto-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:port}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Where Mosquitto keeps its persistence file. */
  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the broker and waits until it accepts connections. */
  public synchronized MosquittoBroker start() {
    if (isRunning()) {
      return this;
    }
    Path binary = binary();
    try {
      Files.createDirectories(dataDir);
      Path conf = dir.resolve("mosquitto.conf");
      Files.writeString(conf, config(), StandardCharsets.UTF_8);
      process =
          new ProcessBuilder(binary.toString(), "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    Process p = process;
    try {
      await()
          .atMost(STARTUP_TIMEOUT)
          .pollInterval(Duration.ofMillis(25))
          .until(() -> !p.isAlive() || accepts());
    } catch (RuntimeException e) {
      throw new IllegalStateException("Mosquitto did not start listening on " + port + log(), e);
    }
    if (!p.isAlive()) {
      throw new IllegalStateException(
          "Mosquitto exited with " + p.exitValue() + " on port " + port + log());
    }
    return this;
  }

  /** Stops the broker cleanly (SIGTERM: it saves its store) and waits until it has exited. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process p = process;
    process = null;
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes the persistence store (the broker must be stopped): it forgets every session. */
  public synchronized void wipeData() {
    if (isRunning()) {
      throw new IllegalStateException("stop the broker first");
    }
    deleteTree(dataDir);
  }

  /** Stops the broker and deletes its directory. */
  @Override
  public synchronized void close() {
    stop();
    deleteTree(dir);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  private String config() {
    String user = System.getProperty("user.name");
    return String.join(
        "\n",
        List.of(
            "# Generated by MosquittoBroker for a test.",
            "listener " + port + " 127.0.0.1",
            "allow_anonymous true",
            "persistence true",
            "persistence_location " + dataDir.toAbsolutePath() + "/",
            "max_queued_messages 0",
            "max_inflight_messages 100",
            // When run as root Mosquitto would switch to the 'mosquitto' user, who cannot write
            // here.
            "user " + user,
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            "log_type notice",
            ""));
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String log() {
    try {
      return Files.exists(logFile) ? "\n--- mosquitto log ---\n" + Files.readString(logFile) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static Path binary() {
    String env = System.getenv("MOSQUITTO");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Path.of(env);
    }
    Path sbin = Path.of("/usr/sbin/mosquitto");
    if (Files.isExecutable(sbin)) {
      return sbin;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(d, "mosquitto");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "Mosquitto is not installed (looked at $MOSQUITTO, /usr/sbin/mosquitto and the PATH)."
            + " The MQTT tests need a real broker: .ci/run installs it"
            + " (apt-get install mosquitto).");
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
