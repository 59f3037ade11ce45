package org.vecino.server.privacy;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one table keeps its personal data, and what happens then.
 *
 * @param name the rule's name, the key of its {@link PurgeStep}: the table, or {@code
 *     table.qualifier} when a table has more than one rule
 * @param table the table
 * @param personal what in a row is personal
 * @param keptFor how long after {@code after} it is kept
 * @param after the event the time is counted from
 * @param action what happens then
 */
public record RetentionRule(
    String name, String table, String personal, Duration keptFor, String after, Action action) {

  /** What a rule does to a row past its time. */
  public enum Action {
    /** The row is deleted. */
    DELETE_ROW,
    /** The personal columns are blanked; the row stays for anonymous statistics. */
    BLANK_PERSONAL,
    /**
     * Kept on purpose while it serves the citizen (no purge step); the reason is in {@code after}.
     */
    KEPT_WHILE_NEEDED
  }

  public RetentionRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(personal, "personal");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(action, "action");
    if (action != Action.KEPT_WHILE_NEEDED
        && (keptFor == null || keptFor.isNegative() || keptFor.isZero())) {
      throw new IllegalArgumentException(name + ": keptFor must be positive");
    }
  }

  /** Whether the rule is applied by a {@link PurgeStep}. */
  public boolean purged() {
    return action != Action.KEPT_WHILE_NEEDED;
  }
}
