package org.vecino.core.transit.board;

import java.text.Normalizer;
import java.util.List;
import org.vecino.core.kernel.Texts;
import org.vecino.core.transit.realtime.Severity;

/**
 * Renders an {@link ArrivalBoard} as plain text for LED matrix signs ({@code arrivals.txt}):
 * exactly {@code rows} lines of exactly {@code cols} Unicode code points (NFC, padded with spaces),
 * each followed by {@code \n}.
 *
 * <p>Layout of an arrival row, left to right:
 *
 * <pre>
 * label  - padded to the longest label shown (at most 4); a longer label is written whole and
 *          takes columns from the destination, so a line is never shown under a wrong number
 * " "
 * destination, cut to fit, padded
 * " "    - at least one space before the minutes
 * minutes, the last 4 columns: "  >>" arriving (0), "  3'", " 12'", "180'", "999+" (1000 or more)
 * </pre>
 *
 * <p>For example, 20 columns: {@code "1 Valdenoja 3'"}, {@code "7C1 Cueto >>"}.
 *
 * <p>The first alert of the board (the most severe) takes the last row when that row is free (fewer
 * arrivals than rows); a {@link Severity#SEVERE severe} one takes it even from an arrival. Its
 * header is cut to {@code cols}. Other alerts are not shown. Unused rows are blank. Control
 * characters in texts become spaces.
 *
 * <p>With {@code ascii}, accents are removed ({@code Corbán} → {@code Corban}, {@code ñ} → {@code
 * n}), a few common symbols are spelled in ASCII ({@code º} → {@code o}, {@code –} → {@code -},
 * {@code ß} → {@code ss}...) and any other non-ASCII character becomes {@code ?}.
 *
 * <p>Stateless and thread-safe.
 */
public final class LedSignRenderer {
  public static final int MIN_COLS = 12;
  public static final int MAX_COLS = 64;
  public static final int MIN_ROWS = 1;
  public static final int MAX_ROWS = 16;

  /** Width of the minutes field at the end of an arrival row. */
  static final int MINUTES_WIDTH = 4;

  /** The widest the label column is padded to. */
  static final int MAX_LABEL_WIDTH = 4;

  private LedSignRenderer() {}

  /**
   * Checks a sign's size.
   *
   * @throws IllegalArgumentException naming the parameter, when cols is not 12..64 or rows 1..16
   */
  public static void validate(int cols, int rows) {
    if (cols < MIN_COLS || cols > MAX_COLS) {
      throw new IllegalArgumentException(
          "cols must be " + MIN_COLS + ".." + MAX_COLS + ", was " + cols);
    }
    if (rows < MIN_ROWS || rows > MAX_ROWS) {
      throw new IllegalArgumentException(
          "rows must be " + MIN_ROWS + ".." + MAX_ROWS + ", was " + rows);
    }
  }

  /**
   * The sign's text.
   *
   * @param ascii write only ASCII, for signs whose font has no accents
   * @throws IllegalArgumentException when the size is out of range ({@link #validate})
   */
  public static String render(ArrivalBoard board, int cols, int rows, boolean ascii) {
    validate(cols, rows);
    List<BoardArrival> arrivals = board.arrivals();
    BoardAlert alert = board.alerts().isEmpty() ? null : board.alerts().get(0);

    int arrivalRows = Math.min(arrivals.size(), rows);
    boolean alertShown =
        alert != null && (arrivals.size() < rows || alert.severity() == Severity.SEVERE);
    if (alertShown && arrivalRows == rows) {
      arrivalRows--;
    }

    String[] labels = new String[arrivalRows];
    int labelWidth = 0;
    for (int i = 0; i < arrivalRows; i++) {
      labels[i] = clean(arrivals.get(i).line(), ascii);
      labelWidth = Math.max(labelWidth, Math.min(MAX_LABEL_WIDTH, codePoints(labels[i])));
    }

    StringBuilder out = new StringBuilder((cols + 1) * rows + 16);
    for (int i = 0; i < arrivalRows; i++) {
      arrivalRow(out, labels[i], labelWidth, arrivals.get(i), cols, ascii);
      out.append('\n');
    }
    int blankRows = rows - arrivalRows - (alertShown ? 1 : 0);
    for (int i = 0; i < blankRows; i++) {
      pad(out, cols);
      out.append('\n');
    }
    if (alertShown) {
      String header = clean(alert.header(), ascii);
      pad(out, appendCut(out, header, cols), cols);
      out.append('\n');
    }
    return out.toString();
  }

  private static void arrivalRow(
      StringBuilder out, String label, int labelWidth, BoardArrival a, int cols, boolean ascii) {
    // label, space, destination, space, minutes: the label may take what the minutes leave.
    int labelMax = cols - 1 - MINUTES_WIDTH;
    int used = appendCut(out, label, labelMax);
    used = pad(out, used, Math.min(labelWidth, labelMax));
    int destinationEnd = cols - 1 - MINUTES_WIDTH;
    if (used < destinationEnd) {
      out.append(' ');
      used++;
      used += appendCut(out, clean(a.destination(), ascii), destinationEnd - used);
    }
    pad(out, used, cols - MINUTES_WIDTH);
    out.append(minutes(a.minutes()));
  }

  /** The 4-column minutes field. */
  static String minutes(int minutes) {
    if (minutes <= 0) {
      return "  >>";
    }
    if (minutes >= 1000) {
      return "999+";
    }
    String m = Integer.toString(minutes) + '\'';
    return "    ".substring(m.length()) + m;
  }

  /** Appends at most {@code max} code points of {@code s}; returns how many were appended. */
  private static int appendCut(StringBuilder out, String s, int max) {
    if (max <= 0) {
      return 0;
    }
    int n = s.codePointCount(0, s.length());
    if (n <= max) {
      out.append(s);
      return n;
    }
    out.append(s, 0, s.offsetByCodePoints(0, max));
    return max;
  }

  /** Appends spaces from column {@code used} up to column {@code width}; returns the new column. */
  private static int pad(StringBuilder out, int used, int width) {
    for (int i = used; i < width; i++) {
      out.append(' ');
    }
    return Math.max(used, width);
  }

  private static void pad(StringBuilder out, int width) {
    pad(out, 0, width);
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * NFC, control and other invisible characters as spaces, trimmed; in ASCII mode, accents stripped
   * and the rest of non-ASCII spelled or replaced by {@code ?}.
   */
  static String clean(String s, boolean ascii) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String text = Normalizer.normalize(s, Normalizer.Form.NFC);
    if (ascii) {
      text = Texts.stripAccents(text);
    }
    StringBuilder b = new StringBuilder(text.length());
    boolean changed = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == ' ') {
        b.append(' ');
      } else if (isInvisible(cp)) {
        b.append(' ');
        changed = true;
      } else if (ascii && cp >= 0x80) {
        b.append(asciiFor(cp));
        changed = true;
      } else {
        b.appendCodePoint(cp);
      }
    }
    return (changed ? b.toString() : text).strip();
  }

  private static boolean isInvisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SPACE_SEPARATOR;
  }

  /** ASCII for a non-ASCII code point left after accents are stripped. */
  private static String asciiFor(int cp) {
    switch (cp) {
      case 'º':
        return "o";
      case 'ª':
        return "a";
      case 'ß':
        return "ss";
      case 'æ':
        return "ae";
      case 'Æ':
        return "AE";
      case 'œ':
        return "oe";
      case 'Œ':
        return "OE";
      case 'ø':
        return "o";
      case 'Ø':
        return "O";
      case 'ł':
        return "l";
      case 'Ł':
        return "L";
      case 'đ':
        return "d";
      case 'Đ':
        return "D";
      case '‐':
      case '‑':
      case '‒':
      case '–':
      case '—':
        return "-";
      case '‘':
      case '’':
      case '´':
        return "'";
      case '“':
      case '”':
      case '«':
      case '»':
        return "\"";
      case '·':
        return ".";
      case '…':
        return "...";
      case '€':
        return "EUR";
      default:
        return "?";
    }
  }
}
