package org.vecino.server.ingest;

import org.vecino.core.parking.CounterReading;
import org.vecino.core.parking.SpotReading;
import org.vecino.core.transit.realtime.AlertDeletion;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.core.transit.realtime.StopPredictions;
import org.vecino.core.transit.realtime.VehiclePosition;

/** A decoded, valid sensor message, ready for the single writer to apply. Immutable. */
public sealed interface SensorUpdate {

  /** The key the ordering rules and the persistence use, e.g. {@code stop:47}. */
  String key();

  /** A stop's prediction snapshot. */
  record StopArrivals(StopPredictions value) implements SensorUpdate {
    @Override
    public String key() {
      return "stop:" + value.stopId();
    }
  }

  /** A new or changed service alert. */
  record Alert(ServiceAlert value) implements SensorUpdate {
    @Override
    public String key() {
      return "alert:" + value.id();
    }
  }

  /** An alert cleared by an empty payload. */
  record AlertRemoved(AlertDeletion value) implements SensorUpdate {
    @Override
    public String key() {
      return "alert:" + value.alertId();
    }
  }

  /** A bus's position. */
  record Vehicle(VehiclePosition value) implements SensorUpdate {
    @Override
    public String key() {
      return "vehicle:" + value.vehicleId();
    }
  }

  /** A single-space parking sensor's reading. */
  record ParkingSpot(SpotReading value) implements SensorUpdate {
    @Override
    public String key() {
      return "spot:" + value.spotId();
    }
  }

  /** A car park counter's reading. */
  record ParkingCounter(CounterReading value) implements SensorUpdate {
    @Override
    public String key() {
      return "facility:" + value.facilityId();
    }
  }

  /** Whether this update belongs to the parking domain. */
  default boolean isParking() {
    return this instanceof ParkingSpot || this instanceof ParkingCounter;
  }
}
