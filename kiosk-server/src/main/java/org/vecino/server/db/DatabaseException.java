package org.vecino.server.db;

/**
 * A failure of the database: an SQL error, a schema Vecino cannot use, a closed database.
 * Unchecked.
 */
public class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message) {
    super(message);
  }

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
