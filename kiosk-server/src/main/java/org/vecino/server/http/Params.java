package org.vecino.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.ValidationException;

/**
 * Parses query parameters, collecting every invalid one, then failing once with a validation {@link
 * ValidationException} naming them all. One instance per request; not thread-safe.
 */
public final class Params {
  private final Context ctx;
  private final List<FieldError> errors = new ArrayList<>();

  public Params(Context ctx) {
    this.ctx = ctx;
  }

  /** An integer parameter in {@code [min, max]}, or {@code fallback} when absent. */
  public int intParam(String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        errors.add(new FieldError(name, "must be " + min + ".." + max + ", was " + v));
      }
      return v;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a whole number " + min + ".." + max));
      return fallback;
    }
  }

  /** A number parameter in {@code [min, max]}, or {@code fallback} when absent. */
  public double doubleParam(String name, double fallback, double min, double max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      double v = Double.parseDouble(raw.trim());
      if (!(v >= min && v <= max)) {
        errors.add(new FieldError(name, "must be a number " + min + ".." + max));
      }
      return v;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a number " + min + ".." + max));
      return fallback;
    }
  }

  /** A boolean parameter ({@code true}/{@code false}), or {@code fallback} when absent. */
  public boolean boolParam(String name, boolean fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    if (raw.equalsIgnoreCase("true") || raw.equals("1")) {
      return true;
    }
    if (raw.equalsIgnoreCase("false") || raw.equals("0")) {
      return false;
    }
    errors.add(new FieldError(name, "must be true or false"));
    return fallback;
  }

  /** A point given as {@code lat,lon}, or null when absent. */
  public GeoPoint pointParam(String name) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    String[] parts = raw.split(",");
    if (parts.length == 2) {
      try {
        return new GeoPoint(
            Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    errors.add(new FieldError(name, "must be lat,lon in degrees, e.g. 43.4623,-3.8099"));
    return null;
  }

  /** A non-blank text parameter, or null when absent. */
  public String textParam(String name, int maxLength) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    if (raw.isBlank() || raw.length() > maxLength) {
      errors.add(new FieldError(name, "must be 1.." + maxLength + " characters"));
      return null;
    }
    return raw.trim();
  }

  /**
   * The answer's language: the {@code lang} parameter ({@code es}/{@code en}) if given, else the
   * {@code Accept-Language} header, else Spanish.
   */
  public Lang lang() {
    String raw = ctx.queryParam("lang");
    if (raw != null) {
      return Lang.fromCode(raw)
          .orElseGet(
              () -> {
                errors.add(new FieldError("lang", "must be es or en"));
                return Lang.ES;
              });
    }
    return Lang.fromAcceptLanguage(ctx.header("Accept-Language"));
  }

  /**
   * A parameter that must be one of {@code allowed}, or null when absent (an error naming {@code
   * expected} when it is something else).
   */
  public String choiceParam(String name, java.util.Collection<String> allowed, String expected) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    if (!allowed.contains(raw.strip())) {
      errors.add(new FieldError(name, expected));
      return null;
    }
    return raw.strip();
  }

  /** The raw value of a parameter (stripped), or null when absent or blank. */
  public String rawParam(String name) {
    String raw = ctx.queryParam(name);
    return raw == null || raw.isBlank() ? null : raw.strip();
  }

  /** An ISO-8601 instant with an offset ({@code 2026-11-28T10:00:00+01:00}), or fallback. */
  public java.time.Instant instantParam(String name, java.time.Instant fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      return java.time.OffsetDateTime.parse(raw.trim()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(
          new FieldError(
              name, "must be an ISO-8601 instant with an offset, e.g. 2026-11-28T10:00:00+01:00"));
      return fallback;
    }
  }

  /** A date ({@code 2026-12-01}), or null when absent. */
  public java.time.LocalDate dateParam(String name) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(raw.strip());
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(new FieldError(name, "must be a date YYYY-MM-DD"));
      return null;
    }
  }

  /** Whether the parameter was given at all. */
  public boolean has(String name) {
    return ctx.queryParam(name) != null;
  }

  public void addError(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** Throws a validation problem if any parameter read so far was invalid. */
  public void check() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
