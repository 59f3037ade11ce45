package org.vecino.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
  }

  static <T> T query(Connection c, String sql, Class<T> type) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getObject(1, type);
    }
  }

  private static int countRows(Database db, String table) {
    return db.read(c -> query(c, "SELECT COUNT(*) FROM " + table, Integer.class));
  }

  private static void insertDeletion(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO transit_alert_deletions (alert_id, deleted_at) VALUES (?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, DbInstants.format(Instant.parse("2026-11-28T10:00:00Z")));
      ps.executeUpdate();
    }
  }

  /**
   * A full disk (SQLite's page limit reached, the same SQLITE_FULL): the caller sees that error,
   * not a follow-up "no transaction is active", and the database says its writes fail until one
   * succeeds again.
   */
  @Test
  void aFullDatabaseReportsItsRealCauseAndRecovers() {
    try (Database db = Database.open(dir.resolve("vecino.db"))) {
      db.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE blobs (b BLOB)");
            }
            return null;
          });
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          s.execute("PRAGMA max_page_count = 1"); // at most the pages it has
                          s.execute("INSERT INTO blobs VALUES (zeroblob(1000000))");
                        }
                        return null;
                      }))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("SQLITE_FULL")
          .hasMessageNotContaining("no transaction");
      assertThat(db.lastWriteFailure())
          .get()
          .extracting(Database.WriteFailure::message)
          .asString()
          .contains("full");
      assertThat(db.isHealthy()).isTrue(); // reads still work

      db.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("PRAGMA max_page_count = 1073741823");
              s.execute("INSERT INTO blobs VALUES (zeroblob(1000))");
            }
            return null;
          });
      assertThat(db.lastWriteFailure()).isEmpty();
    }
  }

  @Test
  void theFileIsPrivate() throws Exception {
    try (Database db = Database.open(dir.resolve("sub/vecino.db"))) {
      db.inTransaction(c -> null);
      for (String f : List.of("vecino.db", "vecino.db-wal", "vecino.db-shm")) {
        assertThat(
                java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(dir.resolve("sub").resolve(f))))
            .as(f)
            .isEqualTo("rw-------");
      }
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  java.nio.file.Files.getPosixFilePermissions(dir.resolve("sub"))))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void migratesAnEmptyDatabaseAndConfiguresSqlite() {
    Path file = dir.resolve("nested/folder/vecino.db");
    try (Database db = Database.open(file)) {
      assertThat(file).isRegularFile();
      assertThat(db.file()).isEqualTo(file.toAbsolutePath());
      assertThat(db.schemaVersion())
          .isEqualTo(Migrations.standard().latestVersion())
          .isGreaterThanOrEqualTo(2);
      db.read(
          c -> {
            assertThat(query(c, "PRAGMA journal_mode", String.class)).isEqualTo("wal");
            assertThat(
                    query(
                        c,
                        "SELECT description FROM schema_version WHERE version = 1",
                        String.class))
                .isEqualTo("transit");
            Instant applied =
                DbInstants.parse(
                    query(
                        c,
                        "SELECT applied_at FROM schema_version WHERE version = 1",
                        String.class));
            assertThat(applied).isBefore(Instant.now().plusSeconds(1));
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                ResultSet rs =
                    s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
              while (rs.next()) {
                tables.add(rs.getString(1));
              }
            }
            assertThat(tables)
                .contains(
                    "schema_version",
                    "transit_stop_predictions",
                    "transit_alerts",
                    "transit_alert_deletions",
                    "transit_vehicle_positions",
                    "rejections",
                    "rejection_counts");
            return null;
          });
      db.inTransaction(
          c -> {
            assertThat(query(c, "PRAGMA foreign_keys", Integer.class)).isEqualTo(1);
            assertThat(query(c, "PRAGMA synchronous", Integer.class)).isEqualTo(1); // NORMAL
            assertThat(query(c, "PRAGMA busy_timeout", Integer.class)).isPositive();
            return null;
          });
      assertThat(db.isHealthy()).isTrue();
    }
  }

  @Test
  void reopeningKeepsDataAndAppliesNothingTwice() {
    Path file = dir.resolve("vecino.db");
    try (Database db = Database.open(file)) {
      db.inTransaction(
          c -> {
            insertDeletion(c, "a1");
            return null;
          });
    }
    try (Database db = Database.open(file)) {
      assertThat(db.schemaVersion()).isEqualTo(Migrations.standard().latestVersion());
      assertThat(countRows(db, "schema_version"))
          .isEqualTo(Migrations.standard().migrations().size());
      assertThat(countRows(db, "transit_alert_deletions")).isEqualTo(1);
    }
  }

  @Test
  void refusesADatabaseNewerThanTheCode() throws SQLException {
    Path file = dir.resolve("vecino.db");
    Database.open(file).close();
    int future = Migrations.standard().latestVersion() + 1;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO schema_version (version, description, applied_at)"
              + " VALUES ("
              + future
              + ", 'from the future', '2030-01-01T00:00:00.000000000Z')");
    }
    assertThatThrownBy(() -> Database.open(file))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("schema version " + future)
        .hasMessageContaining(
            "newer than this Vecino knows (" + Migrations.standard().latestVersion() + ")");
  }

  @Test
  void aFailedTransactionRollsBackAndTheNextOneWorks() {
    try (Database db = Database.open(dir.resolve("vecino.db"))) {
      IllegalStateException boom = new IllegalStateException("boom");
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      c -> {
                        insertDeletion(c, "a1");
                        throw boom;
                      }))
          .isSameAs(boom);
      assertThat(countRows(db, "transit_alert_deletions")).isZero();

      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      c -> {
                        insertDeletion(c, "a2");
                        insertDeletion(c, "a2"); // primary key violation
                        return null;
                      }))
          .isInstanceOf(DatabaseException.class)
          .hasCauseInstanceOf(SQLException.class);
      assertThat(countRows(db, "transit_alert_deletions")).isZero();

      int inserted =
          db.inTransaction(
              c -> {
                insertDeletion(c, "a3");
                return 1;
              });
      assertThat(inserted).isEqualTo(1);
      assertThat(countRows(db, "transit_alert_deletions")).isEqualTo(1);
    }
  }

  @Test
  void transactionsCannotBeNestedAndReadsCannotWrite() {
    try (Database db = Database.open(dir.resolve("vecino.db"))) {
      assertThatThrownBy(() -> db.inTransaction(c -> db.inTransaction(c2 -> null)))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () ->
                  db.read(
                      c -> {
                        insertDeletion(c, "a1");
                        return null;
                      }))
          .isInstanceOf(DatabaseException.class);
      assertThat(countRows(db, "transit_alert_deletions")).isZero();
    }
  }

  @Test
  void readsRunConcurrentlyWhileAWriteIsInProgressAndSeeTheLastCommit() throws Exception {
    try (Database db = Database.open(dir.resolve("vecino.db"))) {
      CountDownLatch written = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<Object> writer =
          pool.submit(
              () ->
                  db.inTransaction(
                      c -> {
                        insertDeletion(c, "a1");
                        written.countDown();
                        awaitOrFail(release);
                        return null;
                      }));
      assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

      // Four readers at once, all inside their read while the write transaction is open.
      int readers = 4;
      CyclicBarrier together = new CyclicBarrier(readers);
      List<Future<Integer>> reads = new ArrayList<>();
      for (int i = 0; i < readers; i++) {
        reads.add(
            pool.submit(
                () ->
                    db.read(
                        c -> {
                          int n =
                              query(
                                  c, "SELECT COUNT(*) FROM transit_alert_deletions", Integer.class);
                          try {
                            together.await(10, TimeUnit.SECONDS);
                          } catch (Exception e) {
                            throw new IllegalStateException("readers did not run together", e);
                          }
                          return n;
                        })));
      }
      for (Future<Integer> read : reads) {
        assertThat(read.get(10, TimeUnit.SECONDS)).isZero();
      }
      assertThat(db.isHealthy()).isTrue();
      assertThat(writer.isDone()).isFalse();

      release.countDown();
      writer.get(10, TimeUnit.SECONDS);
      assertThat(countRows(db, "transit_alert_deletions")).isEqualTo(1);
    }
  }

  @Test
  void closeWaitsForTheTransactionInProgress() throws Exception {
    Path file = dir.resolve("vecino.db");
    Database db = Database.open(file);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> writer =
        pool.submit(
            () ->
                db.inTransaction(
                    c -> {
                      inside.countDown();
                      awaitOrFail(release);
                      insertDeletion(c, "a1");
                      return null;
                    }));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(db::close, pool);
    release.countDown();
    writer.get(10, TimeUnit.SECONDS);
    closing.get(10, TimeUnit.SECONDS);

    assertThat(db.isHealthy()).isFalse();
    assertThatThrownBy(() -> db.read(c -> null))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> db.inTransaction(c -> null)).isInstanceOf(DatabaseException.class);
    db.close(); // idempotent
    try (Database again = Database.open(file)) {
      assertThat(countRows(again, "transit_alert_deletions")).isEqualTo(1);
    }
  }

  @Test
  void aFolderInsteadOfAFileIsAClearError() {
    assertThatThrownBy(() -> Database.open(dir))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("cannot open database " + dir);
  }

  private static void awaitOrFail(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
