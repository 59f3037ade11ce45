package org.vecino.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The parking settings. Immutable.
 *
 * @param catalog the parking catalog file ({@code VECINO_PARKING_CATALOG}, {@code
 *     config/parking.json}); read and validated at start
 */
public record ParkingSettings(Path catalog) {
  public static final Setting<Path> CATALOG =
      Setting.of(
          "VECINO_PARKING_CATALOG",
          "config/parking.json",
          Parser.path()
              .check(p -> !Files.isDirectory(p), p -> "is a folder, not a catalog file: " + p),
          "the parking catalog: car parks, street zones and their spots");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS = List.of(CATALOG);

  public ParkingSettings {
    Objects.requireNonNull(catalog, "catalog");
  }

  static ParkingSettings read(SettingValues v) {
    return new ParkingSettings(v.get(CATALOG));
  }
}
