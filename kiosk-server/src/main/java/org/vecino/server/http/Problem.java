package org.vecino.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.vecino.core.kernel.FieldError;

/**
 * An RFC 9457 problem document, the body of every error answer. Immutable.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors the invalid fields, for validation problems; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String BASE = "https://vecino.city/problems/";

  public Problem {
    errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
  }

  public static Problem of(String kind, String title, int status, String detail) {
    return new Problem(BASE + kind, title, status, detail, null);
  }

  public static Problem validation(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return new Problem(BASE + "validation", "Invalid request", 400, detail, errors);
  }
}
