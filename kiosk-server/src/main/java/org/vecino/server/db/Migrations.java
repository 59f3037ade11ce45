package org.vecino.server.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versioned schema changes of the database, read from the classpath so that they work from the
 * fat jar: {@code db/migration/index.txt} lists the files ({@code V1__transit.sql}, {@code
 * V2__...}) in order, one per line ({@code #} comments allowed). Each file is applied in its own
 * transaction and recorded in {@code schema_version}; a database whose version is newer than the
 * newest file is refused. Immutable and thread-safe; {@link #migrate} must be given a connection
 * nobody else uses.
 *
 * <p>A migration file holds statements separated by {@code ;} at the end of a line; {@code --}
 * starts a comment line. Keep the SQL portable to PostgreSQL.
 */
public final class Migrations {
  /** The location of Vecino's own migrations. */
  public static final String DEFAULT_LOCATION = "db/migration";

  private static final Pattern FILE_NAME =
      Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");
  private static final String CREATE_VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)";
  private static final String SELECT_CURRENT_VERSION =
      "SELECT COALESCE(MAX(version), 0) FROM schema_version";
  private static final String INSERT_VERSION =
      "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)";

  /** One migration file. */
  record Migration(int version, String description, String resource) {}

  private final ClassLoader loader;
  private final String location;
  private final List<Migration> migrations;

  /**
   * Reads the index of a location.
   *
   * @param loader where the files are looked up
   * @param location the folder on the classpath holding {@code index.txt}, e.g. {@code
   *     db/migration}
   * @throws DatabaseException when the index or a file it names is missing or misnamed
   */
  public Migrations(ClassLoader loader, String location) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.location = Objects.requireNonNull(location, "location");
    this.migrations = readIndex();
  }

  /** Vecino's own migrations. */
  public static Migrations standard() {
    return new Migrations(Migrations.class.getClassLoader(), DEFAULT_LOCATION);
  }

  /** The newest schema version these migrations produce. */
  public int latestVersion() {
    return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
  }

  List<Migration> migrations() {
    return migrations;
  }

  private List<Migration> readIndex() {
    String index = location + "/index.txt";
    List<Migration> list = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(index)) {
      if (in == null) {
        throw new DatabaseException("migration index " + index + " not found on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        Matcher m = FILE_NAME.matcher(line);
        if (!m.matches()) {
          throw new DatabaseException(
              index + ": \"" + line + "\" is not named V<version>__<description>.sql");
        }
        int version = Integer.parseInt(m.group(1));
        int previous = list.isEmpty() ? 0 : list.get(list.size() - 1).version();
        if (version <= previous) {
          // Versions only grow; a gap is allowed (branches developed side by side each take a
          // number), but a database is only ever upgraded in this order.
          throw new DatabaseException(
              index + ": " + line + " should be a version above " + previous);
        }
        String resource = location + "/" + line;
        if (loader.getResource(resource) == null) {
          throw new DatabaseException(index + " lists " + line + ", which is not on the classpath");
        }
        list.add(new Migration(version, m.group(2).replace('_', ' '), resource));
      }
    } catch (IOException e) {
      throw new DatabaseException("cannot read " + index, e);
    }
    return List.copyOf(list);
  }

  /**
   * Brings the schema up to date.
   *
   * @param connection a connection in auto-commit mode that nobody else uses
   * @return the schema version now
   * @throws DatabaseException when a migration fails (its changes are rolled back) or the database
   *     is newer than these migrations
   */
  public int migrate(Connection connection) {
    try {
      try (Statement s = connection.createStatement()) {
        s.execute(CREATE_VERSION_TABLE);
      }
      int current = currentVersion(connection);
      if (current > latestVersion()) {
        throw new DatabaseException(
            "the database has schema version "
                + current
                + ", newer than this Vecino knows ("
                + latestVersion()
                + "); run a newer Vecino or restore a backup");
      }
      for (Migration migration : migrations) {
        if (migration.version() > current) {
          apply(connection, migration);
          current = migration.version();
        }
      }
      return current;
    } catch (SQLException e) {
      throw new DatabaseException("cannot migrate the database: " + e.getMessage(), e);
    }
  }

  /** The schema version recorded in a database (0 for none). */
  public static int currentVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(SELECT_CURRENT_VERSION)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void apply(Connection connection, Migration migration) throws SQLException {
    List<String> statements = statements(load(migration));
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (Statement s = connection.createStatement()) {
        for (String sql : statements) {
          s.execute(sql);
        }
      }
      try (PreparedStatement ps = connection.prepareStatement(INSERT_VERSION)) {
        ps.setInt(1, migration.version());
        ps.setString(2, migration.description());
        ps.setString(3, DbInstants.format(Instant.now()));
        ps.executeUpdate();
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw new DatabaseException(
          "migration "
              + migration.resource()
              + " failed, nothing of it was applied: "
              + e.getMessage(),
          e);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private String load(Migration migration) {
    try (InputStream in = loader.getResourceAsStream(migration.resource())) {
      if (in == null) {
        throw new DatabaseException(migration.resource() + " not found on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatabaseException("cannot read " + migration.resource(), e);
    }
  }

  /**
   * Splits a script into statements: a statement ends with {@code ;} at the end of a line; lines
   * starting with {@code --} are comments.
   */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\r\n|\r|\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        statements.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
