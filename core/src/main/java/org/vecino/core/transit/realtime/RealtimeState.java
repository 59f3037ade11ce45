package org.vecino.core.transit.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vecino.core.kernel.ApplyOutcome;

/**
 * The latest real-time transit state: one prediction snapshot per stop, the alerts (and the
 * deletions that must keep late copies out), and vehicle positions. It enforces the ordering rules
 * of the MQTT contract: an update older than the state it replaces is {@link
 * ApplyOutcome#OUT_OF_ORDER}; one equal to it is applied again; one too far in the future is {@link
 * ApplyOutcome#FUTURE_TIMESTAMP}.
 *
 * <p>Thread-safety: designed for one writer and many readers. Writes must come from a single thread
 * (the ingest writer); reads are lock-free and see each update atomically.
 */
public final class RealtimeState {
  private final Clock clock;
  private final Duration maxFutureSkew;
  private final Map<String, StopPredictions> snapshots = new ConcurrentHashMap<>();
  private final Map<String, ServiceAlert> alerts = new ConcurrentHashMap<>();
  private final Map<String, AlertDeletion> deletions = new ConcurrentHashMap<>();
  private final Map<String, VehiclePosition> vehicles = new ConcurrentHashMap<>();
  private final Map<String, Long> stopVersions = new ConcurrentHashMap<>();
  private final AtomicLong alertsVersion = new AtomicLong();

  /**
   * @param clock the clock "now" is read from
   * @param maxFutureSkew how far in the future a message's timestamp may be (5 min by contract)
   */
  public RealtimeState(Clock clock, Duration maxFutureSkew) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
  }

  private boolean inFuture(Instant timestamp) {
    return timestamp.isAfter(clock.instant().plus(maxFutureSkew));
  }

  /** Replaces the stop's snapshot, unless it is out of order or from the future. */
  public ApplyOutcome apply(StopPredictions snapshot) {
    if (inFuture(snapshot.timestamp())) {
      return ApplyOutcome.FUTURE_TIMESTAMP;
    }
    StopPredictions current = snapshots.get(snapshot.stopId());
    if (current != null && snapshot.orderingTime().isBefore(current.orderingTime())) {
      return ApplyOutcome.OUT_OF_ORDER;
    }
    snapshots.put(snapshot.stopId(), snapshot);
    stopVersions.merge(snapshot.stopId(), 1L, Long::sum);
    return ApplyOutcome.APPLIED;
  }

  /** Adds or replaces an alert, unless it is out of order (also against its deletion). */
  public ApplyOutcome apply(ServiceAlert alert) {
    if (inFuture(alert.timestamp())) {
      return ApplyOutcome.FUTURE_TIMESTAMP;
    }
    ServiceAlert current = alerts.get(alert.id());
    if (current != null && alert.orderingTime().isBefore(current.orderingTime())) {
      return ApplyOutcome.OUT_OF_ORDER;
    }
    AlertDeletion deletion = deletions.get(alert.id());
    if (deletion != null) {
      if (!alert.orderingTime().isAfter(deletion.deletedAt())) {
        return ApplyOutcome.OUT_OF_ORDER;
      }
      deletions.remove(alert.id());
    }
    alerts.put(alert.id(), alert);
    alertsVersion.incrementAndGet();
    return ApplyOutcome.APPLIED;
  }

  /**
   * Deletes an alert and remembers the deletion. A deletion is always applied: it carries no
   * timestamp of its own, only the time it was received.
   */
  public ApplyOutcome apply(AlertDeletion deletion) {
    AlertDeletion previous = deletions.get(deletion.alertId());
    if (previous == null || deletion.deletedAt().isAfter(previous.deletedAt())) {
      deletions.put(deletion.alertId(), deletion);
    }
    if (alerts.remove(deletion.alertId()) != null) {
      alertsVersion.incrementAndGet();
    }
    return ApplyOutcome.APPLIED;
  }

  /** Records a vehicle's position, unless it is out of order or from the future. */
  public ApplyOutcome apply(VehiclePosition position) {
    if (inFuture(position.timestamp())) {
      return ApplyOutcome.FUTURE_TIMESTAMP;
    }
    VehiclePosition current = vehicles.get(position.vehicleId());
    if (current != null && position.orderingTime().isBefore(current.orderingTime())) {
      return ApplyOutcome.OUT_OF_ORDER;
    }
    vehicles.put(position.vehicleId(), position);
    return ApplyOutcome.APPLIED;
  }

  public Optional<StopPredictions> snapshot(String stopId) {
    return Optional.ofNullable(snapshots.get(stopId));
  }

  /** A number that changes whenever the stop's snapshot is replaced (0 before the first). */
  public long stopVersion(String stopId) {
    return stopVersions.getOrDefault(stopId, 0L);
  }

  /** A number that changes whenever an alert is added, replaced or deleted. */
  public long alertsVersion() {
    return alertsVersion.get();
  }

  public Collection<StopPredictions> snapshots() {
    return List.copyOf(snapshots.values());
  }

  /** Every alert held, active or not. */
  public List<ServiceAlert> alerts() {
    return new ArrayList<>(alerts.values());
  }

  public Collection<AlertDeletion> deletions() {
    return List.copyOf(deletions.values());
  }

  public Optional<VehiclePosition> vehicle(String vehicleId) {
    return Optional.ofNullable(vehicles.get(vehicleId));
  }

  public Collection<VehiclePosition> vehicles() {
    return List.copyOf(vehicles.values());
  }
}
