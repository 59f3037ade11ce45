package org.vecino.server.reminders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vecino.core.kernel.Lang;
import org.vecino.core.reminders.Appointment;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.server.db.DbInstants;

/**
 * The SQL of appointment reminders (migration V7): appointments, their reminders, opt-outs, the
 * citizens' replies handled and the webhook's events. Every method runs on the connection it is
 * given (the caller's transaction or read). Stateless and thread-safe.
 */
public final class AppointmentRepository {
  private static final String APPOINTMENT_COLUMNS =
      "external_id, phone, mobile, starts_at, place, kind, language, status, created_at,"
          + " updated_at";
  private static final String REMINDER_COLUMNS =
      "id, external_id, due_at, status, skip_reason, sms_id";
  private static final String EVENT_COLUMNS =
      "id, type, external_id, at, status, attempts, next_attempt_at";

  /** An appointment with its bookkeeping times. */
  public record Stored(Appointment appointment, Instant createdAt, Instant updatedAt) {}

  Optional<Stored> find(Connection c, String externalId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + APPOINTMENT_COLUMNS + " FROM appointments WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(appointment(rs)) : Optional.empty();
      }
    }
  }

  /** Who owns the appointment of {@code externalId} (V11), if there is one. */
  Optional<String> ownerOf(Connection c, String externalId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT owner FROM appointments WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  void insert(Connection c, Appointment a, String owner, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO appointments (external_id, phone, phone_hash, mobile, starts_at, place,"
                + " kind, language, status, created_at, updated_at, owner)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, a.externalId());
      ps.setString(2, a.phone().e164());
      ps.setString(3, PhoneHash.of(a.phone()));
      ps.setInt(4, a.phone().isMobile() ? 1 : 0);
      ps.setString(5, DbInstants.format(a.startsAt()));
      ps.setString(6, a.place());
      ps.setString(7, a.kind().code());
      ps.setString(8, a.language().code());
      ps.setString(9, a.status().code());
      ps.setString(10, DbInstants.format(now));
      ps.setString(11, DbInstants.format(now));
      ps.setString(12, owner);
      ps.executeUpdate();
    }
  }

  void update(Connection c, Appointment a, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE appointments SET phone = ?, phone_hash = ?, mobile = ?, starts_at = ?,"
                + " place = ?, kind = ?, language = ?, status = ?, updated_at = ?"
                + " WHERE external_id = ?")) {
      ps.setString(1, a.phone().e164());
      ps.setString(2, PhoneHash.of(a.phone()));
      ps.setInt(3, a.phone().isMobile() ? 1 : 0);
      ps.setString(4, DbInstants.format(a.startsAt()));
      ps.setString(5, a.place());
      ps.setString(6, a.kind().code());
      ps.setString(7, a.language().code());
      ps.setString(8, a.status().code());
      ps.setString(9, DbInstants.format(now));
      ps.setString(10, a.externalId());
      ps.executeUpdate();
    }
  }

  /**
   * The appointments of {@code phone} starting after {@code now} and not withdrawn by the system:
   * the active ones first, each group by start.
   */
  List<Appointment> upcoming(Connection c, PhoneNumber phone, Instant now) throws SQLException {
    List<Appointment> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + APPOINTMENT_COLUMNS
                + " FROM appointments WHERE phone_hash = ? AND starts_at > ? AND status <> ?"
                + " ORDER BY CASE WHEN status = ? THEN 1 ELSE 0 END, starts_at, external_id")) {
      ps.setString(1, PhoneHash.of(phone));
      ps.setString(2, DbInstants.format(now));
      ps.setString(3, AppointmentStatus.CANCELLED_BY_SYSTEM.code());
      ps.setString(4, AppointmentStatus.CANCELLED_BY_CITIZEN.code());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(appointment(rs).appointment());
        }
      }
    }
    return out;
  }

  /** Deletes appointments (and their reminders) that started before {@code before}. */
  int deleteStartedBefore(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM appointments WHERE starts_at < ?")) {
      ps.setString(1, DbInstants.format(before));
      return ps.executeUpdate();
    }
  }

  /** Deletes handled replies and finished webhook events older than {@code before}. */
  int deleteBookkeepingBefore(Connection c, Instant before) throws SQLException {
    return deleteRepliesBefore(c, before) + deleteFinishedEventsBefore(c, before);
  }

  /** Deletes handled replies received before {@code before}. */
  int deleteRepliesBefore(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM sms_inbound WHERE received_at < ?")) {
      ps.setString(1, DbInstants.format(before));
      return ps.executeUpdate();
    }
  }

  /** Deletes webhook events (sent or given up, never pending ones) from before {@code before}. */
  int deleteFinishedEventsBefore(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM scheduler_events WHERE at < ? AND status <> ?")) {
      ps.setString(1, DbInstants.format(before));
      ps.setString(2, SchedulerEvent.PENDING);
      return ps.executeUpdate();
    }
  }

  private static Stored appointment(ResultSet rs) throws SQLException {
    String phone = rs.getString("phone");
    Appointment a =
        new Appointment(
            rs.getString("external_id"),
            new PhoneNumber(phone, rs.getInt("mobile") == 1),
            DbInstants.parse(rs.getString("starts_at")),
            rs.getString("place"),
            AppointmentKind.fromCode(rs.getString("kind")).orElseThrow(),
            Lang.fromCode(rs.getString("language")).orElse(Lang.ES),
            AppointmentStatus.fromCode(rs.getString("status")).orElseThrow());
    return new Stored(
        a,
        DbInstants.parse(rs.getString("created_at")),
        DbInstants.parse(rs.getString("updated_at")));
  }

  // --- reminders

  void insertReminder(Connection c, StoredReminder r, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO reminders (id, external_id, due_at, status, skip_reason, sms_id,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.id());
      ps.setString(2, r.externalId());
      ps.setString(3, DbInstants.format(r.dueAt()));
      ps.setString(4, r.status());
      ps.setString(5, r.skipReason());
      ps.setString(6, r.smsId());
      ps.setString(7, DbInstants.format(now));
      ps.executeUpdate();
    }
  }

  /** The reminders of an appointment that are shown (planned or skipped), earliest first. */
  List<StoredReminder> reminders(Connection c, String externalId) throws SQLException {
    List<StoredReminder> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + REMINDER_COLUMNS
                + " FROM reminders WHERE external_id = ? AND status <> ? ORDER BY due_at, id")) {
      ps.setString(1, externalId);
      ps.setString(2, StoredReminder.WITHDRAWN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(reminder(rs));
        }
      }
    }
    return out;
  }

  Optional<StoredReminder> reminder(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + REMINDER_COLUMNS + " FROM reminders WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(reminder(rs)) : Optional.empty();
      }
    }
  }

  void withdrawReminder(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE reminders SET status = ? WHERE id = ?")) {
      ps.setString(1, StoredReminder.WITHDRAWN);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  private static StoredReminder reminder(ResultSet rs) throws SQLException {
    return new StoredReminder(
        rs.getString("id"),
        rs.getString("external_id"),
        DbInstants.parse(rs.getString("due_at")),
        rs.getString("status"),
        rs.getString("skip_reason"),
        rs.getString("sms_id"));
  }

  // --- opt-outs

  boolean optedOut(Connection c, PhoneNumber phone) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM sms_opt_outs WHERE phone_hash = ?")) {
      ps.setString(1, PhoneHash.of(phone));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  void optOut(Connection c, PhoneNumber phone, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sms_opt_outs (phone_hash, opted_out_at) VALUES (?, ?)"
                + " ON CONFLICT (phone_hash) DO NOTHING")) {
      ps.setString(1, PhoneHash.of(phone));
      ps.setString(2, DbInstants.format(now));
      ps.executeUpdate();
    }
  }

  void optIn(Connection c, PhoneNumber phone) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM sms_opt_outs WHERE phone_hash = ?")) {
      ps.setString(1, PhoneHash.of(phone));
      ps.executeUpdate();
    }
  }

  // --- inbound replies

  boolean inboundSeen(Connection c, String messageId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM sms_inbound WHERE message_id = ?")) {
      ps.setString(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  int answersSince(Connection c, PhoneNumber phone, Instant since) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM sms_inbound WHERE phone_hash = ? AND answered = 1"
                + " AND received_at > ?")) {
      ps.setString(1, PhoneHash.of(phone));
      ps.setString(2, DbInstants.format(since));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  void insertInbound(
      Connection c,
      String messageId,
      PhoneNumber phone,
      String command,
      boolean answered,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sms_inbound (message_id, phone_hash, command, answered, received_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, messageId);
      ps.setString(2, PhoneHash.of(phone));
      ps.setString(3, command);
      ps.setInt(4, answered ? 1 : 0);
      ps.setString(5, DbInstants.format(now));
      ps.executeUpdate();
    }
  }

  // --- webhook events

  void insertEvent(Connection c, SchedulerEvent e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO scheduler_events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, e.id());
      ps.setString(2, e.type());
      ps.setString(3, e.externalId());
      ps.setString(4, DbInstants.format(e.at()));
      ps.setString(5, e.status());
      ps.setInt(6, e.attempts());
      ps.setString(7, DbInstants.format(e.nextAttemptAt()));
      ps.executeUpdate();
    }
  }

  /** The pending event due first, if any. */
  Optional<SchedulerEvent> nextPendingEvent(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM scheduler_events WHERE status = ? ORDER BY next_attempt_at, id LIMIT 1")) {
      ps.setString(1, SchedulerEvent.PENDING);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(event(rs)) : Optional.empty();
      }
    }
  }

  Optional<SchedulerEvent> event(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM scheduler_events WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(event(rs)) : Optional.empty();
      }
    }
  }

  void updateEvent(
      Connection c, String id, String status, int attempts, Instant nextAttemptAt, String error)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE scheduler_events SET status = ?, attempts = ?, next_attempt_at = ?,"
                + " last_error = ? WHERE id = ?")) {
      ps.setString(1, status);
      ps.setInt(2, attempts);
      ps.setString(3, DbInstants.format(nextAttemptAt));
      ps.setString(4, error);
      ps.setString(5, id);
      ps.executeUpdate();
    }
  }

  private static SchedulerEvent event(ResultSet rs) throws SQLException {
    return new SchedulerEvent(
        rs.getString("id"),
        rs.getString("type"),
        rs.getString("external_id"),
        DbInstants.parse(rs.getString("at")),
        rs.getString("status"),
        rs.getInt("attempts"),
        DbInstants.parse(rs.getString("next_attempt_at")));
  }

  // --- metrics

  /**
   * How many appointments there are by status ({@code appointment.<status>}) and reminders by
   * planning state ({@code reminder.planned}, {@code reminder.skipped}).
   */
  Map<String, Long> counts(Connection c) throws SQLException {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT status, COUNT(*) FROM appointments GROUP BY status");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put("appointment." + rs.getString(1), rs.getLong(2));
      }
    }
    try (PreparedStatement ps =
            c.prepareStatement("SELECT status, COUNT(*) FROM reminders GROUP BY status");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put("reminder." + rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
