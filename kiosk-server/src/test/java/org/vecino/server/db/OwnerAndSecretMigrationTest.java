package org.vecino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V11 on a database made by V1..V9: every appointment survives with an owner (the office's bookings
 * the office's, the others shared by the scheduler tokens), and one-time codes already finished are
 * erased while a code still to send is kept for the dispatcher.
 */
class OwnerAndSecretMigrationTest {
  @TempDir Path dir;

  private static final String APPOINTMENT =
      "INSERT INTO appointments VALUES ('%s', '+34600111222', 'h', 1, '2026-12-01T08:00:00.000Z',"
          + " 'Cazoña', 'municipal', 'es', 'booked', '2026-11-30T09:00:00.000Z',"
          + " '2026-11-30T09:00:00.000Z')";
  private static final String SMS =
      "INSERT INTO sms_outbox (id, phone, text, encoding, segments, purpose, due_at, not_after,"
          + " status, next_attempt_at, created_at, updated_at) VALUES ('%s', '+34600111222',"
          + " '%s', 'GSM-7', 1, '%s', '2026-11-30T09:00:00.000Z', '2026-11-30T09:10:00.000Z',"
          + " '%s', '2026-11-30T09:00:00.000Z', '2026-11-30T09:00:00.000Z',"
          + " '2026-11-30T09:00:00.000Z')";

  @Test
  void appointmentsGetAnOwnerAndFinishedCodesAreErased() throws Exception {
    Path file = dir.resolve("v.db");
    try (Database db = Database.open(file, OldMigrations.upTo(9, dir))) {
      assertThat(db.schemaVersion()).isEqualTo(9);
      db.inTransaction(
          c -> {
            try (Statement st = c.createStatement()) {
              st.execute(APPOINTMENT.formatted("office-bk-0011aabb"));
              st.execute(APPOINTMENT.formatted("hospital-42"));
              st.execute(SMS.formatted("otp-sent", "Tu código: 123456", "otp", "sent"));
              st.execute(SMS.formatted("otp-wait", "Tu código: 654321", "otp", "scheduled"));
              st.execute(SMS.formatted("rem-1", "Cita mañana", "reminder", "sent"));
            }
            return null;
          });
    }
    try (Database db = Database.open(file)) {
      assertThat(db.schemaVersion()).isGreaterThanOrEqualTo(11);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      assertThat(rows(st, "SELECT external_id, owner FROM appointments ORDER BY external_id"))
          .isEqualTo("hospital-42=legacy;office-bk-0011aabb=office;");
      assertThat(rows(st, "SELECT id, text FROM sms_outbox ORDER BY id"))
          .isEqualTo(
              "otp-sent=[código de un solo uso];otp-wait=Tu código: 654321;rem-1=Cita mañana;");
      assertThat(rows(st, "SELECT id, secret FROM sms_outbox ORDER BY id"))
          .isEqualTo("otp-sent=2;otp-wait=1;rem-1=0;");
    }
  }

  private static String rows(Statement st, String sql) throws Exception {
    StringBuilder out = new StringBuilder();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('=').append(rs.getString(2)).append(';');
      }
    }
    return out.toString();
  }
}
