package org.vecino.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path dir;

  private URLClassLoader loader;

  @AfterEach
  void closeLoader() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }

  /** A class loader over a jar holding {@code files} under {@code m/}, as in the fat jar. */
  private ClassLoader jarWith(Map<String, String> files) throws IOException {
    Path jar = dir.resolve("migrations.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        zip.putNextEntry(new JarEntry("m/" + f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    return loader;
  }

  private static Map<String, String> files(String... nameThenContent) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameThenContent.length; i += 2) {
      map.put(nameThenContent[i], nameThenContent[i + 1]);
    }
    return map;
  }

  private static boolean tableExists(Path file, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  private static int version(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      return Migrations.currentVersion(c);
    }
  }

  @Test
  void appliesMigrationsFromAJarInOrderAndLaterOnlyTheNewOnes() throws Exception {
    Path file = dir.resolve("v.db");
    ClassLoader v1 =
        jarWith(
            files(
                "index.txt", "# comment\nV1__first_table.sql\n",
                "V1__first_table.sql", "-- one\nCREATE TABLE a (\n  id TEXT PRIMARY KEY\n);\n"));
    Migrations first = new Migrations(v1, "m");
    assertThat(first.latestVersion()).isEqualTo(1);
    Database.open(file, first).close();
    closeLoader();

    ClassLoader v2 =
        jarWith(
            files(
                "index.txt", "V1__first_table.sql\nV2__second.sql\n",
                "V1__first_table.sql", "CREATE TABLE a (id TEXT PRIMARY KEY);",
                "V2__second.sql",
                    "CREATE TABLE b (id TEXT PRIMARY KEY);\nINSERT INTO a (id) VALUES ('x;y');\n"));
    try (Database db = Database.open(file, new Migrations(v2, "m"))) {
      assertThat(db.schemaVersion()).isEqualTo(2);
      String id = db.read(c -> DatabaseTest.query(c, "SELECT id FROM a", String.class));
      assertThat(id).isEqualTo("x;y");
      String description =
          db.read(
              c ->
                  DatabaseTest.query(
                      c, "SELECT description FROM schema_version WHERE version = 1", String.class));
      assertThat(description).isEqualTo("first table");
    }
  }

  @Test
  void aFailingMigrationLeavesNoTrace() throws Exception {
    Path file = dir.resolve("v.db");
    Migrations broken =
        new Migrations(
            jarWith(
                files(
                    "index.txt", "V1__ok.sql\nV2__broken.sql\n",
                    "V1__ok.sql", "CREATE TABLE a (id TEXT PRIMARY KEY);",
                    "V2__broken.sql", "CREATE TABLE b (id TEXT);\nCREATE TABLE oops (;\n")),
            "m");
    assertThatThrownBy(() -> Database.open(file, broken))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("m/V2__broken.sql failed");
    assertThat(version(file)).isEqualTo(1);
    assertThat(tableExists(file, "a")).isTrue();
    assertThat(tableExists(file, "b")).isFalse();
  }

  @Test
  void aBadIndexIsRefused() throws Exception {
    assertThatThrownBy(() -> new Migrations(jarWith(files("x.txt", "")), "m"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("m/index.txt not found");
    closeLoader();
    assertThatThrownBy(() -> new Migrations(jarWith(files("index.txt", "V1__gone.sql")), "m"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("lists V1__gone.sql, which is not on the classpath");
    closeLoader();
    assertThatThrownBy(
            () ->
                new Migrations(
                    jarWith(
                        files(
                            "index.txt", "V2__a.sql\nV1__b.sql", "V2__a.sql", "", "V1__b.sql", "")),
                    "m"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("V1__b.sql should be a version above 2");
    closeLoader();
    assertThatThrownBy(
            () -> new Migrations(jarWith(files("index.txt", "init.sql", "init.sql", "")), "m"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("is not named V<version>__<description>.sql");
  }

  @Test
  void splitsScriptsIntoStatements() {
    assertThat(
            Migrations.statements(
                "-- comment\n\nCREATE TABLE a (\n  x TEXT -- inline\n);\r\nINSERT INTO a VALUES"
                    + " ('1;2');\nSELECT 1"))
        .isEqualTo(
            List.of(
                "CREATE TABLE a (\nx TEXT -- inline\n)",
                "INSERT INTO a VALUES ('1;2')",
                "SELECT 1"));
  }
}
