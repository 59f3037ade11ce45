package org.vecino.server;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.config.ConfigException;
import org.vecino.server.config.Settings;
import org.vecino.server.config.SettingsLoader;

/**
 * The command line: {@code java -jar kiosk-server.jar [--config FILE]}. A configuration mistake,
 * and any other failure to start, prints one line and exits with code 2; SIGTERM stops Vecino
 * cleanly and exits 0.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            fail("--config: needs a file name");
          }
          config = Path.of(args[++i]);
        }
        case "--help", "-h" -> {
          System.out.println(
              "usage: java -jar kiosk-server.jar [--config FILE]\n"
                  + "Settings come from FILE (see config/vecino.conf) and VECINO_* environment"
                  + " variables, which win.");
          return;
        }
        default -> fail("unknown argument '" + args[i] + "' (usage: [--config FILE])");
      }
    }
    Settings settings;
    try {
      settings = SettingsLoader.load(config, System.getenv());
    } catch (ConfigException e) {
      fail(e.getMessage());
      return;
    }
    Vecino vecino;
    try {
      vecino = Vecino.start(settings, Clock.system(settings.timezone()));
    } catch (StartupException e) {
      LOG.debug("start failed", e);
      fail(e.getMessage());
      return;
    } catch (Throwable e) {
      // Whatever else throws while starting (a library's own exception, an Error) also ends the
      // process with exit code 2 and one line: never a stack trace, never a JVM kept alive by
      // some library's non-daemon threads. The trace is in the log at DEBUG.
      LOG.debug("start failed", e);
      fail("cannot start: " + oneLine(e));
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vecino.stop();
                  // A clean stop on SIGTERM is a success: exit 0, not the JVM's 143.
                  Runtime.getRuntime().halt(0);
                },
                "vecino-shutdown"));
  }

  /** The message of an unexpected start failure and of its root cause, on one line. */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = describe(e);
    if (root != e) {
      text += " (" + describe(root) + ")";
    }
    return text.replaceAll("\\s+", " ").strip();
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null || t.getMessage().isBlank()
        ? t.getClass().getSimpleName()
        : t.getMessage();
  }

  private static void fail(String message) {
    System.err.println("vecino: " + message.replaceAll("\\s+", " ").strip());
    System.err.flush();
    // halt, not exit: nothing has been started that needs a shutdown hook, and a library's hook
    // or non-daemon thread must not keep a failed start alive.
    Runtime.getRuntime().halt(2);
  }
}
