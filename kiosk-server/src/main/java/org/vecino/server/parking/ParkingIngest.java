package org.vecino.server.parking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.core.parking.ParkingState;
import org.vecino.server.db.SqlWork;
import org.vecino.server.ingest.DomainIngest;
import org.vecino.server.ingest.MessageDecoder;

/**
 * The parking part of ingest: {@code {p}/parking/...} decoded by {@link ParkingDecoder} against the
 * state's catalog, applied to the {@link ParkingState}, and stored by {@link ParkingRepository}:
 * the latest readings (a counter reading as the state keeps it, so that a restart restores the same
 * state) and the new free spaces of each facility a batch touched, for its history.
 *
 * <p>Immutable; {@link #apply} and {@link #prepareStore} run on the pipeline's writer thread (the
 * state's single writer).
 */
public final class ParkingIngest implements DomainIngest<ParkingUpdate> {
  private final ParkingDecoder decoder;
  private final ParkingState state;
  private final ParkingRepository repository;
  private final Clock clock;

  /**
   * @param prefix the topic prefix, e.g. {@code city}
   * @param state the live state the updates are applied to; its catalog checks the ids
   * @param repository where applied readings and the occupancy history are stored
   * @param clock the time the history is compacted by
   */
  public ParkingIngest(
      String prefix, ParkingState state, ParkingRepository repository, Clock clock) {
    this.state = Objects.requireNonNull(state, "state");
    this.decoder = new ParkingDecoder(prefix, state.catalog());
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String domain() {
    return ParkingDecoder.DOMAIN;
  }

  @Override
  public MessageDecoder decoder() {
    return decoder;
  }

  @Override
  public Class<ParkingUpdate> updateType() {
    return ParkingUpdate.class;
  }

  @Override
  public ApplyOutcome apply(ParkingUpdate update) {
    if (update instanceof ParkingUpdate.Spot s) {
      return state.apply(s.value());
    } else if (update instanceof ParkingUpdate.Counter c) {
      return state.apply(c.value());
    }
    throw new IllegalStateException("no applier for " + update.getClass().getSimpleName());
  }

  @Override
  public SqlWork<Void> prepareStore(List<ParkingUpdate> applied, Instant now) {
    List<ParkingUpdate> readings = new ArrayList<>(applied.size());
    for (ParkingUpdate u : applied) {
      readings.add(stateOf(u));
    }
    List<ParkingRepository.HistoryWrite> history = historyOf(applied, now);
    return tx -> {
      repository.save(tx, readings);
      repository.recordHistory(tx, history, clock.instant());
      return null;
    };
  }

  /**
   * What to store for an applied update: a counter reading as the state keeps it (with the last
   * reported total carried over), so that a restart restores the same state.
   */
  private ParkingUpdate stateOf(ParkingUpdate update) {
    if (update instanceof ParkingUpdate.Counter c) {
      return state
          .counterReading(c.value().facilityId())
          .<ParkingUpdate>map(ParkingUpdate.Counter::new)
          .orElse(update);
    }
    return update;
  }

  /** The new free spaces of each facility the applied updates touched. */
  private List<ParkingRepository.HistoryWrite> historyOf(List<ParkingUpdate> applied, Instant now) {
    Set<String> facilities = new LinkedHashSet<>();
    for (ParkingUpdate u : applied) {
      if (u instanceof ParkingUpdate.Counter c) {
        facilities.add(c.value().facilityId());
      } else if (u instanceof ParkingUpdate.Spot s) {
        state
            .catalog()
            .spot(s.value().spotId())
            .ifPresent(spot -> facilities.add(spot.facilityId()));
      }
    }
    List<ParkingRepository.HistoryWrite> out = new ArrayList<>(facilities.size());
    for (String id : facilities) {
      state
          .availability(id)
          .filter(a -> a.available() != null)
          .ifPresent(
              a -> out.add(new ParkingRepository.HistoryWrite(id, now, a.available(), a.total())));
    }
    return out;
  }
}
