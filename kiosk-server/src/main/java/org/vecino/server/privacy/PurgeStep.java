package org.vecino.server.privacy;

import java.time.Instant;

/**
 * One {@link RetentionRule} applied: the owning repository's purge, in one transaction of its own.
 */
@FunctionalInterface
public interface PurgeStep {
  /**
   * Deletes or blanks what the rule's event left before {@code cutoff}.
   *
   * @return how many rows were deleted or blanked
   */
  int purgeBefore(Instant cutoff);
}
