package org.vecino.server.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every {@link RetentionRule}: for each, the owning part's {@link PurgeStep} with the
 * cutoff {@code now - keptFor}, each in its own transaction. A failing step is logged and the
 * others still run. Run at start and then daily by the reminders' daily jobs. Thread-safe if its
 * steps are.
 */
public final class PrivacyPurge {
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyPurge.class);

  private final List<RetentionRule> rules;
  private final Map<String, PurgeStep> steps;
  private final Clock clock;

  /**
   * @param rules the rules ({@link RetentionRules#of})
   * @param steps each purged rule's step, by rule name
   * @throws IllegalArgumentException when a purged rule has no step, or a step no rule
   */
  public PrivacyPurge(List<RetentionRule> rules, Map<String, PurgeStep> steps, Clock clock) {
    this.rules = List.copyOf(rules);
    this.steps = Map.copyOf(steps);
    this.clock = Objects.requireNonNull(clock, "clock");
    Set<String> purged = new TreeSet<>();
    for (RetentionRule r : this.rules) {
      if (r.purged()) {
        purged.add(r.name());
      }
    }
    Set<String> missing = new TreeSet<>(purged);
    missing.removeAll(this.steps.keySet());
    Set<String> unknown = new TreeSet<>(this.steps.keySet());
    unknown.removeAll(purged);
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "retention rules without a purge step: "
              + missing
              + "; steps without a rule: "
              + unknown);
    }
  }

  /** Merges the steps each part gives; a rule name given twice is an error. */
  @SafeVarargs
  public static Map<String, PurgeStep> steps(Map<String, PurgeStep>... parts) {
    Map<String, PurgeStep> all = new HashMap<>();
    for (Map<String, PurgeStep> part : parts) {
      part.forEach(
          (name, step) -> {
            if (all.putIfAbsent(name, step) != null) {
              throw new IllegalArgumentException("two purge steps for " + name);
            }
          });
    }
    return all;
  }

  /**
   * Applies every rule as of now.
   *
   * @return how many rows each rule deleted or blanked, by rule name (a failed rule is absent)
   */
  public Map<String, Integer> run() {
    Instant now = clock.instant();
    Map<String, Integer> done = new LinkedHashMap<>();
    for (RetentionRule r : rules) {
      if (!r.purged()) {
        continue;
      }
      try {
        int n = steps.get(r.name()).purgeBefore(now.minus(r.keptFor()));
        done.put(r.name(), n);
        if (n > 0) {
          LOG.info("privacy purge: {}: {} rows {}", r.name(), n, verb(r.action()));
        }
      } catch (RuntimeException e) {
        LOG.warn("privacy purge: {} failed: {}", r.name(), e.toString());
      }
    }
    return done;
  }

  private static String verb(RetentionRule.Action action) {
    return action == RetentionRule.Action.DELETE_ROW ? "deleted" : "blanked";
  }
}
