package org.vecino.core.kernel;

import java.util.Locale;
import java.util.Optional;

/** The languages Vecino speaks to citizens. Spanish is the default and the fallback. */
public enum Lang {
  ES,
  EN;

  /** The language's ISO 639-1 code, lower case ({@code es}, {@code en}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The language for an ISO 639-1 code, ignoring case and any region ({@code en-GB}). */
  public static Optional<Lang> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.trim().toLowerCase(Locale.ROOT);
    int dash = c.indexOf('-');
    if (dash > 0) {
      c = c.substring(0, dash);
    }
    for (Lang l : values()) {
      if (l.code().equals(c)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * The preferred supported language of an HTTP {@code Accept-Language} header, honouring q-values;
   * {@link #ES} when none is supported or the header is absent or malformed.
   */
  public static Lang fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return ES;
    }
    Lang best = null;
    double bestQ = -1;
    for (String part : header.split(",")) {
      String[] pieces = part.trim().split(";");
      double q = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      Optional<Lang> l = fromCode(pieces[0]);
      if (l.isPresent() && q > bestQ && q > 0) {
        best = l.get();
        bestQ = q;
      }
    }
    return best == null ? ES : best;
  }
}
