package org.vecino.server.ingest;

/**
 * A decoded, valid sensor message, ready for the single writer to apply. The ingest machinery never
 * looks inside one: each domain defines its own updates (immutable records, usually under a sealed
 * sub-interface in the domain's package) and the {@link DomainIngest} that applies and stores them.
 *
 * <p>Implementations are immutable.
 */
public interface SensorUpdate {

  /** The key the ordering rules and the persistence use, e.g. {@code stop:47}. */
  String key();
}
