package org.vecino.server.ingest;

import java.util.List;

/**
 * The rejected MQTT messages kept for inspection, as administrators read them. Implemented by
 * {@link RejectionRepository}; implementations are thread-safe.
 */
@FunctionalInterface
public interface RejectionLog {
  /** The most recent rejections, newest first, at most {@code limit}. */
  List<Rejection> recent(int limit);
}
