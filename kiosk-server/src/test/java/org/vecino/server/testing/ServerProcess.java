package org.vecino.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vecino.server.Main;

/**
 * Vecino as an operator runs it: {@code Main} in a child JVM with only the given {@code VECINO_*}
 * variables, its output in files under a folder. Not thread-safe; one per test.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving on http://[^:]+:(\\d+)/");

  private final Path dir;
  private final String name;
  private final Process process;

  private ServerProcess(Path dir, String name, Process process) {
    this.dir = dir;
    this.name = name;
    this.process = process;
  }

  /** The settings of a run on the sample city with the HTTP port chosen by the system. */
  public static Map<String, String> sampleCity(Path db) {
    Map<String, String> env = new HashMap<>();
    env.put("VECINO_HTTP_PORT", "0");
    env.put("VECINO_HTTP_HOST", "127.0.0.1");
    env.put("VECINO_DB", db.toString());
    env.put("VECINO_GTFS", Repo.sampleGtfs().toString());
    env.put("VECINO_PARKING_CATALOG", Repo.sampleParking().toString());
    env.put("VECINO_SMS_TEMPLATES", Repo.smsTemplates().toString());
    env.put("VECINO_OFFICE_CATALOG", Repo.officeCatalog().toString());
    return env;
  }

  /**
   * Starts {@code java Main args} in {@code dir}, output in {@code dir/name.out} and {@code
   * dir/name.err}.
   */
  public static ServerProcess launch(Path dir, String name, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("VECINO_"));
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve(name + ".out").toFile());
    pb.redirectError(dir.resolve(name + ".err").toFile());
    return new ServerProcess(dir, name, pb.start());
  }

  public String stdout() throws IOException {
    return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
  }

  public Process process() {
    return process;
  }

  /** Waits until it serves and returns its HTTP port; fails if it exits first. */
  public int awaitServing(Duration atMost) throws IOException {
    await().atMost(atMost).until(() -> SERVING.matcher(stdout()).find() || !process.isAlive());
    Matcher m = SERVING.matcher(stdout());
    assertThat(m.find()).as("started: %s\n%s", stdout(), stderr()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** Waits for the process to end by itself and returns its exit code; fails if it does not. */
  public int awaitExit(Duration atMost) throws InterruptedException, IOException {
    boolean ended = process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(ended).as("exited within %s: %s\n%s", atMost, stdout(), stderr()).isTrue();
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no stop order. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGTERM, then the exit code. */
  public int terminate() throws InterruptedException, IOException {
    process.destroy();
    return awaitExit(Duration.ofSeconds(15));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
