package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code VECINO_OFFICE_CATALOG} and {@code VECINO_KIOSK_OFFLINE_AFTER} in {@link SettingsLoader}.
 */
class OfficeSettingsTest {
  @TempDir Path dir;

  @BeforeEach
  void sampleGtfsFolder() throws IOException {
    Files.createDirectories(dir.resolve("config/gtfs"));
  }

  private Settings load(Map<String, String> env) {
    return SettingsLoader.load(null, env, dir);
  }

  @Test
  void defaults() {
    OfficeSettings s = load(Map.of()).office();
    assertThat(s.catalog()).isEqualTo(dir.resolve("config/office.json"));
    assertThat(s.kioskOfflineAfter()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void fromTheEnvironment() {
    OfficeSettings s =
        load(Map.of(
                "VECINO_OFFICE_CATALOG", "city/office.json", "VECINO_KIOSK_OFFLINE_AFTER", "90s"))
            .office();
    assertThat(s.catalog()).isEqualTo(dir.resolve("city/office.json"));
    assertThat(s.kioskOfflineAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void badValuesAreOneClearLine() throws IOException {
    assertThatThrownBy(() -> load(Map.of("VECINO_KIOSK_OFFLINE_AFTER", "2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VECINO_KIOSK_OFFLINE_AFTER: must be a duration such as 90s");
    assertThatThrownBy(() -> load(Map.of("VECINO_KIOSK_OFFLINE_AFTER", "5s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "VECINO_KIOSK_OFFLINE_AFTER: must be between 10s and 24h, got \"5s\" (from the environment)");
    Files.createDirectories(dir.resolve("catalogs"));
    assertThatThrownBy(() -> load(Map.of("VECINO_OFFICE_CATALOG", "catalogs")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VECINO_OFFICE_CATALOG: is a folder, not a catalog file");
  }
}
