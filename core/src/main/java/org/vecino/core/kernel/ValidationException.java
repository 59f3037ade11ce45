package org.vecino.core.kernel;

import java.util.List;
import java.util.stream.Collectors;

/** An input failed validation; every invalid field is named. */
public final class ValidationException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final transient List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public ValidationException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
