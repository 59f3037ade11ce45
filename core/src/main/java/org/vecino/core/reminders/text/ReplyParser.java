package org.vecino.core.reminders.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vecino.core.kernel.Texts;

/**
 * Reads a citizen's SMS reply (http.md, inbound). Stateless and thread-safe.
 *
 * <p>The first word decides, matched ignoring case, accents, punctuation and surrounding spaces
 * ({@code "¡Sí!"} is {@code SI}). A reply may add a word or two after it ({@code "Sí, gracias"},
 * {@code "no puedo ir"}); a longer message is not read as confirm or cancel, since a sentence that
 * merely begins with "no" should not cancel an appointment — it gets the help text instead. The
 * opt-out words ({@code BAJA}, {@code STOP}) are honoured at the start of a message of any length.
 */
public final class ReplyParser {
  /** The first word plus this many more are still a command. */
  static final int MAX_TRAILING_WORDS = 2;

  private static final Map<String, ReplyCommand> KEYWORDS =
      Map.ofEntries(
          Map.entry("SI", ReplyCommand.CONFIRM),
          Map.entry("YES", ReplyCommand.CONFIRM),
          Map.entry("1", ReplyCommand.CONFIRM),
          Map.entry("ANULAR", ReplyCommand.CANCEL),
          Map.entry("NO", ReplyCommand.CANCEL),
          Map.entry("2", ReplyCommand.CANCEL),
          Map.entry("BAJA", ReplyCommand.STOP),
          Map.entry("STOP", ReplyCommand.STOP),
          Map.entry("ALTA", ReplyCommand.START),
          Map.entry("START", ReplyCommand.START),
          Map.entry("AYUDA", ReplyCommand.HELP),
          Map.entry("HELP", ReplyCommand.HELP));

  private ReplyParser() {}

  /** The command of {@code text}; {@link ReplyCommand#UNKNOWN} for null, blank or other text. */
  public static ReplyCommand parse(String text) {
    if (text == null) {
      return ReplyCommand.UNKNOWN;
    }
    List<String> words = words(text);
    if (words.isEmpty()) {
      return ReplyCommand.UNKNOWN;
    }
    ReplyCommand command = KEYWORDS.getOrDefault(words.get(0), ReplyCommand.UNKNOWN);
    if (command == ReplyCommand.STOP) {
      return command;
    }
    return words.size() <= 1 + MAX_TRAILING_WORDS ? command : ReplyCommand.UNKNOWN;
  }

  /** Upper-case, accent-free runs of letters and digits. */
  static List<String> words(String text) {
    String plain = Texts.stripAccents(text).toUpperCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < plain.length(); ) {
      int cp = plain.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
