package org.vecino.core.kernel;

import java.util.Objects;

/**
 * A request clashes with the current state: a slot already taken, a place already held. The {@link
 * #code()} names the kind of clash in a machine-readable way ({@code slot-taken}). Immutable.
 */
public final class ConflictException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final String code;

  /**
   * @param code the kind of clash, lower case with dashes ({@code already-booked})
   * @param message what clashed, for the caller
   */
  public ConflictException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The kind of clash, lower case with dashes ({@code slot-taken}). */
  public String code() {
    return code;
  }
}
