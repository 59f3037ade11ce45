package org.vecino.core.parking;

import java.time.Instant;
import java.util.List;

/**
 * Sensors administrators should look at. Immutable.
 *
 * @param faultyCounters car parks whose counter reports more free spaces than their capacity
 * @param lowBattery spot sensors whose last reported battery is under {@value #LOW_BATTERY_PERCENT}
 *     %
 * @param silent sensors (spots and car park counters) not heard from within their stale limit
 */
public record SensorReport(
    List<FaultyCounter> faultyCounters, List<LowBattery> lowBattery, List<Silent> silent) {
  /** A battery under this share is reported. */
  public static final int LOW_BATTERY_PERCENT = 20;

  public SensorReport {
    faultyCounters = List.copyOf(faultyCounters);
    lowBattery = List.copyOf(lowBattery);
    silent = List.copyOf(silent);
  }

  /** A counter above capacity: {@code reported} free of {@code total}. */
  public record FaultyCounter(String facilityId, int reported, int total, Instant at) {}

  public record LowBattery(String spotId, String facilityId, int batteryPercent, Instant at) {}

  /**
   * @param sensorId a spot id, or a car park's id for its counter
   * @param lastSeen its latest message's timestamp, null when never heard from
   */
  public record Silent(String sensorId, String facilityId, Instant lastSeen) {}
}
