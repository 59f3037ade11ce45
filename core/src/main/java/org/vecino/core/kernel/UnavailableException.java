package org.vecino.core.kernel;

import java.util.Objects;

/**
 * A service the request needs is not available in this installation (SMS sending or a gateway
 * secret not configured). The {@link #code()} names what is missing in a machine-readable way.
 * Immutable.
 */
public final class UnavailableException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final String code;

  /**
   * @param code what is unavailable, lower case with dashes ({@code not-configured})
   * @param message what is missing, for the caller
   */
  public UnavailableException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** What is unavailable, lower case with dashes. */
  public String code() {
    return code;
  }
}
