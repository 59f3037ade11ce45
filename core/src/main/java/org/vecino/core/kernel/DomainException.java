package org.vecino.core.kernel;

/**
 * Base of the exceptions the domain throws for a caller's mistake (as opposed to a bug). The server
 * maps each subtype to one problem type.
 */
public abstract class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected DomainException(String message) {
    super(message);
  }
}
