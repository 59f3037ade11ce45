package org.vecino.core.kernel;

import java.util.List;
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
   * The preferred supported language of an HTTP {@code Accept-Language} header (RFC 4647 lookup
   * with q-values, by {@link Locale.LanguageRange}); {@link #ES} when none is supported or the
   * header is absent or malformed.
   */
  public static Lang fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return ES;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(header);
    } catch (IllegalArgumentException e) {
      return ES;
    }
    String tag = Locale.lookupTag(ranges, TAGS);
    return tag == null ? ES : fromCode(tag).orElse(ES);
  }

  private static final List<String> TAGS = List.of("es", "en");
}
