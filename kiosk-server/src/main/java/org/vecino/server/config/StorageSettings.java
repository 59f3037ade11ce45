package org.vecino.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where Vecino keeps its data. Immutable.
 *
 * @param db SQLite database file ({@code VECINO_DB}, {@code data/vecino.db}); its folder also holds
 *     the generated admin token and the embedded broker's store
 */
public record StorageSettings(Path db) {
  public static final Setting<Path> DB =
      Setting.of(
          "VECINO_DB",
          "data/vecino.db",
          Parser.path()
              .check(p -> !Files.isDirectory(p), p -> "is a folder, not a database file: " + p),
          "SQLite database file; its folder is created when missing");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS = List.of(DB);

  public StorageSettings {
    Objects.requireNonNull(db, "db");
  }

  static StorageSettings read(SettingValues v) {
    return new StorageSettings(v.get(DB));
  }
}
