package org.vecino.core.transit.gtfs;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One GTFS file being read row by row: columns by name, values as trimmed strings ("" when empty or
 * absent), problems reported against the current row. Ask for every column before the first {@link
 * #next()}. Not thread-safe.
 */
final class GtfsTable implements Closeable {
  private final String file;
  private final CsvReader csv;
  private final Problems problems;
  private final Map<String, Integer> columns = new HashMap<>();
  private final boolean[] kept;

  private GtfsTable(String file, CsvReader csv, Problems problems) throws IOException {
    this.file = file;
    this.csv = csv;
    this.problems = problems;
    if (!csv.next()) {
      throw new GtfsLoadException(file, null, file + " is empty: it has no header line");
    }
    kept = new boolean[csv.size()];
    for (int i = 0; i < csv.size(); i++) {
      columns.putIfAbsent(csv.field(i).toLowerCase(Locale.ROOT), i);
    }
    csv.keepOnly(kept);
  }

  /** Opens a file of the feed; null when the feed does not have it. */
  static GtfsTable openIfPresent(FeedSource source, String file, Problems problems)
      throws IOException {
    if (!source.has(file)) {
      return null;
    }
    CsvReader csv = new CsvReader(source.open(file));
    try {
      return new GtfsTable(file, csv, problems);
    } catch (RuntimeException | IOException e) {
      csv.close();
      throw e;
    }
  }

  /** Opens a file the feed must have. */
  static GtfsTable open(FeedSource source, String file, Problems problems) throws IOException {
    GtfsTable t = openIfPresent(source, file, problems);
    if (t == null) {
      throw new GtfsLoadException(file, null, "required file " + file + " is missing");
    }
    return t;
  }

  String file() {
    return file;
  }

  /** The index of a column, -1 when the file does not have it. */
  int column(String name) {
    Integer i = columns.get(name);
    if (i == null) {
      return -1;
    }
    kept[i] = true;
    csv.keepOnly(kept);
    return i;
  }

  /** The index of a column the file must have. */
  int require(String name) {
    int i = column(name);
    if (i < 0) {
      throw new GtfsLoadException(file, name, file + ": required column " + name + " is missing");
    }
    return i;
  }

  boolean next() throws IOException {
    return csv.next();
  }

  long line() {
    return csv.line();
  }

  /** The value of a column in the current row; "" when empty or absent. */
  String get(int column) {
    String v = csv.field(column);
    return v == null ? "" : v;
  }

  /**
   * The value of a required column in the current row, or null after reporting it missing.
   *
   * @param name the column's name, for the report
   */
  String required(int column, String name) {
    String v = get(column);
    if (v.isEmpty()) {
      problem(name, "missing required value");
      return null;
    }
    return v;
  }

  /** Reports a problem with the current row. */
  void problem(String field, String message) {
    problems.add(file, csv.line(), field, message);
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
