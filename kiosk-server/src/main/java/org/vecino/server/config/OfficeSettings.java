package org.vecino.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Neighbor's Office. Immutable.
 *
 * @param catalog the office catalog file ({@code VECINO_OFFICE_CATALOG}, {@code
 *     config/office.json}): procedures, offices, kiosks, Open311 services; read and validated at
 *     start
 * @param kioskOfflineAfter a kiosk with no heartbeat for this long is offline ({@code
 *     VECINO_KIOSK_OFFLINE_AFTER}, 2m)
 */
public record OfficeSettings(Path catalog, Duration kioskOfflineAfter) {
  public OfficeSettings {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(kioskOfflineAfter, "kioskOfflineAfter");
  }
}
