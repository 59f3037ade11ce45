package org.vecino.server;

/**
 * Vecino cannot start because of something an operator must fix (a broken GTFS feed, a port in
 * use). {@link Main} prints the one-line message and exits with code 2.
 */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
