package org.vecino.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven by ChromeDriver, for the browser tests, with the one rule for
 * when they are missing: {@link #requireInstalled()} fails the test class under {@code CI=true} (CI
 * must never stay green without its browser tests; {@code .ci/run} installs both) and skips it,
 * saying what to install, anywhere else (a developer machine without Chromium).
 *
 * <p>The binaries are {@code $CHROMIUM}, else {@code /usr/bin/chromium}, and {@code $CHROMEDRIVER},
 * else {@code /usr/bin/chromedriver} (Debian's {@code chromium} and {@code chromium-driver}). Each
 * browser gets its own throw-away profile, removed by {@link #close()}.
 */
public final class Browser implements AutoCloseable {
  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** The Chromium binary: {@code $CHROMIUM}, else {@code /usr/bin/chromium}. */
  public static Path chromium() {
    return binary(System.getenv(), "CHROMIUM", "/usr/bin/chromium");
  }

  /** The ChromeDriver binary: {@code $CHROMEDRIVER}, else {@code /usr/bin/chromedriver}. */
  public static Path chromedriver() {
    return binary(System.getenv(), "CHROMEDRIVER", "/usr/bin/chromedriver");
  }

  static Path binary(Map<String, String> env, String variable, String fallback) {
    String v = env.get(variable);
    return Path.of(v == null || v.isBlank() ? fallback : v);
  }

  /** True when the environment variable {@code CI} is {@code true} (as CI services set it). */
  public static boolean onCi() {
    return onCi(System.getenv());
  }

  static boolean onCi(Map<String, String> env) {
    return "true".equalsIgnoreCase(String.valueOf(env.get("CI")).trim());
  }

  /**
   * Returns when Chromium and ChromeDriver are installed; otherwise fails under {@code CI=true} and
   * aborts (skips) the calling test or test class elsewhere. Call it first in {@code @BeforeAll}.
   */
  public static void requireInstalled() {
    require(onCi(), chromium(), chromedriver());
  }

  static void require(boolean ci, Path chromium, Path chromedriver) {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(chromium)) {
      missing.add("Chromium at " + chromium);
    }
    if (!Files.isExecutable(chromedriver)) {
      missing.add("ChromeDriver at " + chromedriver);
    }
    if (missing.isEmpty()) {
      return;
    }
    String what =
        "the browser tests need "
            + String.join(" and ", missing)
            + " (Debian: apt-get install chromium chromium-driver; or set $CHROMIUM and"
            + " $CHROMEDRIVER)";
    if (ci) {
      throw new AssertionError("CI=true and " + what + ": browser tests must run in CI");
    }
    String skipped = "Skipped: " + what + ". Under CI=true this fails instead.";
    // Surefire shows a class aborted in @BeforeAll as "Tests run: 0" without the reason: say it.
    System.err.println("WARNING " + skipped);
    Assumptions.abort(skipped);
  }

  /**
   * Starts a headless Chromium with a window of the given size, after {@link #requireInstalled()}.
   */
  public static Browser start(int width, int height) {
    requireInstalled();
    Path profile;
    try {
      profile = Files.createTempDirectory("vecino-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver().toFile()).build();
    try {
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Quits the browser and removes its profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
