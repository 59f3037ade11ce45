package org.vecino.server.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The city itself. Immutable.
 *
 * @param timezone the city's zone ({@code VECINO_TIMEZONE}, Europe/Madrid)
 */
public record CitySettings(ZoneId timezone) {
  public static final Setting<ZoneId> TIMEZONE =
      Setting.of("VECINO_TIMEZONE", "Europe/Madrid", Parser.zone(), "the city's time zone");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS = List.of(TIMEZONE);

  public CitySettings {
    Objects.requireNonNull(timezone, "timezone");
  }

  static CitySettings read(SettingValues v) {
    return new CitySettings(v.get(TIMEZONE));
  }
}
