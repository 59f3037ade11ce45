package org.vecino.core.kernel;

/** What happened to one real-time update offered to {@link RealtimeState}. */
public enum ApplyOutcome {
  /** The update is now the state (or it repeated the state's timestamp harmlessly). */
  APPLIED,
  /** Older than the state it would replace: ignored. */
  OUT_OF_ORDER,
  /** Its timestamp is further in the future than allowed: rejected. */
  FUTURE_TIMESTAMP
}
