package org.vecino.core.reminders.sms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The GSM 03.38 default alphabet and its extension table, read once from the Unicode Consortium's
 * mapping file {@code GSM0338.TXT} shipped as a resource of this package. Immutable and
 * thread-safe.
 *
 * <p>The bare escape {@code 0x1B} (which the file maps to NO-BREAK SPACE for display only) is not a
 * character one can send, so U+00A0 is not part of the alphabet.
 */
final class Gsm0338 {
  static final String RESOURCE = "GSM0338.TXT";
  private static final int ESCAPE = 0x1B;

  /** Unicode code point → GSM code (0x00..0x7F, or 0x1Bxx for the extension table). */
  static final Map<Integer, Integer> TABLE = load();

  private Gsm0338() {}

  /** Septets the code point takes in GSM-7: 1 basic, 2 extension, 0 when not in the alphabet. */
  static int septets(int codePoint) {
    Integer gsm = TABLE.get(codePoint);
    if (gsm == null) {
      return 0;
    }
    return gsm > 0x7F ? 2 : 1;
  }

  private static Map<Integer, Integer> load() {
    try (InputStream in = Gsm0338.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<Integer, Integer> parse(BufferedReader reader) throws IOException {
    Map<Integer, Integer> table = new HashMap<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      int hash = line.indexOf('#');
      String data = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (data.isEmpty()) {
        continue;
      }
      String[] cols = data.split("\\s+");
      if (cols.length != 2 || !cols[0].startsWith("0x") || !cols[1].startsWith("0x")) {
        throw new IllegalStateException(RESOURCE + " line " + lineNo + ": cannot read " + line);
      }
      int gsm = Integer.parseInt(cols[0].substring(2), 16);
      int unicode = Integer.parseInt(cols[1].substring(2), 16);
      if (gsm == ESCAPE) {
        continue;
      }
      if (table.putIfAbsent(unicode, gsm) != null) {
        throw new IllegalStateException(RESOURCE + " line " + lineNo + ": duplicate " + line);
      }
    }
    return Collections.unmodifiableMap(table);
  }
}
