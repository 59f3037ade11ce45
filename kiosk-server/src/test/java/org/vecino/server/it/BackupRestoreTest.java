package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.db.Database;
import org.vecino.server.db.Migrations;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.ServerProcess;

/**
 * The documented backup and restore, as an operator runs them: {@code backup TARGET} as a second
 * process while a server runs and writes (simulator through the embedded broker, tokens through the
 * API), then the server stopped, the copy restored into a fresh data folder and a server started on
 * it.
 */
class BackupRestoreTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final String ADMIN_TOKEN = "backup-test-admin-token-0123";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void cleanUp() throws Exception {
    pool.shutdownNow();
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private Map<String, String> settings(Path db, boolean simulator) {
    Map<String, String> env = ServerProcess.sampleCity(db);
    env.put("VECINO_MQTT_EMBEDDED_PORT", Integer.toString(MosquittoBroker.freePort()));
    env.put("VECINO_SIMULATOR", Boolean.toString(simulator));
    env.put("VECINO_ADMIN_TOKEN", ADMIN_TOKEN);
    return env;
  }

  private ServerProcess launch(String name, Map<String, String> env, String... args)
      throws IOException {
    ServerProcess p = ServerProcess.launch(dir, name, env, args);
    open.add(p);
    return p;
  }

  private static HttpResponse<String> call(int port, String method, String path, String token)
      throws Exception {
    return call(port, method, path, token, null);
  }

  private static HttpResponse<String> call(
      int port, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Issues an admin token named {@code name} and returns its secret. */
  private static String issue(int port, String name) throws Exception {
    HttpResponse<String> r =
        call(
            port,
            "POST",
            "/api/v1/admin/tokens",
            ADMIN_TOKEN,
            "{\"name\": \"" + name + "\", \"roles\": [\"admin\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("token").asText();
  }

  private static List<String> tokenNames(int port) throws Exception {
    HttpResponse<String> r = call(port, "GET", "/api/v1/admin/tokens", ADMIN_TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    for (JsonNode t : JSON.readTree(r.body())) {
      names.add(t.path("name").asText());
    }
    return names;
  }

  private static boolean liveData(int port) throws Exception {
    JsonNode mqtt =
        JSON.readTree(call(port, "GET", "/health", ADMIN_TOKEN).body())
            .path("components")
            .path("mqtt");
    JsonNode ages = mqtt.path("lastMessageAgeSeconds");
    // The simulator's parking readings have been applied (they are checked in the copy).
    return "UP".equals(mqtt.path("status").asText())
        && (ages.has("parking.facilities") || ages.has("parking.spots"));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aBackupTakenWhileTheServerWritesRestoresIntoAFreshFolder() throws Exception {
    Path db = dir.resolve("data/vecino.db");
    Map<String, String> env = settings(db, true);
    ServerProcess server = launch("server", env);
    int port = server.awaitServing(START);
    await().atMost(START).until(() -> liveData(port));
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      before.add(issue(port, "before-" + i));
    }

    // Writes go on through the API (and the simulator's readings) while the backup runs.
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger issuedDuring = new AtomicInteger();
    Future<?> writer =
        pool.submit(
            () -> {
              while (writing.get()) {
                issue(port, "during-" + issuedDuring.incrementAndGet());
              }
              return null;
            });
    await().atMost(START).until(() -> issuedDuring.get() > 0);
    int issuedAtBackupStart = issuedDuring.get();
    Path target = dir.resolve("backups/vecino-1.db");
    ServerProcess backup = launch("backup", env, "backup", target.toString());
    assertThat(backup.awaitExit(START)).as(backup.stderr()).isZero();
    int issuedAtBackupEnd = issuedDuring.get();
    writing.set(false);
    writer.get(30, TimeUnit.SECONDS);
    assertThat(issuedAtBackupEnd)
        .as("API writes during the backup")
        .isGreaterThan(issuedAtBackupStart);
    String after = issue(port, "after");

    int version = Migrations.standard().latestVersion();
    assertThat(backup.stdout().strip().lines()).hasSize(1);
    assertThat(backup.stdout().strip())
        .isEqualTo(
            "backup " + target + ": " + Files.size(target) + " bytes, schema version " + version);
    assertThat(backup.stderr()).isEmpty();
    assertThat(mode(target)).isEqualTo("rw-------");
    assertThat(server.process().isAlive()).isTrue();
    assertThat(server.terminate()).isZero();

    // Restore as documented, into a fresh data folder: the copy becomes the database file.
    Path restoredDb = dir.resolve("restored/data/vecino.db");
    Files.createDirectories(restoredDb.getParent());
    Files.copy(target, restoredDb);
    ServerProcess restored = launch("restored", settings(restoredDb, false));
    int restoredPort = restored.awaitServing(START);
    List<String> names = tokenNames(restoredPort);
    assertThat(names).contains("before-0", "before-1", "before-2").doesNotContain("after");
    for (String token : before) {
      assertThat(call(restoredPort, "GET", "/api/v1/admin/tokens", token).statusCode())
          .isEqualTo(200);
    }
    assertThat(call(restoredPort, "GET", "/api/v1/admin/tokens", after).statusCode())
        .isEqualTo(401);
    // The simulator's readings were copied too.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM parking_counter_readings)"
                    + " + (SELECT COUNT(*) FROM parking_spot_readings)")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isPositive();
    }
    assertThat(restored.terminate()).isZero();
  }

  @Test
  void anExistingTargetIsRefusedWithExitCode2AndOneLine() throws Exception {
    Path db = dir.resolve("data/vecino.db");
    Database.open(db).close();
    Path target = Files.writeString(dir.resolve("old-backup.db"), "an older backup");

    ServerProcess backup = launch("backup", settings(db, false), "backup", target.toString());

    assertThat(backup.awaitExit(START)).isEqualTo(2);
    assertThat(backup.stderr().strip().lines()).hasSize(1);
    assertThat(backup.stderr())
        .contains(target.toString())
        .contains("already exists")
        .doesNotContain("Exception");
    assertThat(backup.stdout()).isEmpty();
    assertThat(Files.readString(target)).isEqualTo("an older backup");
  }

  @Test
  void aMissingDatabaseIsRefusedWithExitCode2AndOneLine() throws Exception {
    Path db = dir.resolve("nothing-here/vecino.db");
    Path target = dir.resolve("backup.db");

    ServerProcess backup = launch("backup", settings(db, false), "backup", target.toString());

    assertThat(backup.awaitExit(START)).isEqualTo(2);
    assertThat(backup.stderr().strip().lines()).hasSize(1);
    assertThat(backup.stderr()).contains("no database at " + db).doesNotContain("Exception");
    assertThat(db).doesNotExist();
    assertThat(target).doesNotExist();
  }

  @Test
  void anUnwritableTargetIsRefusedWithExitCode2AndOneLine() throws Exception {
    Path db = dir.resolve("data/vecino.db");
    Database.open(db).close();
    Path plainFile = Files.writeString(dir.resolve("plain-file"), "x");

    ServerProcess backup =
        launch("backup", settings(db, false), "backup", plainFile.resolve("backup.db").toString());

    assertThat(backup.awaitExit(START)).isEqualTo(2);
    assertThat(backup.stderr().strip().lines()).hasSize(1);
    assertThat(backup.stderr()).contains("plain-file").doesNotContain("Exception");
  }

  @Test
  void backupWithoutATargetIsRefusedWithExitCode2AndOneLine() throws Exception {
    ServerProcess backup =
        launch("backup", settings(dir.resolve("data/vecino.db"), false), "backup");

    assertThat(backup.awaitExit(START)).isEqualTo(2);
    assertThat(backup.stderr().strip().lines()).hasSize(1);
    assertThat(backup.stderr()).contains("backup: needs a target file");
  }
}
