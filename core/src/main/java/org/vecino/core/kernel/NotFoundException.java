package org.vecino.core.kernel;

/** A named thing (a stop, a car park, an appointment) does not exist. */
public final class NotFoundException extends DomainException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String what, String id) {
    super(what + " '" + id + "' does not exist");
  }
}
