package org.vecino.core.kernel;

import java.util.Objects;

/**
 * One invalid field of an input: its path ({@code arrivals[0].etaSeconds}) and what is wrong.
 * Immutable.
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
