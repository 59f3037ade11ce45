package org.vecino.server.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with a connection lent by {@link Database}; the connection must not be kept or closed.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
