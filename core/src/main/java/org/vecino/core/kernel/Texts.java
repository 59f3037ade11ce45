package org.vecino.core.kernel;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text helpers shared by the domains: accent folding and normalisation. Stateless. */
public final class Texts {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Texts() {}

  /** Removes diacritics: {@code "Corbán Ñ"} becomes {@code "Corban N"}. Result is NFC. */
  public static String stripAccents(String s) {
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
    return Normalizer.normalize(MARKS.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC);
  }

  /** A search key: accents removed, lower case, runs of whitespace collapsed, trimmed. */
  public static String searchKey(String s) {
    return stripAccents(s).toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
  }
}
