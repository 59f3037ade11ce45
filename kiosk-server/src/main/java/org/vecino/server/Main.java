package org.vecino.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.config.ConfigException;
import org.vecino.server.config.Settings;
import org.vecino.server.config.SettingsLoader;
import org.vecino.server.db.Backup;
import org.vecino.server.db.DatabaseException;

/**
 * The command line: {@code java -jar kiosk-server.jar [--config FILE]} serves, and {@code java -jar
 * kiosk-server.jar [--config FILE] backup TARGET} copies the database of those settings to TARGET
 * while a server may be running on it ({@link Backup}), prints one line and exits 0. A
 * configuration mistake, and any other failure to start or to back up, prints one line and exits
 * with code 2; SIGTERM stops Vecino cleanly and exits 0.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String USAGE = "usage: [--config FILE] [backup TARGET]";

  private Main() {}

  public static void main(String[] args) {
    Path config = null;
    List<String> command = new ArrayList<>();
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
              "usage: java -jar kiosk-server.jar [--config FILE] [backup TARGET]\n"
                  + "Settings come from FILE (see config/vecino.conf) and VECINO_* environment"
                  + " variables, which win.\n"
                  + "backup TARGET: copy the database (VECINO_DB) to the new file TARGET, also"
                  + " while a server runs on it.");
          return;
        }
        default -> {
          if (args[i].startsWith("-") || command.size() >= 2) {
            fail("unknown argument '" + args[i] + "' (" + USAGE + ")");
          }
          command.add(args[i]);
        }
      }
    }
    if (!command.isEmpty() && !command.get(0).equals("backup")) {
      fail("unknown command '" + command.get(0) + "' (" + USAGE + ")");
    }
    if (command.size() == 1) {
      fail("backup: needs a target file (" + USAGE + ")");
    }
    Settings settings;
    try {
      settings = SettingsLoader.load(config, System.getenv());
    } catch (ConfigException e) {
      fail(e.getMessage());
      return;
    }
    if (!command.isEmpty()) {
      backup(settings, Path.of(command.get(1)));
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

  /** {@code backup TARGET}: one line on success, or one line on stderr and exit code 2. */
  private static void backup(Settings settings, Path target) {
    Backup.Result result;
    try {
      result = Backup.copy(settings.db(), target);
    } catch (DatabaseException e) {
      LOG.debug("backup failed", e);
      fail(e.getMessage());
      return;
    } catch (Throwable e) {
      LOG.debug("backup failed", e);
      fail("backup failed: " + oneLine(e));
      return;
    }
    System.out.println(
        "backup "
            + result.file()
            + ": "
            + result.size()
            + " bytes, schema version "
            + result.schemaVersion());
    System.out.flush();
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
