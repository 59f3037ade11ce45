package org.vecino.server;

import java.nio.file.Path;
import java.time.Clock;
import org.vecino.server.config.ConfigException;
import org.vecino.server.config.Settings;
import org.vecino.server.config.SettingsLoader;

/**
 * The command line: {@code java -jar kiosk-server.jar [--config FILE]}. A configuration mistake
 * prints one line and exits with code 2; SIGTERM stops Vecino cleanly and exits 0.
 */
public final class Main {
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
      fail(e.getMessage());
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

  private static void fail(String message) {
    System.err.println("vecino: " + message);
    System.exit(2);
  }
}
