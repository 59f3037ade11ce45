package org.vecino.core.kernel;

import java.util.EnumMap;
import java.util.Map;

/**
 * A text in one or more languages; Spanish is the fallback for a missing language. Immutable and
 * thread-safe.
 */
public record LocalizedText(Map<Lang, String> texts) {
  public LocalizedText {
    if (texts == null || texts.isEmpty()) {
      throw new IllegalArgumentException("a text needs at least one language");
    }
    EnumMap<Lang, String> copy = new EnumMap<>(Lang.class);
    texts.forEach(
        (lang, text) -> {
          if (lang == null || text == null || text.isBlank()) {
            throw new IllegalArgumentException("a text needs a language and a non-blank value");
          }
          copy.put(lang, text);
        });
    texts = Map.copyOf(copy);
  }

  /** A text in one language. */
  public static LocalizedText of(Lang lang, String text) {
    return new LocalizedText(Map.of(lang, text));
  }

  /** The text in {@code lang}; else Spanish; else any language present (in {@link Lang} order). */
  public String get(Lang lang) {
    String t = texts.get(lang);
    if (t == null) {
      t = texts.get(Lang.ES);
    }
    if (t == null) {
      for (Lang l : Lang.values()) {
        t = texts.get(l);
        if (t != null) {
          break;
        }
      }
    }
    return t;
  }
}
