package org.vecino.server.office;

import java.time.Duration;
import org.vecino.server.http.Problem;

/**
 * An office request that fails for a reason the citizen or the kiosk must see: a taken slot (409),
 * a wrong code (401), too many requests (429, with the seconds to wait), an unwired service (503).
 */
public final class OfficeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;
  private final Duration retryAfter;

  private OfficeException(Problem problem, Duration retryAfter) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  public Problem problem() {
    return problem;
  }

  /** How long to wait before trying again (429), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  static OfficeException slotTaken(String detail) {
    return new OfficeException(Problem.of("slot-taken", "Slot taken", 409, detail), null);
  }

  static OfficeException conflict(String kind, String title, String detail) {
    return new OfficeException(Problem.of(kind, title, 409, detail), null);
  }

  static OfficeException badCode(String detail) {
    return new OfficeException(Problem.of("unauthorized", "Unauthorized", 401, detail), null);
  }

  static OfficeException tooMany(String detail, Duration retryAfter) {
    return new OfficeException(
        Problem.of("rate-limited", "Too many requests", 429, detail), retryAfter);
  }

  static OfficeException unavailable(String detail) {
    return new OfficeException(Problem.of("unavailable", "Service unavailable", 503, detail), null);
  }
}
