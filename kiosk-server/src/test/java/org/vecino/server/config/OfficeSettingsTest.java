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
 * {@code VECINO_OFFICE_CATALOG}, {@code VECINO_KIOSK_OFFLINE_AFTER}, {@code
 * VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN} and {@code VECINO_SMS_ALLOWED_COUNTRIES} in {@link
 * SettingsLoader}.
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
    assertThat(s.maxBookingsPerCitizen()).isEqualTo(3);
    assertThat(s.smsAllowedCountries()).containsExactly("ES");
  }

  @Test
  void bookingCapAndSmsCountries() {
    OfficeSettings s =
        load(Map.of(
                "VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN", "5",
                "VECINO_SMS_ALLOWED_COUNTRIES", "ES, PT"))
            .office();
    assertThat(s.maxBookingsPerCitizen()).isEqualTo(5);
    assertThat(s.smsAllowedCountries()).containsExactlyInAnyOrder("ES", "PT");
    // Empty means not set: the default.
    assertThat(load(Map.of("VECINO_SMS_ALLOWED_COUNTRIES", "")).office().smsAllowedCountries())
        .containsExactly("ES");
  }

  @Test
  void badCapsAndCountriesAreOneClearLine() {
    for (String bad : java.util.List.of("0", "101", "three")) {
      assertThatThrownBy(() -> load(Map.of("VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN: must be a number 1..100, got \""
                  + bad
                  + "\" (from the environment)");
    }
    for (String bad : java.util.List.of("es", "ESP", "ES,,PT", "XX", "ES;PT")) {
      assertThatThrownBy(() -> load(Map.of("VECINO_SMS_ALLOWED_COUNTRIES", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "VECINO_SMS_ALLOWED_COUNTRIES: must be ISO country codes in capitals separated by"
                  + " commas")
          .hasMessageNotContaining("\n");
    }
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
