package org.vecino.server.http;

import java.util.Map;

/**
 * One part's contribution to {@code /health}: its state and details. Implementations must answer
 * quickly and be thread-safe.
 */
public interface HealthCheck {

  /** How a part is doing. */
  enum State {
    UP,
    /** Down, but Vecino still serves (e.g. the broker is away: timetables still show). */
    DEGRADED,
    /** Vecino cannot serve (e.g. the database is unusable). */
    DOWN
  }

  /** A part's state and what to show about it. */
  record Result(State state, Map<String, Object> details) {
    public Result {
      details = Map.copyOf(details);
    }
  }

  String name();

  Result check();
}
