package org.vecino.core.reminders.sms;

import java.text.Normalizer;
import java.util.List;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.Texts;
import org.vecino.core.kernel.ValidationException;

/**
 * What a text costs as SMS, and how to make it cheaper. Stateless and thread-safe.
 *
 * <p>A text is GSM-7 when every character is in the GSM 03.38 basic or extension table (an
 * extension character takes two septets: escape and code). GSM-7 fits 160 septets in a single
 * message and 153 in each part of a split one; an escape pair is never split across parts. Any
 * other text is UCS-2: 70 UTF-16 units single, 67 per part, a surrogate pair never split.
 */
public final class SmsAnalyzer {
  static final int GSM_SINGLE = 160;
  static final int GSM_PART = 153;
  static final int UCS2_SINGLE = 70;
  static final int UCS2_PART = 67;

  private SmsAnalyzer() {}

  /**
   * The encoding, segments and characters (code points) of {@code text}, exactly as given (no
   * normalisation: what is analysed is what is sent).
   *
   * @throws ValidationException on {@code "text"} when the text is null or empty
   */
  public static SmsCost analyze(String text) {
    if (text == null || text.isEmpty()) {
      throw new ValidationException(List.of(new FieldError("text", "must not be empty")));
    }
    int characters = text.codePointCount(0, text.length());
    boolean gsm = text.codePoints().allMatch(cp -> Gsm0338.septets(cp) > 0);
    if (gsm) {
      return new SmsCost(SmsEncoding.GSM_7, segments(text, true), characters);
    }
    return new SmsCost(SmsEncoding.UCS_2, segments(text, false), characters);
  }

  /**
   * The text with the accented letters GSM-7 lacks ({@code á í ó ú Á}…) written without accent,
   * when — and only when — that takes fewer segments (typically a UCS-2 text becoming GSM-7);
   * otherwise {@code text} unchanged. Letters GSM-7 has ({@code é ñ Ñ ü à}…) are never changed.
   * Null and empty texts are returned as they are.
   */
  public static String fitToGsm(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String folded = fold(text);
    if (folded.isEmpty() || folded.equals(text)) {
      return text;
    }
    return analyze(folded).segments() < analyze(text).segments() ? folded : text;
  }

  /**
   * Composes the text (NFC), then folds each character outside GSM-7 whose bare letter is in it.
   */
  private static String fold(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    nfc.codePoints()
        .forEach(
            cp -> {
              if (Gsm0338.septets(cp) > 0) {
                out.appendCodePoint(cp);
                return;
              }
              String bare = Texts.stripAccents(new String(Character.toChars(cp)));
              boolean foldable =
                  Character.isLetter(cp)
                      && !bare.isEmpty()
                      && bare.codePoints().allMatch(c -> Gsm0338.septets(c) == 1);
              boolean strayMark = Character.getType(cp) == Character.NON_SPACING_MARK;
              if (foldable) {
                out.append(bare);
              } else if (!strayMark) {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  /** Parts needed, packing whole characters (escape pairs, surrogate pairs) greedily. */
  private static int segments(String text, boolean gsm) {
    int single = gsm ? GSM_SINGLE : UCS2_SINGLE;
    int part = gsm ? GSM_PART : UCS2_PART;
    int total = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      total += gsm ? Gsm0338.septets(cp) : Character.charCount(cp);
      i += Character.charCount(cp);
    }
    if (total <= single) {
      return 1;
    }
    int parts = 1;
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int cost = gsm ? Gsm0338.septets(cp) : Character.charCount(cp);
      if (used + cost > part) {
        parts++;
        used = 0;
      }
      used += cost;
      i += Character.charCount(cp);
    }
    return parts;
  }
}
