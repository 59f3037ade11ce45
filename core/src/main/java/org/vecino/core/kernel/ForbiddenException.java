package org.vecino.core.kernel;

/** The caller is known (or needs no identity) but may not do this. Immutable. */
public final class ForbiddenException extends DomainException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }
}
