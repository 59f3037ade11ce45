package org.vecino.core.kernel;

/**
 * The caller has not proven who it is: no credential, or one that is wrong, expired or used up (a
 * one-time code, a session, a signature). Immutable.
 */
public final class UnauthorizedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(message);
  }
}
