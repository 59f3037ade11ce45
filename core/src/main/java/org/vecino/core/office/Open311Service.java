package org.vecino.core.office;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.LocalizedText;

/**
 * A kind of service request citizens can file (a broken streetlight), as Open311 GeoReport v2
 * describes a service. Immutable.
 *
 * @param code the {@code service_code} ({@code streetlight})
 * @param name the {@code service_name}
 * @param description what it is for
 * @param group the {@code group} it is listed under
 * @param keywords search words
 * @param attributes the extra questions of its service definition; none means {@code
 *     metadata=false}
 */
public record Open311Service(
    String code,
    LocalizedText name,
    LocalizedText description,
    LocalizedText group,
    List<String> keywords,
    List<ServiceAttribute> attributes) {
  public Open311Service {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(group, "group");
    keywords = List.copyOf(keywords);
    attributes = List.copyOf(attributes);
    Set<String> seen = new HashSet<>();
    for (ServiceAttribute a : attributes) {
      if (!seen.add(a.code())) {
        throw new IllegalArgumentException("attribute " + a.code() + " is defined twice");
      }
    }
  }

  /** Whether it has a service definition with attributes (Open311 {@code metadata}). */
  public boolean metadata() {
    return !attributes.isEmpty();
  }

  /**
   * The problems of a request's answers: a required attribute missing, an answer not allowed, an
   * attribute this service does not define. Field names are {@code attribute[code]}.
   */
  public List<FieldError> check(Map<String, String> answers) {
    List<FieldError> errors = new ArrayList<>();
    for (ServiceAttribute a : attributes) {
      String problem = a.problemWith(answers.get(a.code()));
      if (problem != null) {
        errors.add(new FieldError("attribute[" + a.code() + "]", problem));
      }
    }
    for (String key : answers.keySet()) {
      if (attributes.stream().noneMatch(a -> a.code().equals(key))) {
        errors.add(new FieldError("attribute[" + key + "]", "is not an attribute of " + code));
      }
    }
    return errors;
  }
}
