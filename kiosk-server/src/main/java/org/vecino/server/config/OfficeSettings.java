package org.vecino.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

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
}
