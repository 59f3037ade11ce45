package org.vecino.server.office;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vecino.server.db.Database;
import org.vecino.server.db.DbInstants;
import org.vecino.server.privacy.PurgeStep;
import org.vecino.server.privacy.RetentionRules;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;

/**
 * The office's rows: slot counters and bookings, one-time codes, citizen sessions, kiosk heartbeats
 * and rate-limit events. Every write is one transaction on the database's writer. Thread-safe (the
 * database serialises writes).
 */
public final class OfficeRepository {
  private final Database db;

  public OfficeRepository(Database db) {
    this.db = db;
  }

  // -------------------------------------------------------------------------------------------
  // Rate limits

  /** A limit of {@code max} events per {@code window} for one subject of a scope. */
  public record Limit(String scope, String subject, int max, Duration window) {}

  /**
   * Takes one event of every limit if none is exhausted.
   *
   * @return empty when taken; else how long until the first exhausted limit frees a place (at least
   *     one second)
   */
  public Optional<Duration> take(List<Limit> limits, Instant now) {
    return db.inTransaction(c -> take(c, limits, now));
  }

  /**
   * {@link #take(List, Instant)} inside the caller's transaction {@code c}, so that the events and
   * what they allow (an SMS enqueued, a code checked) commit or roll back together.
   */
  public static Optional<Duration> take(Connection c, List<Limit> limits, Instant now)
      throws SQLException {
    Optional<Duration> wait = check(c, limits, now);
    if (wait.isPresent()) {
      return wait;
    }
    for (Limit l : limits) {
      record(c, l, now);
    }
    return Optional.empty();
  }

  /** How long until the first exhausted limit frees a place; empty when none is exhausted. */
  private static Optional<Duration> check(Connection c, List<Limit> limits, Instant now)
      throws SQLException {
    for (Limit l : limits) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*), MIN(at) FROM office_rate_events"
                  + " WHERE scope = ? AND subject = ? AND at > ?")) {
        ps.setString(1, l.scope());
        ps.setString(2, l.subject());
        ps.setString(3, DbInstants.format(now.minus(l.window())));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) >= l.max()) {
            Instant oldest = DbInstants.parse(rs.getString(2));
            long ms = Duration.between(now, oldest.plus(l.window())).toMillis();
            return Optional.of(Duration.ofSeconds(Math.max(1, (ms + 999) / 1000)));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void record(Connection c, Limit l, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO office_rate_events (scope, subject, at) VALUES (?, ?, ?)")) {
      ps.setString(1, l.scope());
      ps.setString(2, l.subject());
      ps.setString(3, DbInstants.format(now));
      ps.executeUpdate();
    }
  }

  /** Forgets rate events older than {@code before}. */
  public int purgeRateEvents(Instant before) {
    return deleteBefore("DELETE FROM office_rate_events WHERE at < ?", before);
  }

  // -------------------------------------------------------------------------------------------
  // Privacy purge (privacy.RetentionRules)

  /**
   * The privacy purge's steps for the one-time codes, sessions, rate events and bookings, each in a
   * transaction of its own.
   */
  public Map<String, PurgeStep> purgeSteps() {
    return Map.of(
        RetentionRules.OFFICE_OTP_CODES, this::purgeCodesBefore,
        RetentionRules.CITIZEN_SESSIONS, this::purgeSessionsBefore,
        RetentionRules.OFFICE_RATE_EVENTS, this::purgeRateEvents,
        RetentionRules.OFFICE_BOOKINGS, this::purgeBookingsBefore);
  }

  /** Deletes the one-time codes that expired before {@code before}. */
  public int purgeCodesBefore(Instant before) {
    return deleteBefore("DELETE FROM office_otp_codes WHERE expires_at < ?", before);
  }

  /** Deletes the citizen sessions that expired or were ended before {@code before}. */
  public int purgeSessionsBefore(Instant before) {
    return deleteBefore(
        "DELETE FROM citizen_sessions WHERE COALESCE(ended_at, expires_at) < ?", before);
  }

  /** Deletes the bookings (booked or cancelled) whose slot ended before {@code before}. */
  public int purgeBookingsBefore(Instant before) {
    return deleteBefore("DELETE FROM office_bookings WHERE slot_end < ?", before);
  }

  private int deleteBefore(String sql, Instant before) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, DbInstants.format(before));
            return ps.executeUpdate();
          }
        });
  }

  // -------------------------------------------------------------------------------------------
  // One-time codes and sessions

  /**
   * Stores a code and enqueues its SMS in the same transaction. Every older code of the phone is
   * burnt: only the newest code can open a session.
   */
  public void insertCode(
      String otpId,
      String phone,
      byte[] codeHash,
      Instant now,
      Instant expiresAt,
      int tries,
      SmsOutbox outbox,
      OutgoingSms sms) {
    db.inTransaction(
        c -> {
          burnCodes(c, phone);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO office_otp_codes (otp_id, phone, code_hash, created_at,"
                      + " expires_at, tries_left) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, otpId);
            ps.setString(2, phone);
            ps.setBytes(3, codeHash);
            ps.setString(4, DbInstants.format(now));
            ps.setString(5, DbInstants.format(expiresAt));
            ps.setInt(6, tries);
            ps.executeUpdate();
          }
          outbox.enqueue(c, sms);
          return null;
        });
  }

  private static void burnCodes(Connection c, String phone) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE office_otp_codes SET tries_left = 0 WHERE phone = ? AND used_at IS NULL"
                + " AND tries_left > 0")) {
      ps.setString(1, phone);
      ps.executeUpdate();
    }
  }

  /** Checks a presented code against a stored one: its id salts the hash. */
  @FunctionalInterface
  public interface CodeMatcher {
    boolean matches(String otpId, byte[] storedHash);
  }

  /** The outcome of {@link #useCode}. */
  public enum CodeOutcome {
    /** The code matched; the session was stored. */
    ACCEPTED,
    /** A live code exists but this one is wrong (one try less). */
    WRONG,
    /** The phone's newest code is not live (none, expired, used or burnt). */
    NO_CODE,
    /** Too many wrong guesses for this phone lately: nothing was checked. */
    LOCKED
  }

  /**
   * Checks a presented code against the phone's newest code (an older one never counts, even when
   * the newest is used, burnt or expired). A wrong guess costs the code one try and takes one event
   * of {@code wrongGuesses}; while that limit is exhausted nothing is checked ({@code LOCKED}). A
   * right code opens the session and burns every code of the phone.
   */
  public CodeOutcome useCode(
      String phone,
      CodeMatcher matcher,
      Limit wrongGuesses,
      Instant now,
      String sessionId,
      byte[] sessionHash,
      Instant sessionExpiresAt) {
    return db.inTransaction(
        c -> {
          if (check(c, List.of(wrongGuesses), now).isPresent()) {
            return CodeOutcome.LOCKED;
          }
          String otpId;
          byte[] hash;
          int tries;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT otp_id, code_hash, tries_left, used_at, expires_at FROM office_otp_codes"
                      + " WHERE phone = ? ORDER BY created_at DESC, rowid DESC LIMIT 1")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return CodeOutcome.NO_CODE;
              }
              otpId = rs.getString(1);
              hash = rs.getBytes(2);
              tries = rs.getInt(3);
              if (tries <= 0
                  || rs.getString(4) != null
                  || !DbInstants.parse(rs.getString(5)).isAfter(now)) {
                return CodeOutcome.NO_CODE;
              }
            }
          }
          if (!matcher.matches(otpId, hash)) {
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE office_otp_codes SET tries_left = ? WHERE otp_id = ?")) {
              ps.setInt(1, tries - 1);
              ps.setString(2, otpId);
              ps.executeUpdate();
            }
            record(c, wrongGuesses, now);
            return CodeOutcome.WRONG;
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE office_otp_codes SET used_at = ? WHERE otp_id = ?")) {
            ps.setString(1, DbInstants.format(now));
            ps.setString(2, otpId);
            ps.executeUpdate();
          }
          burnCodes(c, phone);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO citizen_sessions (session_id, token_hash, phone, created_at,"
                      + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, sessionId);
            ps.setBytes(2, sessionHash);
            ps.setString(3, phone);
            ps.setString(4, DbInstants.format(now));
            ps.setString(5, DbInstants.format(sessionExpiresAt));
            ps.executeUpdate();
          }
          return CodeOutcome.ACCEPTED;
        });
  }

  /** The phone of a live session, by the hash of its token. */
  public Optional<String> sessionPhone(byte[] tokenHash, Instant now) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT phone FROM citizen_sessions WHERE token_hash = ? AND ended_at IS NULL"
                      + " AND expires_at > ?")) {
            ps.setBytes(1, tokenHash);
            ps.setString(2, DbInstants.format(now));
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  /** Ends a live session; false when there is none. */
  public boolean endSession(byte[] tokenHash, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE citizen_sessions SET ended_at = ? WHERE token_hash = ?"
                      + " AND ended_at IS NULL AND expires_at > ?")) {
            ps.setString(1, DbInstants.format(now));
            ps.setBytes(2, tokenHash);
            ps.setString(3, DbInstants.format(now));
            return ps.executeUpdate() > 0;
          }
        });
  }

  // -------------------------------------------------------------------------------------------
  // Bookings

  /** The outcome of {@link #book}. */
  public enum BookOutcome {
    BOOKED,
    /** Every place of the slot is taken. */
    FULL,
    /** This phone already holds a place in the slot. */
    ALREADY_BOOKED,
    /** This phone already holds the most future bookings it may. */
    TOO_MANY
  }

  /**
   * Books a place: the slot's counter goes up only while below {@code capacity} (a conditional
   * upsert, so concurrent bookings can never exceed it), then the booking is stored. In the same
   * transaction, a phone already holding {@code maxPerPhone} booked bookings that have not ended
   * gets {@code TOO_MANY}.
   */
  public BookOutcome book(Booking b, int capacity, int maxPerPhone, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM office_bookings WHERE phone = ? AND status = 'booked'"
                      + " AND slot_end > ?")) {
            ps.setString(1, b.phone());
            ps.setString(2, DbInstants.format(now));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              if (rs.getInt(1) >= maxPerPhone) {
                return BookOutcome.TOO_MANY;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT 1 FROM office_bookings WHERE office_id = ? AND procedure_id = ?"
                      + " AND slot_start = ? AND phone = ? AND status = 'booked'")) {
            ps.setString(1, b.officeId());
            ps.setString(2, b.procedureId());
            ps.setString(3, DbInstants.format(b.start()));
            ps.setString(4, b.phone());
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return BookOutcome.ALREADY_BOOKED;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO office_slot_counts (office_id, procedure_id, slot_start, booked,"
                      + " capacity) VALUES (?, ?, ?, 1, ?)"
                      + " ON CONFLICT (office_id, procedure_id, slot_start) DO UPDATE"
                      + " SET booked = office_slot_counts.booked + 1, capacity = excluded.capacity"
                      + " WHERE office_slot_counts.booked < excluded.capacity")) {
            ps.setString(1, b.officeId());
            ps.setString(2, b.procedureId());
            ps.setString(3, DbInstants.format(b.start()));
            ps.setInt(4, capacity);
            if (ps.executeUpdate() == 0) {
              return BookOutcome.FULL;
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO office_bookings (booking_id, office_id, procedure_id, slot_start,"
                      + " slot_end, phone, lang, status, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', ?)")) {
            ps.setString(1, b.id());
            ps.setString(2, b.officeId());
            ps.setString(3, b.procedureId());
            ps.setString(4, DbInstants.format(b.start()));
            ps.setString(5, DbInstants.format(b.end()));
            ps.setString(6, b.phone());
            ps.setString(7, b.lang());
            ps.setString(8, DbInstants.format(now));
            ps.executeUpdate();
          }
          return BookOutcome.BOOKED;
        });
  }

  /** Places taken per slot start of a procedure at an office, for starts in [from, to). */
  public Map<Instant, Integer> bookedCounts(
      String officeId, String procedureId, Instant from, Instant to) {
    return db.read(
        c -> {
          Map<Instant, Integer> out = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT slot_start, booked FROM office_slot_counts WHERE office_id = ?"
                      + " AND procedure_id = ? AND slot_start >= ? AND slot_start < ?")) {
            ps.setString(1, officeId);
            ps.setString(2, procedureId);
            ps.setString(3, DbInstants.format(from));
            ps.setString(4, DbInstants.format(to));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(DbInstants.parse(rs.getString(1)), rs.getInt(2));
              }
            }
          }
          return out;
        });
  }

  /**
   * Cancels a booked booking of {@code phone} and frees its place.
   *
   * @return the booking as it was, empty when there is no such booked booking of that phone
   */
  public Optional<Booking> cancel(String bookingId, String phone, Instant now) {
    return db.inTransaction(
        c -> {
          Optional<Booking> found = find(c, bookingId);
          if (found.isEmpty()
              || !found.get().phone().equals(phone)
              || !found.get().status().equals("booked")) {
            return Optional.<Booking>empty();
          }
          Booking b = found.get();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE office_bookings SET status = 'cancelled', cancelled_at = ?"
                      + " WHERE booking_id = ?")) {
            ps.setString(1, DbInstants.format(now));
            ps.setString(2, bookingId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE office_slot_counts SET booked = booked - 1 WHERE office_id = ?"
                      + " AND procedure_id = ? AND slot_start = ? AND booked > 0")) {
            ps.setString(1, b.officeId());
            ps.setString(2, b.procedureId());
            ps.setString(3, DbInstants.format(b.start()));
            ps.executeUpdate();
          }
          return Optional.of(b);
        });
  }

  /** A booking by id. */
  public Optional<Booking> booking(String bookingId) {
    return db.read(c -> find(c, bookingId));
  }

  private static final String BOOKING_COLUMNS =
      "booking_id, office_id, procedure_id, slot_start, slot_end, phone, lang, status";

  private static Optional<Booking> find(Connection c, String bookingId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + BOOKING_COLUMNS + " FROM office_bookings WHERE booking_id = ?")) {
      ps.setString(1, bookingId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(booking(rs)) : Optional.empty();
      }
    }
  }

  private static Booking booking(ResultSet rs) throws SQLException {
    return new Booking(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        DbInstants.parse(rs.getString(4)),
        DbInstants.parse(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8));
  }

  /** The booked bookings of {@code phone} that end after {@code now}, soonest first. */
  public List<Booking> upcoming(String phone, Instant now) {
    return db.read(
        c -> {
          List<Booking> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + BOOKING_COLUMNS
                      + " FROM office_bookings WHERE phone = ? AND status = 'booked'"
                      + " AND slot_end > ? ORDER BY slot_start, booking_id")) {
            ps.setString(1, phone);
            ps.setString(2, DbInstants.format(now));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(booking(rs));
              }
            }
          }
          return out;
        });
  }

  // -------------------------------------------------------------------------------------------
  // Kiosk heartbeats

  /** The last heartbeat of a kiosk. */
  public record Heartbeat(String kioskId, Instant lastSeenAt, String version, String screen) {}

  public void heartbeat(Heartbeat h) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO kiosk_heartbeats (kiosk_id, last_seen_at, version, screen)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET"
                      + " last_seen_at = excluded.last_seen_at, version = excluded.version,"
                      + " screen = excluded.screen")) {
            ps.setString(1, h.kioskId());
            ps.setString(2, DbInstants.format(h.lastSeenAt()));
            ps.setString(3, h.version());
            ps.setString(4, h.screen());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Every kiosk's last heartbeat, by kiosk id. */
  public Map<String, Heartbeat> heartbeats() {
    return db.read(
        c -> {
          Map<String, Heartbeat> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT kiosk_id, last_seen_at, version, screen FROM kiosk_heartbeats");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(
                  rs.getString(1),
                  new Heartbeat(
                      rs.getString(1),
                      DbInstants.parse(rs.getString(2)),
                      rs.getString(3),
                      rs.getString(4)));
            }
          }
          return out;
        });
  }
}
