package org.vecino.core.transit.gtfs;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
 * Tolerates CRLF, CR or LF line ends, a leading UTF-8 byte order mark, whitespace around values
 * (always trimmed, also inside quotes) and blank lines (skipped). Fields of columns not asked for
 * with {@link #keepOnly} are scanned but never turned into strings. Not thread-safe.
 */
final class CsvReader implements Closeable {
  private static final int EOF = -1;
  private static final int START = 0;
  private static final int PLAIN = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;
  private static final int AFTER_QUOTE = 4;

  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private boolean started;
  private boolean lastWasCr;
  private long line = 1;
  private long recordLine;
  private final StringBuilder sb = new StringBuilder(64);
  private String[] fields = new String[16];
  private int count;
  private boolean[] wanted;

  CsvReader(Reader in) {
    this.in = in;
  }

  /**
   * From now on only materialises the fields whose index is true in {@code columns}; the others
   * read as null. Null keeps every field.
   */
  void keepOnly(boolean[] columns) {
    this.wanted = columns == null ? null : columns.clone();
  }

  /** Reads the next record that is not blank; false at the end of the input. */
  boolean next() throws IOException {
    while (true) {
      int result = readRecord();
      if (result < 0) {
        return false;
      }
      if (result > 0) {
        return true;
      }
    }
  }

  /** The number of fields of the current record. */
  int size() {
    return count;
  }

  /** A field of the current record, trimmed; null when not kept or beyond the record's end. */
  String field(int i) {
    return i >= 0 && i < count ? fields[i] : null;
  }

  /** The 1-based line on which the current record starts. */
  long line() {
    return recordLine;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean keeps(int i) {
    return wanted == null || (i < wanted.length && wanted[i]);
  }

  /** -1 at EOF, 0 for a blank record, else 1. */
  private int readRecord() throws IOException {
    count = 0;
    sb.setLength(0);
    recordLine = line;
    int c = read();
    if (c == EOF) {
      return -1;
    }
    if (!started) {
      started = true;
      if (c == '\uFEFF') {
        c = read();
        if (c == EOF) {
          return -1;
        }
      }
    }
    boolean content = false;
    boolean keep = keeps(0);
    int state = START;
    while (true) {
      if (c == EOF) {
        endField(keep);
        return content ? 1 : 0;
      }
      char ch = (char) c;
      if (state == QUOTED) {
        if (ch == '"') {
          state = QUOTE_SEEN;
        } else if (keep) {
          sb.append(ch);
        }
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          skipLfAfterCr();
        }
        endField(keep);
        return content ? 1 : 0;
      } else if (ch == ',') {
        endField(keep);
        keep = keeps(count);
        state = START;
      } else {
        switch (state) {
          case START:
            if (ch == '"') {
              state = QUOTED;
              content = true;
            } else if (!isBlank(ch)) {
              state = PLAIN;
              content = true;
              if (keep) {
                sb.append(ch);
              }
            }
            break;
          case QUOTE_SEEN:
            if (ch == '"') {
              if (keep) {
                sb.append('"');
              }
              state = QUOTED;
            } else if (isBlank(ch)) {
              state = AFTER_QUOTE;
            } else {
              // A stray character after the closing quote: keep it as text.
              if (keep) {
                sb.append(ch);
              }
              state = PLAIN;
            }
            break;
          case AFTER_QUOTE:
            if (!isBlank(ch)) {
              if (keep) {
                sb.append(ch);
              }
              state = PLAIN;
            }
            break;
          default: // PLAIN
            if (keep) {
              sb.append(ch);
            }
        }
      }
      c = read();
    }
  }

  private void endField(boolean keep) {
    if (count == fields.length) {
      fields = Arrays.copyOf(fields, count * 2);
    }
    fields[count++] = keep ? trimmed() : null;
    sb.setLength(0);
  }

  private String trimmed() {
    int start = 0;
    int end = sb.length();
    while (start < end && isBlank(sb.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(sb.charAt(end - 1))) {
      end--;
    }
    return start == end ? "" : sb.substring(start, end);
  }

  private static boolean isBlank(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\u00A0';
  }

  private int read() throws IOException {
    if (pos == len && !fill()) {
      return EOF;
    }
    char c = buf[pos++];
    if (c == '\n') {
      if (!lastWasCr) {
        line++;
      }
      lastWasCr = false;
    } else if (c == '\r') {
      line++;
      lastWasCr = true;
    } else {
      lastWasCr = false;
    }
    return c;
  }

  private void skipLfAfterCr() throws IOException {
    if ((pos < len || fill()) && buf[pos] == '\n') {
      pos++;
      lastWasCr = false;
    }
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    pos = 0;
    len = n;
    return true;
  }
}
