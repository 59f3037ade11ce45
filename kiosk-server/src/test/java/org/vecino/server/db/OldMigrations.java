package org.vecino.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The migrations as an older Vecino shipped them: {@code V1} up to a version, copied from today's
 * resources into a folder, for upgrade tests ({@code Database.open(file, OldMigrations.upTo(9,
 * dir))}). The returned migrations keep their class loader open for the test's lifetime.
 */
final class OldMigrations {
  private OldMigrations() {}

  /** Migrations {@code V1..V<version>} read from a copy under {@code dir}. */
  static Migrations upTo(int version, Path dir) {
    try {
      Path old = Files.createDirectories(dir.resolve("cp/old"));
      List<String> names = new ArrayList<>();
      ClassLoader here = OldMigrations.class.getClassLoader();
      try (InputStream index = here.getResourceAsStream("db/migration/index.txt")) {
        for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String name = line.strip();
          if (name.startsWith("V")
              && Integer.parseInt(name.substring(1, name.indexOf("__"))) <= version) {
            names.add(name);
          }
        }
      }
      if (names.size() != version) {
        throw new IllegalStateException("expected V1..V" + version + ", found " + names);
      }
      for (String name : names) {
        try (InputStream in = here.getResourceAsStream("db/migration/" + name)) {
          Files.copy(in, old.resolve(name));
        }
      }
      Files.writeString(old.resolve("index.txt"), String.join("\n", names) + "\n");
      URLClassLoader loader =
          new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, null);
      return new Migrations(loader, "old");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
