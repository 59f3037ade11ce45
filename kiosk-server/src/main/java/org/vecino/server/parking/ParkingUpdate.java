package org.vecino.server.parking;

import org.vecino.core.parking.CounterReading;
import org.vecino.core.parking.SpotReading;
import org.vecino.server.ingest.SensorUpdate;

/**
 * A decoded parking message ({@link ParkingDecoder}), applied to the parking state by {@link
 * ParkingIngest}. Immutable.
 */
public sealed interface ParkingUpdate extends SensorUpdate {

  /** A single-space parking sensor's reading. */
  record Spot(SpotReading value) implements ParkingUpdate {
    @Override
    public String key() {
      return "spot:" + value.spotId();
    }
  }

  /** A car park counter's reading. */
  record Counter(CounterReading value) implements ParkingUpdate {
    @Override
    public String key() {
      return "facility:" + value.facilityId();
    }
  }
}
