package org.vecino.server.http;

import java.util.Objects;

/**
 * Thrown by HTTP handlers to answer with a problem document; the error mapper renders it. For a
 * protocol-level mistake (a bad query parameter, a missing token); domain mistakes use the core's
 * {@code DomainException}s.
 */
public final class HttpProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  public HttpProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = Objects.requireNonNull(problem);
  }

  public Problem problem() {
    return problem;
  }

  public static HttpProblemException unauthorized(String detail) {
    return new HttpProblemException(Problem.of("unauthorized", "Unauthorized", 401, detail));
  }

  public static HttpProblemException forbidden(String detail) {
    return new HttpProblemException(Problem.of("forbidden", "Forbidden", 403, detail));
  }
}
