package org.vecino.core.transit.gtfs;

import java.util.Objects;

/**
 * A row of a GTFS file that was reported and skipped while loading (a bad time, an unknown
 * reference, a missing value...). Immutable.
 *
 * @param file the file's name, such as {@code stop_times.txt}
 * @param line the 1-based line the row starts on (the header is line 1); 0 when the problem is not
 *     tied to one row
 * @param field the column at fault, empty when none in particular
 * @param message what is wrong
 */
public record GtfsProblem(String file, long line, String field, String message) {
  public GtfsProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    field = field == null ? "" : field;
  }

  @Override
  public String toString() {
    return file + ":" + line + (field.isEmpty() ? "" : " " + field) + ": " + message;
  }
}
