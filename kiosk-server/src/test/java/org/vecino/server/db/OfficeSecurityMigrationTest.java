package org.vecino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V10 on a database made by V1..V9: bookings, requests and codes are all kept; of a phone's live
 * codes only the newest stays live; the Open311 window index replaces the one on requested_at.
 */
class OfficeSecurityMigrationTest {
  @TempDir Path dir;

  @Test
  void officeDataOfAVersion9DatabaseIsKept() throws Exception {
    Path file = dir.resolve("v.db");
    try (Database db = Database.open(file, OldMigrations.upTo(9, dir))) {
      assertThat(db.schemaVersion()).isEqualTo(9);
      db.inTransaction(
          c -> {
            try (Statement st = c.createStatement()) {
              st.executeUpdate(
                  "INSERT INTO office_bookings VALUES ('bk-1', 'of-cazona', 'padron', "
                      + "'2026-12-01T08:00:00Z', '2026-12-01T08:15:00Z', '+34600111222', 'es',"
                      + " 'booked', '2026-11-30T09:00:00Z', NULL)");
              st.executeUpdate(
                  "INSERT INTO service_requests (request_id, seq, token, service_code,"
                      + " attributes, lang, status, source, address, requested_at, updated_at)"
                      + " VALUES ('1001', 1001, 't1', 'graffiti', '{}', 'es', 'open', 'kiosk',"
                      + " 'Calle Alta 1', '2026-11-30T09:00:00Z', '2026-11-30T09:00:00Z')");
              // Two live codes of one phone (the older one would have been a fallback), one of
              // another phone.
              st.executeUpdate(
                  "INSERT INTO office_otp_codes VALUES ('otp-old', '+34600111222', x'00',"
                      + " '2026-11-30T09:00:00Z', '2026-11-30T09:10:00Z', 5, NULL)");
              st.executeUpdate(
                  "INSERT INTO office_otp_codes VALUES ('otp-new', '+34600111222', x'01',"
                      + " '2026-11-30T09:01:00Z', '2026-11-30T09:11:00Z', 5, NULL)");
              st.executeUpdate(
                  "INSERT INTO office_otp_codes VALUES ('otp-other', '+34600333444', x'02',"
                      + " '2026-11-30T09:00:00Z', '2026-11-30T09:10:00Z', 4, NULL)");
            }
            return null;
          });
    }
    try (Database db = Database.open(file)) {
      assertThat(db.schemaVersion()).isEqualTo(Migrations.standard().latestVersion());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      assertThat(rows(st, "SELECT booking_id, status FROM office_bookings"))
          .containsExactly("bk-1 booked");
      assertThat(rows(st, "SELECT request_id, token, address FROM service_requests"))
          .containsExactly("1001 t1 Calle Alta 1");
      assertThat(rows(st, "SELECT otp_id, tries_left FROM office_otp_codes ORDER BY otp_id"))
          .containsExactly("otp-new 5", "otp-old 0", "otp-other 4");
      assertThat(
              rows(
                  st,
                  "SELECT name FROM sqlite_master WHERE type = 'index'"
                      + " AND tbl_name IN ('service_requests', 'office_bookings') ORDER BY name"))
          .contains("service_requests_window", "office_bookings_phone_booked")
          .doesNotContain("service_requests_requested");
    }
  }

  private static List<String> rows(Statement st, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i));
        }
        out.add(String.join(" ", cells));
      }
    }
    return out;
  }
}
