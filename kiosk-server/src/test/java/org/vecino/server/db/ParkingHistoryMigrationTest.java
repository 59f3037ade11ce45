package org.vecino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V5 moves the history of a database made by V4 into the compact tables, losing nothing. */
class ParkingHistoryMigrationTest {
  @TempDir Path dir;

  @Test
  void historyOfAVersion4DatabaseIsKept() throws Exception {
    Path file = dir.resolve("v.db");
    try (Database db = Database.open(file, OldMigrations.upTo(4, dir))) {
      assertThat(db.schemaVersion()).isEqualTo(4);
      db.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO parking_occupancy VALUES (?, ?, ?, ?, ?, ?)")) {
              Object[][] rows = {
                {"pz-italia", 1_800_000_000L, 40, 30, 50, 410},
                {"pz-italia", 1_800_000_300L, 45, 45, 45, 420},
                {"canadio", 1_800_000_000L, 7, 7, 9, 290}
              };
              for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                  ps.setObject(i + 1, r[i]);
                }
                ps.addBatch();
              }
              ps.executeBatch();
            }
            return null;
          });
    }
    try (Database db = Database.open(file)) {
      assertThat(db.schemaVersion()).isGreaterThanOrEqualTo(5);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT f.facility_id, o.bucket_start, o.available, o.min_available,"
                    + " o.max_available, o.total FROM parking_occupancy_5m o"
                    + " JOIN parking_history_facilities f ON f.ref = o.facility_ref"
                    + " ORDER BY f.facility_id, o.bucket_start")) {
      StringBuilder rows = new StringBuilder();
      while (rs.next()) {
        for (int i = 1; i <= 6; i++) {
          rows.append(rs.getString(i)).append(i < 6 ? "," : ";");
        }
      }
      assertThat(rows.toString())
          .isEqualTo(
              "canadio,1800000000,7,7,9,290;"
                  + "pz-italia,1800000000,40,30,50,410;"
                  + "pz-italia,1800000300,45,45,45,420;");
      assertThat(tableExists(c, "parking_occupancy")).isFalse();
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }
}
