package org.vecino.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The bus network's settings. Immutable.
 *
 * @param gtfs GTFS static feed, zip or folder ({@code VECINO_GTFS}, {@code config/gtfs}); it must
 *     exist
 * @param predictionStaleAfter age after which a prediction is no longer real-time ({@code
 *     VECINO_TRANSIT_STALE_AFTER}, 90s)
 */
public record TransitSettings(Path gtfs, Duration predictionStaleAfter) {
  public static final Setting<Path> GTFS =
      Setting.of(
          "VECINO_GTFS",
          "config/gtfs",
          Parser.path()
              .check(
                  p -> Files.isDirectory(p) || Files.exists(p), p -> "no such file or folder: " + p)
              .check(
                  p ->
                      Files.isDirectory(p)
                          || (Files.isRegularFile(p)
                              && p.getFileName()
                                  .toString()
                                  .toLowerCase(Locale.ROOT)
                                  .endsWith(".zip")),
                  p -> "must be a .zip file or a folder of .txt files: " + p)
              .allowing("a .zip file or a folder"),
          "GTFS static feed: a .zip file or a folder of .txt files; it must exist");
  public static final Setting<Duration> STALE_AFTER =
      Setting.of(
          "VECINO_TRANSIT_STALE_AFTER",
          "90s",
          Parser.duration(Duration.ofSeconds(10), Duration.ofHours(1)),
          "age after which a real-time prediction is no longer shown as real-time");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS = List.of(GTFS, STALE_AFTER);

  public TransitSettings {
    Objects.requireNonNull(gtfs, "gtfs");
    Objects.requireNonNull(predictionStaleAfter, "predictionStaleAfter");
  }

  static TransitSettings read(SettingValues v) {
    return new TransitSettings(v.get(GTFS), v.get(STALE_AFTER));
  }
}
