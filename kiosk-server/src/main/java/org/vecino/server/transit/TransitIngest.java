package org.vecino.server.transit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.core.transit.Timetable;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.server.db.SqlWork;
import org.vecino.server.ingest.DomainIngest;
import org.vecino.server.ingest.MessageDecoder;

/**
 * The transit part of ingest: {@code {p}/transit/...} decoded by {@link TransitDecoder}, applied to
 * the {@link RealtimeState}, and stored by {@link TransitRepository} so that it survives a restart.
 *
 * <p>Immutable; {@link #apply} and {@link #prepareStore} run on the pipeline's writer thread (the
 * state's single writer).
 */
public final class TransitIngest implements DomainIngest<TransitUpdate> {
  private final TransitDecoder decoder;
  private final RealtimeState state;
  private final TransitRepository repository;

  /**
   * @param prefix the topic prefix, e.g. {@code city}
   * @param timetable the static network stop ids are checked against
   * @param state the live state the updates are applied to
   * @param repository where applied updates are stored
   */
  public TransitIngest(
      String prefix, Timetable timetable, RealtimeState state, TransitRepository repository) {
    this.decoder = new TransitDecoder(prefix, timetable);
    this.state = Objects.requireNonNull(state, "state");
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  @Override
  public String domain() {
    return TransitDecoder.DOMAIN;
  }

  @Override
  public MessageDecoder decoder() {
    return decoder;
  }

  @Override
  public Class<TransitUpdate> updateType() {
    return TransitUpdate.class;
  }

  @Override
  public ApplyOutcome apply(TransitUpdate update) {
    if (update instanceof TransitUpdate.StopArrivals s) {
      return state.apply(s.value());
    } else if (update instanceof TransitUpdate.Alert a) {
      return state.apply(a.value());
    } else if (update instanceof TransitUpdate.AlertRemoved d) {
      return state.apply(d.value());
    } else if (update instanceof TransitUpdate.Vehicle v) {
      return state.apply(v.value());
    }
    throw new IllegalStateException("no applier for " + update.getClass().getSimpleName());
  }

  @Override
  public SqlWork<Void> prepareStore(List<TransitUpdate> applied, Instant now) {
    return tx -> {
      repository.save(tx, applied);
      return null;
    };
  }
}
