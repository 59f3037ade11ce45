package org.vecino.core.transit.gtfs;

/**
 * A GTFS feed could not be loaded at all: it is unreadable, or a required file or column is
 * missing. The message names the file (and column). Bad rows do not throw; they become {@link
 * GtfsProblem}s.
 */
public final class GtfsLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String column;

  GtfsLoadException(String file, String column, String message) {
    super(message);
    this.file = file;
    this.column = column;
  }

  GtfsLoadException(String file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.column = null;
  }

  /** The file at fault, such as {@code stops.txt}; null when the feed as a whole is. */
  public String file() {
    return file;
  }

  /** The missing column, null when the problem is not a missing column. */
  public String column() {
    return column;
  }
}
