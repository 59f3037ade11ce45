package org.vecino.server.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import org.vecino.server.files.PrivateFiles;

/**
 * An online backup of Vecino's SQLite database: a consistent copy taken while a server may be
 * running and writing on it, then verified.
 *
 * <p>The copy is made with {@code VACUUM INTO}, which reads the source in one read transaction: in
 * WAL mode the server's writes go on during the copy (the backup never takes the write lock), and
 * the copy is the state committed when the copy began. The target is created private (0600; its
 * missing folders 0700); an existing non-empty target is refused. The copy is flushed to disk and
 * checked ({@code PRAGMA integrity_check}, and its schema version equals the source's); a copy that
 * fails is removed. Stateless and thread-safe.
 */
public final class Backup {
  /** How long a connection waits for a lock (a checkpoint, a WAL recovery) before failing. */
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private Backup() {}

  /**
   * A verified backup.
   *
   * @param file the copy, absolute
   * @param size its size in bytes
   * @param schemaVersion the schema version of the copy, which is the source's
   */
  public record Result(Path file, long size, int schemaVersion) {}

  /**
   * Copies {@code database} to {@code target} and verifies the copy.
   *
   * @throws DatabaseException with a one-line message when the database is missing or not a Vecino
   *     database, the target exists with content or cannot be written, or the copy fails its checks
   */
  public static Result copy(Path database, Path target) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(target, "target");
    Path source = database.toAbsolutePath().normalize();
    Path copy = target.toAbsolutePath().normalize();
    checkSource(source);
    boolean created = prepareTarget(copy);
    try {
      int version;
      try (Connection c = connect(source)) {
        version = schemaVersion(c, "database " + source);
        try (PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
          vacuum.setString(1, copy.toString());
          vacuum.execute();
        }
      }
      PrivateFiles.restrict(copy);
      try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      verify(copy, version);
      return new Result(copy, Files.size(copy), version);
    } catch (SQLException | IOException | RuntimeException e) {
      discard(copy, created, e);
      if (e instanceof DatabaseException d) {
        throw d;
      }
      throw new DatabaseException("backup to " + copy + " failed: " + describe(e), e);
    }
  }

  private static void checkSource(Path source) {
    if (!Files.exists(source)) {
      throw new DatabaseException("no database at " + source + " (VECINO_DB)");
    }
    if (!Files.isRegularFile(source)) {
      throw new DatabaseException("database " + source + " is not a file (VECINO_DB)");
    }
    try {
      if (Files.size(source) == 0) {
        throw new DatabaseException("database " + source + " is empty: not a Vecino database");
      }
    } catch (IOException e) {
      throw new DatabaseException("cannot read database " + source + ": " + describe(e), e);
    }
  }

  /**
   * Makes the target an empty private file: created (0600) when missing, kept when it exists empty.
   *
   * @return whether it was created here
   */
  private static boolean prepareTarget(Path copy) {
    if (Files.isDirectory(copy)) {
      throw new DatabaseException("backup target " + copy + " is a folder; name a file");
    }
    try {
      if (Files.exists(copy) && Files.size(copy) > 0) {
        throw new DatabaseException(
            "backup target " + copy + " already exists and is not empty; name a new file");
      }
      boolean created = PrivateFiles.ensurePrivateFile(copy);
      if (!Files.isWritable(copy)) {
        throw new DatabaseException("backup target " + copy + " is not writable");
      }
      return created;
    } catch (IOException e) {
      throw new DatabaseException("cannot create backup " + copy + ": " + describe(e), e);
    }
  }

  /** An existing database, never created by opening it. */
  private static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static int schemaVersion(Connection c, String what) {
    try {
      return Migrations.currentVersion(c);
    } catch (SQLException e) {
      throw new DatabaseException(
          what + " is not a Vecino database (no schema version: " + e.getMessage() + ")", e);
    }
  }

  private static void verify(Path copy, int expectedVersion) throws SQLException {
    try (Connection c = connect(copy)) {
      List<String> problems = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        while (rs.next()) {
          problems.add(rs.getString(1));
        }
      }
      if (!problems.equals(List.of("ok"))) {
        throw new DatabaseException(
            "backup " + copy + " failed its integrity check: " + String.join("; ", problems));
      }
      int version = schemaVersion(c, "backup " + copy);
      if (version != expectedVersion) {
        throw new DatabaseException(
            "backup "
                + copy
                + " has schema version "
                + version
                + ", the database "
                + expectedVersion);
      }
    }
  }

  /** Removes a copy that failed (or empties a target the operator had created empty). */
  private static void discard(Path copy, boolean created, Exception cause) {
    try {
      if (created) {
        Files.deleteIfExists(copy);
      } else if (Files.isRegularFile(copy)) {
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
          channel.truncate(0);
        }
      }
      for (String suffix : List.of("-journal", "-wal", "-shm")) {
        Files.deleteIfExists(Path.of(copy + suffix));
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getFile() + ")";
    }
    if (e instanceof SQLException || e.getMessage() != null) {
      return String.valueOf(e.getMessage());
    }
    return e.toString();
  }
}
