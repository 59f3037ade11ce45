package org.vecino.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.reminders.PhoneNumber;

/**
 * Settings of the Neighbor's Office. Immutable.
 *
 * @param catalog the office catalog file ({@code VECINO_OFFICE_CATALOG}, {@code
 *     config/office.json}): procedures, offices, kiosks, Open311 services; read and validated at
 *     start
 * @param kioskOfflineAfter a kiosk with no heartbeat for this long is offline ({@code
 *     VECINO_KIOSK_OFFLINE_AFTER}, 2m)
 * @param maxBookingsPerCitizen how many future office bookings one phone may hold ({@code
 *     VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN}, 3)
 * @param smsAllowedCountries the ISO regions whose mobile numbers may receive the SMS a citizen or
 *     an Open311 caller can trigger ({@code VECINO_SMS_ALLOWED_COUNTRIES}, {@code ES})
 */
public record OfficeSettings(
    Path catalog,
    Duration kioskOfflineAfter,
    int maxBookingsPerCitizen,
    Set<String> smsAllowedCountries) {
  public static final int DEFAULT_MAX_BOOKINGS_PER_CITIZEN = 3;
  public static final Set<String> DEFAULT_SMS_ALLOWED_COUNTRIES = Set.of("ES");

  public static final Setting<Path> CATALOG =
      Setting.of(
          "VECINO_OFFICE_CATALOG",
          "config/office.json",
          Parser.path()
              .check(p -> !Files.isDirectory(p), p -> "is a folder, not a catalog file: " + p),
          "the office catalog: procedures, offices, hours and holidays, kiosks, Open311 services");
  public static final Setting<Duration> KIOSK_OFFLINE_AFTER =
      Setting.of(
          "VECINO_KIOSK_OFFLINE_AFTER",
          "2m",
          Parser.duration(Duration.ofSeconds(10), Duration.ofDays(1)),
          "a kiosk with no heartbeat for this long is listed offline");
  public static final Setting<Integer> MAX_BOOKINGS_PER_CITIZEN =
      Setting.of(
          "VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN",
          String.valueOf(DEFAULT_MAX_BOOKINGS_PER_CITIZEN),
          Parser.intRange(1, 100),
          "upcoming office appointments one phone may hold");
  public static final Setting<Set<String>> SMS_ALLOWED_COUNTRIES =
      Setting.of(
          "VECINO_SMS_ALLOWED_COUNTRIES",
          "ES",
          Parser.list(
                  ",",
                  Parser.text()
                      .check(
                          PhoneNumber::isRegion,
                          code ->
                              "must be ISO country codes in capitals separated by commas, such"
                                  + " as ES or ES,PT"))
              .<Set<String>>map(LinkedHashSet::new)
              .allowing("ISO country codes such as ES or ES,PT"),
          "countries whose mobile numbers may receive the SMS citizens and Open311 callers"
              + " trigger");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS =
      List.of(CATALOG, KIOSK_OFFLINE_AFTER, MAX_BOOKINGS_PER_CITIZEN, SMS_ALLOWED_COUNTRIES);

  public OfficeSettings {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(kioskOfflineAfter, "kioskOfflineAfter");
    if (maxBookingsPerCitizen < 1) {
      throw new IllegalArgumentException("maxBookingsPerCitizen must be at least 1");
    }
    smsAllowedCountries = Set.copyOf(smsAllowedCountries);
    if (smsAllowedCountries.isEmpty()) {
      throw new IllegalArgumentException("smsAllowedCountries must not be empty");
    }
  }

  /** A catalog and offline limit with the default booking cap and SMS countries. */
  public OfficeSettings(Path catalog, Duration kioskOfflineAfter) {
    this(
        catalog,
        kioskOfflineAfter,
        DEFAULT_MAX_BOOKINGS_PER_CITIZEN,
        DEFAULT_SMS_ALLOWED_COUNTRIES);
  }

  static OfficeSettings read(SettingValues v) {
    return new OfficeSettings(
        v.get(CATALOG),
        v.get(KIOSK_OFFLINE_AFTER),
        v.get(MAX_BOOKINGS_PER_CITIZEN),
        v.get(SMS_ALLOWED_COUNTRIES));
  }
}
