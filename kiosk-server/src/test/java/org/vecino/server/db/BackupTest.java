package org.vecino.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Backup} on real SQLite files. */
class BackupTest {
  @TempDir Path dir;

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
  }

  private static void insert(Connection c, String value) throws java.sql.SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO backup_probe (value) VALUES ('" + value + "')");
    }
  }

  private static List<String> probes(Path file) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT value FROM backup_probe ORDER BY value")) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test
  void copiesWhatIsCommittedWhileAWriteTransactionIsOpenWithoutWaitingForIt() throws Exception {
    Path target = dir.resolve("backups/nightly.db");
    try (Database db = Database.open(dir.resolve("data/vecino.db"))) {
      db.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE backup_probe (value TEXT NOT NULL)");
            }
            insert(c, "committed");
            return null;
          });
      // A write in progress holds the database's write lock until it is released.
      CountDownLatch writing = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> writer =
          pool.submit(
              () ->
                  db.inTransaction(
                      c -> {
                        insert(c, "in-progress");
                        writing.countDown();
                        try {
                          release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return null;
                      }));
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

      // The backup needs no write lock: it finishes while that write is still open.
      Backup.Result result = Backup.copy(db.file(), target);
      assertThat(writer.isDone()).isFalse();
      release.countDown();
      writer.get(10, TimeUnit.SECONDS);

      assertThat(result.file()).isEqualTo(target.toAbsolutePath());
      assertThat(result.size()).isEqualTo(Files.size(target)).isPositive();
      assertThat(result.schemaVersion())
          .isEqualTo(db.schemaVersion())
          .isEqualTo(Migrations.standard().latestVersion());
    }
    assertThat(Path.of(target + "-wal")).doesNotExist();
    assertThat(Path.of(target + "-shm")).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.getParent())))
        .isEqualTo("rwx------");
    assertThat(probes(target)).containsExactly("committed");
    assertThat(probes(dir.resolve("data/vecino.db"))).containsExactly("committed", "in-progress");
    // The copy is one self-contained file: opened as Vecino opens it, it is at the same version.
    try (Database restored = Database.open(target)) {
      assertThat(restored.schemaVersion()).isEqualTo(Migrations.standard().latestVersion());
    }
  }

  @Test
  void anEmptyTargetTheOperatorPreparedIsUsed() throws Exception {
    Path source = dir.resolve("vecino.db");
    Database.open(source).close();
    Path target = Files.createFile(dir.resolve("empty.db"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

    Backup.copy(source, target);

    assertThat(Files.size(target)).isPositive();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
  }

  @Test
  void anExistingTargetIsNeverOverwritten() throws Exception {
    Path source = dir.resolve("vecino.db");
    Database.open(source).close();
    Path target = dir.resolve("yesterday.db");
    Files.writeString(target, "yesterday's backup");

    assertThatThrownBy(() -> Backup.copy(source, target))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining(target.toString())
        .hasMessageContaining("already exists");
    assertThat(Files.readString(target)).isEqualTo("yesterday's backup");
  }

  @Test
  void aMissingDatabaseIsNotCreated() {
    Path source = dir.resolve("nothing/vecino.db");
    Path target = dir.resolve("backup.db");

    assertThatThrownBy(() -> Backup.copy(source, target))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("no database at " + source);
    assertThat(source).doesNotExist();
    assertThat(target).doesNotExist();
  }

  @Test
  void aFileThatIsNotAVecinoDatabaseLeavesNoCopy() throws Exception {
    Path notVecino = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + notVecino);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE other (x INTEGER)");
    }
    Path notSqlite = Files.writeString(dir.resolve("notes.txt"), "not a database at all");
    Path target = dir.resolve("backup.db");

    assertThatThrownBy(() -> Backup.copy(notVecino, target))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("not a Vecino database");
    assertThat(target).doesNotExist();
    assertThatThrownBy(() -> Backup.copy(notSqlite, target))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining(notSqlite.toString());
    assertThat(target).doesNotExist();
  }
}
