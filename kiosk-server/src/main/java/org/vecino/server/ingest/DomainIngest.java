package org.vecino.server.ingest;

import java.time.Instant;
import java.util.List;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.server.db.SqlWork;

/**
 * One domain's part of ingest, registered with the {@link IngestPipeline}: the topics under {@code
 * {prefix}/{domain}/...} and their decoder, how its updates are applied to the domain's in-memory
 * state, and what is stored for the applied updates of a batch in the writer's transaction. The
 * pipeline owns everything else (queue, batching, rejections, retries, acknowledgements, metrics).
 *
 * <p>Thread-safety: {@link #domain}, {@link #decoder} and {@link #updateType} may be called from
 * any thread and must return the same value every time; {@link #apply} and {@link #prepareStore}
 * are called only on the pipeline's single writer thread.
 *
 * @param <U> the domain's update type (each domain's decoder produces only these)
 */
public interface DomainIngest<U extends SensorUpdate> {

  /** The topic segment after the prefix, e.g. {@code transit}; unique among the domains. */
  String domain();

  /** Decodes the messages of this domain's topics into updates of type {@code U}. */
  MessageDecoder decoder();

  /** The class of this domain's updates: the pipeline gives {@link #apply} every instance of it. */
  Class<U> updateType();

  /**
   * Applies one update to the domain's state under the ordering rules. Only {@link
   * ApplyOutcome#APPLIED} updates are passed to {@link #prepareStore}; the others are recorded as
   * rejections by the pipeline.
   */
  ApplyOutcome apply(U update);

  /**
   * What to store for the updates of one batch that {@link #apply} applied, oldest first (never
   * empty). Called once per batch, after every update of the batch was applied. The returned work
   * runs in the writer's transaction with the rejections; when the database refuses the transaction
   * it runs again (rolled back in between), so it must not depend on running once.
   *
   * @param applied the applied updates, oldest first
   * @param now when the batch was applied (the writer's clock)
   */
  SqlWork<Void> prepareStore(List<U> applied, Instant now);
}
