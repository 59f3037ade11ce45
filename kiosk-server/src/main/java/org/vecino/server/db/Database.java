package org.vecino.server.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.vecino.server.files.PrivateFiles;

/**
 * The SQLite database of Vecino: one file in WAL mode, {@code synchronous=NORMAL}, foreign keys on,
 * its schema brought up to date by {@link Migrations} when opened.
 *
 * <p>Writes go through {@link #inTransaction} on one dedicated writer connection, one transaction
 * at a time. Reads go through {@link #read} on a small pool of read-only connections; thanks to WAL
 * they run while a write is in progress and see the last committed state.
 *
 * <p>Thread-safe: every method may be called from any thread. {@link #close} waits for the
 * transaction in progress to finish.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** How long a connection waits for a lock held by another connection before failing. */
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private static final int READERS = 4;

  /**
   * SQLite's primary result codes that mean the storage, not the data, failed: BUSY, LOCKED,
   * READONLY, IOERR, CORRUPT, FULL, CANTOPEN, PROTOCOL, NOTADB.
   */
  private static final Set<Integer> STORAGE_FAILURES = Set.of(5, 6, 8, 10, 11, 13, 14, 15, 26);

  private static final int HEALTH_TIMEOUT_SECONDS = 1;

  private final Path file;
  private final String url;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Semaphore readPermits = new Semaphore(READERS, true);
  private final Deque<Connection> idleReaders = new ArrayDeque<>();
  private final int schemaVersion;
  private volatile boolean closed;
  private volatile WriteFailure lastWriteFailure;

  private Database(Path file, Migrations migrations) throws SQLException {
    this.file = file;
    this.url = "jdbc:sqlite:" + file;
    SQLiteConfig config = baseConfig();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    this.writer = config.createConnection(url);
    try {
      this.schemaVersion = migrations.migrate(writer);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the database file and brings its schema up to date.
   *
   * @throws DatabaseException when the file cannot be opened or its schema cannot be migrated
   */
  public static Database open(Path file) {
    return open(file, Migrations.standard());
  }

  /** As {@link #open(Path)}, with other migrations (for tests). */
  static Database open(Path file, Migrations migrations) {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath().normalize();
    try {
      // The file holds phone numbers: owner-only, and so are the -wal and -shm files, which SQLite
      // creates with the permissions of the database file.
      PrivateFiles.ensurePrivateFile(absolute);
      PrivateFiles.restrict(Path.of(absolute + "-wal"));
      PrivateFiles.restrict(Path.of(absolute + "-shm"));
    } catch (IOException | RuntimeException e) {
      throw new DatabaseException("cannot create database " + absolute + ": " + describe(e), e);
    }
    try {
      Database db = new Database(absolute, migrations);
      log.info("Database {} open, schema version {}", absolute, db.schemaVersion);
      return db;
    } catch (SQLException e) {
      throw new DatabaseException("cannot open database " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getFile() + ")";
    }
    return e.toString();
  }

  private static SQLiteConfig baseConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    return config;
  }

  /** The database file, absolute. */
  public Path file() {
    return file;
  }

  /** The schema version after the migrations run at opening. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * Runs {@code work} in one transaction on the writer connection: committed when it returns,
   * rolled back when it throws. Transactions run one at a time; they cannot be nested.
   *
   * @return what {@code work} returned
   * @throws DatabaseException wrapping an {@link SQLException}; a runtime exception of {@code work}
   *     is rethrown as is, after the rollback
   */
  public <T> T inTransaction(SqlWork<T> work) {
    if (writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("inTransaction cannot be nested");
    }
    writeLock.lock();
    try {
      ensureOpen();
      // Between transactions the writer stays in auto-commit mode: sqlite-jdbc begins the next
      // transaction right after a commit, which with BEGIN IMMEDIATE would hold the write lock.
      try {
        writer.setAutoCommit(false);
      } catch (SQLException e) {
        noteWriteFailure(e);
        throw new DatabaseException("cannot begin a database write: " + e.getMessage(), e);
      }
      Throwable failure = null;
      try {
        T result = work.run(writer);
        writer.commit();
        lastWriteFailure = null;
        return result;
      } catch (SQLException e) {
        rollbackQuietly(e);
        failure = new DatabaseException("database write failed: " + e.getMessage(), e);
        noteWriteFailure(e);
        throw (DatabaseException) failure;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(e);
        failure = e;
        noteWriteFailure(e);
        throw e;
      } finally {
        endTransaction(failure);
      }
    } finally {
      writeLock.unlock();
    }
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Back to auto-commit after a transaction. When the transaction already failed, a failure here
   * (SQLite often has no transaction left to end after a rollback, e.g. after SQLITE_FULL) is added
   * to that failure instead of replacing it, so the real cause is what callers and the log see.
   */
  private void endTransaction(Throwable failure) {
    try {
      writer.setAutoCommit(true);
    } catch (SQLException e) {
      if (failure != null) {
        failure.addSuppressed(e);
        return;
      }
      throw new DatabaseException("cannot end a database write: " + e.getMessage(), e);
    }
  }

  /** Remembers a failure of the storage itself (not of the work's data) for the health check. */
  private void noteWriteFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && STORAGE_FAILURES.contains(sql.getErrorCode() & 0xff)) {
        lastWriteFailure = new WriteFailure(Instant.now(), String.valueOf(sql.getMessage()));
        return;
      }
    }
  }

  /**
   * The last write that failed since the last one that succeeded, or empty when the last write
   * succeeded (a full disk, a lock held by another process): the health check reports it.
   */
  public Optional<WriteFailure> lastWriteFailure() {
    return Optional.ofNullable(lastWriteFailure);
  }

  /**
   * A failed write.
   *
   * @param at when it failed (wall clock)
   * @param message the database's message, e.g. {@code [SQLITE_FULL] ... (database or disk is
   *     full)}
   */
  public record WriteFailure(Instant at, String message) {}

  /**
   * Runs {@code work} on a read-only connection, in one read transaction (a consistent snapshot of
   * the last committed state). Up to a few reads run at once; more wait for a free connection. A
   * read inside {@link #inTransaction} on the same thread does not see that transaction's changes.
   *
   * @throws DatabaseException wrapping an {@link SQLException}, or when the work tries to write
   */
  public <T> T read(SqlWork<T> work) {
    try {
      readPermits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseException("interrupted while waiting for a database connection", e);
    }
    try {
      return readWithPermit(work);
    } finally {
      readPermits.release();
    }
  }

  private <T> T readWithPermit(SqlWork<T> work) {
    ensureOpen();
    Connection c = null;
    boolean reusable = false;
    try {
      c = borrowReader();
      T result = work.run(c);
      c.rollback();
      reusable = true;
      return result;
    } catch (SQLException e) {
      throw new DatabaseException("database read failed: " + e.getMessage(), e);
    } finally {
      if (c != null) {
        returnReader(c, reusable);
      }
    }
  }

  private Connection borrowReader() throws SQLException {
    synchronized (idleReaders) {
      Connection idle = idleReaders.pollFirst();
      if (idle != null) {
        return idle;
      }
    }
    Connection c = baseConfig().createConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA query_only = ON");
    }
    c.setAutoCommit(false);
    return c;
  }

  private void returnReader(Connection c, boolean reusable) {
    if (reusable && !closed) {
      synchronized (idleReaders) {
        if (!closed) {
          idleReaders.addFirst(c);
          return;
        }
      }
    }
    if (!reusable) {
      try {
        c.rollback();
      } catch (SQLException e) {
        log.debug("rollback of a failed read failed", e);
      }
    }
    closeQuietly(c);
  }

  /**
   * Whether the database answers a trivial query within about a second. Never throws.
   *
   * @return false when closed, when no connection is free in time, or on any error
   */
  public boolean isHealthy() {
    if (closed) {
      return false;
    }
    try {
      if (!readPermits.tryAcquire(HEALTH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      return readWithPermit(
          c -> {
            try (Statement s = c.createStatement()) {
              s.setQueryTimeout(HEALTH_TIMEOUT_SECONDS);
              try (ResultSet rs = s.executeQuery("SELECT 1")) {
                return rs.next() && rs.getInt(1) == 1;
              }
            }
          });
    } catch (RuntimeException e) {
      log.debug("database health check failed", e);
      return false;
    } finally {
      readPermits.release();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new DatabaseException("the database is closed");
    }
  }

  /**
   * Closes the database after the transaction in progress, if any. Reads in progress finish on
   * their connections, which are closed afterwards. Idempotent.
   */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      synchronized (idleReaders) {
        idleReaders.forEach(Database::closeQuietly);
        idleReaders.clear();
      }
      closeQuietly(writer);
      log.info("Database {} closed", file);
    } finally {
      writeLock.unlock();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.warn("closing a database connection failed: {}", e.getMessage());
    }
  }
}
