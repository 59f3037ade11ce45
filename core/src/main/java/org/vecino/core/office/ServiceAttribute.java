package org.vecino.core.office;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.kernel.LocalizedText;

/**
 * An extra question of an Open311 service (its service definition). Immutable.
 *
 * @param code the attribute's code, used as {@code attribute[code]} in a request
 * @param datatype one of {@link #DATATYPES}
 * @param required whether a request must answer it
 * @param description the question shown to the citizen
 * @param order display order, from 1
 * @param values the allowed answers of a list datatype, empty otherwise
 */
public record ServiceAttribute(
    String code,
    String datatype,
    boolean required,
    LocalizedText description,
    int order,
    List<Value> values) {
  /** The datatypes of GeoReport v2. */
  public static final Set<String> DATATYPES =
      Set.of("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");

  /**
   * One allowed answer.
   *
   * @param key what is sent
   * @param name what is shown
   */
  public record Value(String key, LocalizedText name) {
    public Value {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(name, "name");
    }
  }

  public ServiceAttribute {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(description, "description");
    if (!DATATYPES.contains(datatype)) {
      throw new IllegalArgumentException("datatype must be one of " + DATATYPES);
    }
    values = List.copyOf(values);
    boolean list = datatype.endsWith("list");
    if (list == values.isEmpty()) {
      throw new IllegalArgumentException(
          list ? "a list attribute needs values" : "only list attributes have values");
    }
  }

  /** Why {@code answer} is not a valid answer, or null when it is. */
  public String problemWith(String answer) {
    if (answer == null || answer.isBlank()) {
      return required ? "is required" : null;
    }
    if (answer.length() > 1000) {
      return "must be at most 1000 characters";
    }
    switch (datatype) {
      case "number" -> {
        try {
          Double.parseDouble(answer.strip());
        } catch (NumberFormatException e) {
          return "must be a number";
        }
      }
      case "singlevaluelist" -> {
        if (values.stream().noneMatch(v -> v.key().equals(answer))) {
          return "must be one of " + values.stream().map(Value::key).toList();
        }
      }
      case "multivaluelist" -> {
        for (String part : answer.split(",")) {
          if (values.stream().noneMatch(v -> v.key().equals(part.strip()))) {
            return "must be a comma-separated list of " + values.stream().map(Value::key).toList();
          }
        }
      }
      default -> {
        // string, text and datetime: free text
      }
    }
    return null;
  }
}
