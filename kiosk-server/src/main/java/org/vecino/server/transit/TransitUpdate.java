package org.vecino.server.transit;

import org.vecino.core.transit.realtime.AlertDeletion;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.core.transit.realtime.StopPredictions;
import org.vecino.core.transit.realtime.VehiclePosition;
import org.vecino.server.ingest.SensorUpdate;

/**
 * A decoded transit message ({@link TransitDecoder}), applied to the real-time state by {@link
 * TransitIngest}. Immutable.
 */
public sealed interface TransitUpdate extends SensorUpdate {

  /** A stop's prediction snapshot. */
  record StopArrivals(StopPredictions value) implements TransitUpdate {
    @Override
    public String key() {
      return "stop:" + value.stopId();
    }
  }

  /** A new or changed service alert. */
  record Alert(ServiceAlert value) implements TransitUpdate {
    @Override
    public String key() {
      return "alert:" + value.id();
    }
  }

  /** An alert cleared by an empty payload. */
  record AlertRemoved(AlertDeletion value) implements TransitUpdate {
    @Override
    public String key() {
      return "alert:" + value.alertId();
    }
  }

  /** A bus's position. */
  record Vehicle(VehiclePosition value) implements TransitUpdate {
    @Override
    public String key() {
      return "vehicle:" + value.vehicleId();
    }
  }
}
