package org.vecino.server.sms.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.sms.SmsAnalyzer;
import org.vecino.core.reminders.sms.SmsCost;
import org.vecino.server.db.Database;
import org.vecino.server.db.DbInstants;
import org.vecino.server.privacy.PurgeStep;
import org.vecino.server.privacy.RetentionRules;

/**
 * The {@link SmsOutbox} over table {@code sms_outbox} (migration V6), plus what the dispatcher, the
 * receipts endpoint and the admin view need. Writes of the {@link SmsOutbox} methods run in the
 * caller's transaction; the others run their own. Texts and phones of finished messages are erased
 * after the retention by {@link #purge}. Thread-safe.
 */
public final class SqlSmsOutbox implements SmsOutbox {
  private static final String COLUMNS =
      "id, phone, text, encoding, segments, purpose, ref_id, due_at, not_after, status, attempts,"
          + " next_attempt_at, gateway_message_id, last_error, created_at, sent_at, updated_at,"
          + " secret";
  private static final String INSERT =
      "INSERT INTO sms_outbox (id, phone, text, encoding, segments, purpose, ref_id, due_at,"
          + " not_after, status, attempts, next_attempt_at, in_flight, created_at, updated_at,"
          + " secret)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', 0, ?, 0, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";

  /**
   * What replaces the text of a secret message once it ended or its validity did (migration V11
   * writes the same).
   */
  public static final String ERASED_SECRET = "[código de un solo uso]";

  /** In an UPDATE ending a message: a secret's text is erased (secret 1 → 2, see V11). */
  private static final String ERASE_SECRET =
      " text = CASE WHEN secret = 1 THEN '"
          + ERASED_SECRET
          + "' ELSE text END, secret = CASE WHEN secret = 1 THEN 2 ELSE secret END,";

  private static final String ERASE_EXPIRED_SECRETS =
      "UPDATE sms_outbox SET"
          + ERASE_SECRET
          + " updated_at = ? WHERE secret = 1 AND not_after < ? AND status <> 'scheduled'";
  private static final String CANCEL =
      "UPDATE sms_outbox SET status = 'cancelled',"
          + ERASE_SECRET
          + " updated_at = ?"
          + " WHERE id = ? AND status = 'scheduled' AND in_flight = 0";
  private static final String CANCEL_TO_PREFIX =
      "UPDATE sms_outbox SET status = 'cancelled',"
          + ERASE_SECRET
          + " updated_at = ?"
          + " WHERE phone = ? AND status = 'scheduled' AND in_flight = 0 AND purpose IN (";
  private static final String STATUSES_PREFIX = "SELECT id, status FROM sms_outbox WHERE id IN (";
  private static final String LAST_SENT_REF =
      "SELECT ref_id FROM sms_outbox WHERE phone = ? AND purpose = ? AND sent_at IS NOT NULL"
          + " ORDER BY sent_at DESC, id DESC LIMIT 1";
  private static final String DUE =
      "SELECT "
          + COLUMNS
          + " FROM sms_outbox WHERE status = 'scheduled' AND next_attempt_at <= ?"
          + " ORDER BY next_attempt_at, id LIMIT ?";
  private static final String NEXT_ATTEMPT =
      "SELECT MIN(next_attempt_at) FROM sms_outbox WHERE status = 'scheduled'";
  private static final String MARK_ATTEMPT =
      "UPDATE sms_outbox SET attempts = attempts + 1, next_attempt_at = ?, in_flight = 1,"
          + " updated_at = ? WHERE id = ? AND status = 'scheduled' AND attempts = ?";
  private static final String MARK_SENT =
      "UPDATE sms_outbox SET status = CASE WHEN status = 'scheduled' THEN 'sent' ELSE status END,"
          + " gateway_message_id = ?, sent_at = COALESCE(sent_at, ?), in_flight = 0,"
          + " last_error = NULL, updated_at = ? WHERE id = ?";
  private static final String MARK_SENT_ERASING =
      "UPDATE sms_outbox SET status = CASE WHEN status = 'scheduled' THEN 'sent' ELSE status END,"
          + ERASE_SECRET
          + " gateway_message_id = ?, sent_at = COALESCE(sent_at, ?), in_flight = 0,"
          + " last_error = NULL, updated_at = ? WHERE id = ?";
  private static final String MARK_RETRY =
      "UPDATE sms_outbox SET next_attempt_at = ?, last_error = ?, in_flight = ?, updated_at = ?"
          + " WHERE id = ? AND status = 'scheduled'";
  private static final String MARK_FINAL =
      "UPDATE sms_outbox SET status = ?, last_error = ?, in_flight = 0,"
          + ERASE_SECRET
          + " updated_at = ? WHERE id = ? AND status = 'scheduled'";
  private static final String EXPIRED =
      "SELECT id, attempts FROM sms_outbox WHERE status = 'scheduled' AND not_after < ?"
          + " ORDER BY not_after LIMIT 500";
  private static final String INSERT_RECEIPT =
      "INSERT INTO sms_receipts (message_id, sms_id, status, received_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (message_id) DO NOTHING";
  private static final String RECEIPT_DELIVERED =
      "UPDATE sms_outbox SET status = 'delivered', sent_at = COALESCE(sent_at, ?), in_flight = 0,"
          + ERASE_SECRET
          + " updated_at = ? WHERE id = ? AND status IN ('scheduled', 'sent', 'failed')";
  private static final String RECEIPT_FAILED =
      "UPDATE sms_outbox SET status = 'failed', last_error = ?, in_flight = 0,"
          + ERASE_SECRET
          + " updated_at = ? WHERE id = ? AND status IN ('scheduled', 'sent')";
  private static final String EXISTS = "SELECT 1 FROM sms_outbox WHERE id = ?";
  private static final String PURGE =
      "UPDATE sms_outbox SET phone = NULL, text = NULL, purged_at = ?"
          + " WHERE purged_at IS NULL AND status <> 'scheduled' AND updated_at < ?";
  private static final String PURGE_RECEIPTS = "DELETE FROM sms_receipts WHERE received_at < ?";
  private static final String RECENT =
      "SELECT " + COLUMNS + " FROM sms_outbox ORDER BY created_at DESC, id DESC LIMIT ?";
  private static final String RECENT_BY_STATUS =
      "SELECT "
          + COLUMNS
          + " FROM sms_outbox WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?";
  private static final String COUNTS = "SELECT status, COUNT(*) FROM sms_outbox GROUP BY status";
  private static final String FIND = "SELECT " + COLUMNS + " FROM sms_outbox WHERE id = ?";
  private static final int IN_CHUNK = 500;
  private static final int MAX_ERROR = 300;

  /** What became of a delivery receipt. */
  public enum ReceiptResult {
    /** The message's status changed. */
    APPLIED,
    /** The message is known but the receipt did not change it (e.g. already delivered). */
    NOT_APPLICABLE,
    /** No message has that id (e.g. purged long ago); the receipt is recorded all the same. */
    UNKNOWN_MESSAGE,
    /** This gateway messageId was processed before; nothing done again. */
    DUPLICATE
  }

  private final Database db;
  private final Clock clock;
  private final Duration retention;
  private final AtomicLong dispatcherQueries = new AtomicLong();
  private volatile Runnable wakeListener = () -> {};
  private volatile CachedCounts cachedCounts;

  private record CachedCounts(long atNanos, Map<SmsStatus, Long> counts) {}

  /**
   * @param retention how long the text and phone of a finished message are kept ({@code
   *     VECINO_REMINDER_RETENTION_DAYS}, 30 days)
   */
  public SqlSmsOutbox(Database db, Clock clock, Duration retention) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
  }

  /** The database the outbox lives in. */
  public Database database() {
    return db;
  }

  // ---------------------------------------------------------------------------------------------
  // SmsOutbox

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the text is empty
   */
  @Override
  public boolean enqueue(Connection tx, OutgoingSms sms) throws SQLException {
    SmsCost cost;
    try {
      cost = SmsAnalyzer.analyze(sms.text());
    } catch (ValidationException e) {
      throw new IllegalArgumentException("the text of SMS " + sms.id() + " is empty", e);
    }
    String now = DbInstants.format(clock.instant());
    try (PreparedStatement ps = tx.prepareStatement(INSERT)) {
      ps.setString(1, sms.id());
      ps.setString(2, sms.to());
      ps.setString(3, sms.text());
      ps.setString(4, cost.encoding().wireName());
      ps.setInt(5, cost.segments());
      ps.setString(6, sms.purpose());
      ps.setString(7, sms.refId());
      ps.setString(8, DbInstants.format(sms.dueAt()));
      ps.setString(9, DbInstants.format(sms.notAfter()));
      ps.setString(10, DbInstants.format(sms.dueAt()));
      ps.setString(11, now);
      ps.setString(12, now);
      ps.setInt(13, sms.secret() ? 1 : 0);
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public boolean cancel(Connection tx, String id) throws SQLException {
    try (PreparedStatement ps = tx.prepareStatement(CANCEL)) {
      ps.setString(1, DbInstants.format(clock.instant()));
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public int cancelPendingTo(Connection tx, String phone, Set<String> purposes)
      throws SQLException {
    if (purposes.isEmpty()) {
      return 0;
    }
    List<String> list = List.copyOf(purposes);
    try (PreparedStatement ps = tx.prepareStatement(CANCEL_TO_PREFIX + marks(list.size()) + ")")) {
      ps.setString(1, DbInstants.format(clock.instant()));
      ps.setString(2, phone);
      for (int i = 0; i < list.size(); i++) {
        ps.setString(3 + i, list.get(i));
      }
      return ps.executeUpdate();
    }
  }

  @Override
  public Map<String, SmsStatus> statuses(Connection c, Collection<String> ids) throws SQLException {
    List<String> all = List.copyOf(ids);
    Map<String, SmsStatus> out = new LinkedHashMap<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      try (PreparedStatement ps = c.prepareStatement(STATUSES_PREFIX + marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), SmsStatus.fromCode(rs.getString(2)));
          }
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public Optional<String> lastSentRef(Connection c, String phone, String purpose)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LAST_SENT_REF)) {
      ps.setString(1, phone);
      ps.setString(2, purpose);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  @Override
  public void wake() {
    wakeListener.run();
  }

  /** What {@link #wake} calls (the dispatcher's own wake-up). */
  public void onWake(Runnable listener) {
    this.wakeListener = Objects.requireNonNull(listener, "listener");
  }

  // ---------------------------------------------------------------------------------------------
  // The dispatcher's side

  /** Scheduled messages whose next attempt is at or before {@code now}, earliest first. */
  public List<OutboxEntry> due(Instant now, int limit) {
    dispatcherQueries.incrementAndGet();
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DUE)) {
            ps.setString(1, DbInstants.format(now));
            ps.setInt(2, limit);
            return list(ps);
          }
        });
  }

  /** The earliest next attempt of any scheduled message, if there is one. */
  public Optional<Instant> nextAttemptAt() {
    dispatcherQueries.incrementAndGet();
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(NEXT_ATTEMPT);
              ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.ofNullable(DbInstants.parse(rs.getString(1)))
                : Optional.empty();
          }
        });
  }

  /** How many times the dispatcher has queried for work (a busy loop would show here). */
  public long dispatcherQueries() {
    return dispatcherQueries.get();
  }

  /**
   * Records, durably, that a call for message {@code id} begins now: one more attempt, still {@code
   * scheduled}, next look at {@code retryAt} (so that after a crash it is retried with the same
   * id), no longer cancellable.
   *
   * @param expectedAttempts the attempts the dispatcher read; if the row changed since, nothing is
   *     done
   * @return false when the message is no longer scheduled as read (cancelled meanwhile)
   */
  public boolean markAttempt(String id, int expectedAttempts, Instant retryAt) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(MARK_ATTEMPT)) {
            ps.setString(1, DbInstants.format(retryAt));
            ps.setString(2, DbInstants.format(clock.instant()));
            ps.setString(3, id);
            ps.setInt(4, expectedAttempts);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * The gateway accepted message {@code id} as {@code gatewayMessageId}; a secret's text is erased.
   */
  public void markSent(String id, String gatewayMessageId) {
    markSent(id, gatewayMessageId, true);
  }

  /**
   * The gateway accepted message {@code id} as {@code gatewayMessageId}.
   *
   * @param eraseSecret whether a secret's text is erased now (a real gateway delivered it); false
   *     when the admin view is the delivery channel (no gateway), and the text is then erased when
   *     its validity ends
   */
  public void markSent(String id, String gatewayMessageId, boolean eraseSecret) {
    db.inTransaction(
        c -> {
          String now = DbInstants.format(clock.instant());
          try (PreparedStatement ps =
              c.prepareStatement(eraseSecret ? MARK_SENT_ERASING : MARK_SENT)) {
            ps.setString(1, gatewayMessageId);
            ps.setString(2, now);
            ps.setString(3, now);
            ps.setString(4, id);
            return ps.executeUpdate();
          }
        });
  }

  /** Message {@code id} stays scheduled, to be tried again at {@code next}. */
  public void markRetry(String id, Instant next, String error, boolean maybeHanded) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(MARK_RETRY)) {
            ps.setString(1, DbInstants.format(next));
            ps.setString(2, shorten(error));
            ps.setInt(3, maybeHanded ? 1 : 0);
            ps.setString(4, DbInstants.format(clock.instant()));
            ps.setString(5, id);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Ends a scheduled message as {@code failed} or {@code skipped}.
   *
   * @return false when it was no longer scheduled
   */
  public boolean markFinal(String id, SmsStatus status, String error) {
    if (status != SmsStatus.FAILED && status != SmsStatus.SKIPPED) {
      throw new IllegalArgumentException("only failed or skipped end a message here");
    }
    return db.inTransaction(c -> markFinal(c, id, status, error));
  }

  private boolean markFinal(Connection c, String id, SmsStatus status, String error)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(MARK_FINAL)) {
      ps.setString(1, status.code());
      ps.setString(2, shorten(error));
      ps.setString(3, DbInstants.format(clock.instant()));
      ps.setString(4, id);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Ends every scheduled message no longer useful at {@code now} without calling the gateway:
   * {@code skipped} when it was never tried, {@code failed} when tries failed (http.md); and erases
   * the text of every secret message whose validity has ended.
   *
   * @return how many were ended
   */
  public int endExpired(Instant now) {
    dispatcherQueries.incrementAndGet();
    return db.inTransaction(
        c -> {
          List<String> skipped = new ArrayList<>();
          List<String> failed = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(EXPIRED)) {
            ps.setString(1, DbInstants.format(now));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                (rs.getInt(2) == 0 ? skipped : failed).add(rs.getString(1));
              }
            }
          }
          int n = 0;
          for (String id : skipped) {
            n += markFinal(c, id, SmsStatus.SKIPPED, "no longer useful") ? 1 : 0;
          }
          for (String id : failed) {
            n +=
                markFinal(c, id, SmsStatus.FAILED, "no longer useful after failed attempts")
                    ? 1
                    : 0;
          }
          try (PreparedStatement ps = c.prepareStatement(ERASE_EXPIRED_SECRETS)) {
            ps.setString(1, DbInstants.format(clock.instant()));
            ps.setString(2, DbInstants.format(now));
            ps.executeUpdate();
          }
          return n;
        });
  }

  /**
   * Erases phone and text of messages that ended before {@code now - retention}, and forgets
   * receipts as old.
   *
   * @return how many messages were purged
   */
  public int purge(Instant now) {
    return purge(now, now.minus(retention));
  }

  /**
   * Erases phone and text of messages that ended before {@code before}, and forgets receipts as
   * old: the privacy purge's step for {@code sms_outbox}.
   *
   * @return how many messages were purged
   */
  public int purgeBefore(Instant before) {
    return purge(clock.instant(), before);
  }

  /** The privacy purge's step for {@code sms_outbox} ({@code privacy.RetentionRules}). */
  public Map<String, PurgeStep> purgeSteps() {
    return Map.of(RetentionRules.SMS_OUTBOX, this::purgeBefore);
  }

  private int purge(Instant now, Instant before) {
    String cutoff = DbInstants.format(before);
    return db.inTransaction(
        c -> {
          int n;
          try (PreparedStatement ps = c.prepareStatement(PURGE)) {
            ps.setString(1, DbInstants.format(now));
            ps.setString(2, cutoff);
            n = ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(PURGE_RECEIPTS)) {
            ps.setString(1, cutoff);
            ps.executeUpdate();
          }
          return n;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Receipts

  /**
   * Applies a delivery receipt of the gateway once per {@code gatewayMessageId}: {@code delivered}
   * makes the message delivered; {@code failed} or {@code expired} makes it failed.
   */
  public ReceiptResult applyReceipt(String gatewayMessageId, String id, String receiptStatus) {
    boolean delivered = receiptStatus.equals("delivered");
    if (!delivered && !receiptStatus.equals("failed") && !receiptStatus.equals("expired")) {
      throw new IllegalArgumentException("unknown receipt status " + receiptStatus);
    }
    return db.inTransaction(
        c -> {
          String now = DbInstants.format(clock.instant());
          try (PreparedStatement ps = c.prepareStatement(INSERT_RECEIPT)) {
            ps.setString(1, gatewayMessageId);
            ps.setString(2, id);
            ps.setString(3, receiptStatus);
            ps.setString(4, now);
            if (ps.executeUpdate() == 0) {
              return ReceiptResult.DUPLICATE;
            }
          }
          int changed;
          if (delivered) {
            try (PreparedStatement ps = c.prepareStatement(RECEIPT_DELIVERED)) {
              ps.setString(1, now);
              ps.setString(2, now);
              ps.setString(3, id);
              changed = ps.executeUpdate();
            }
          } else {
            try (PreparedStatement ps = c.prepareStatement(RECEIPT_FAILED)) {
              ps.setString(1, "receipt: " + receiptStatus);
              ps.setString(2, now);
              ps.setString(3, id);
              changed = ps.executeUpdate();
            }
          }
          if (changed > 0) {
            return ReceiptResult.APPLIED;
          }
          try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? ReceiptResult.NOT_APPLICABLE : ReceiptResult.UNKNOWN_MESSAGE;
            }
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** One message, if stored. */
  public Optional<OutboxEntry> find(String id) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, id);
            return list(ps).stream().findFirst();
          }
        });
  }

  /** The most recently stored messages, newest first, optionally of one status. */
  public List<OutboxEntry> recent(SmsStatus statusOrNull, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(statusOrNull == null ? RECENT : RECENT_BY_STATUS)) {
            int i = 1;
            if (statusOrNull != null) {
              ps.setString(i++, statusOrNull.code());
            }
            ps.setInt(i, limit);
            return list(ps);
          }
        });
  }

  /** How many messages are in each status (every status present, maybe 0). */
  public Map<SmsStatus, Long> counts() {
    return db.read(
        c -> {
          Map<SmsStatus, Long> counts = new EnumMap<>(SmsStatus.class);
          for (SmsStatus s : SmsStatus.values()) {
            counts.put(s, 0L);
          }
          try (PreparedStatement ps = c.prepareStatement(COUNTS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              counts.put(SmsStatus.fromCode(rs.getString(1)), rs.getLong(2));
            }
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  /** {@link #counts}, at most a second old (for metrics scrapes, one query per scrape). */
  public Map<SmsStatus, Long> recentCounts() {
    CachedCounts cached = cachedCounts;
    long nowNanos = System.nanoTime();
    if (cached == null || nowNanos - cached.atNanos() > 1_000_000_000L) {
      cached = new CachedCounts(nowNanos, counts());
      cachedCounts = cached;
    }
    return cached.counts();
  }

  /** {@link #recentCounts} of one status, or {@code fallback} when the database cannot answer. */
  public double recentCountOr(SmsStatus status, double fallback) {
    try {
      return recentCounts().get(status);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private static List<OutboxEntry> list(PreparedStatement ps) throws SQLException {
    List<OutboxEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new OutboxEntry(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                DbInstants.parse(rs.getString(8)),
                DbInstants.parse(rs.getString(9)),
                SmsStatus.fromCode(rs.getString(10)),
                rs.getInt(11),
                DbInstants.parse(rs.getString(12)),
                rs.getString(13),
                rs.getString(14),
                DbInstants.parse(rs.getString(15)),
                DbInstants.parse(rs.getString(16)),
                DbInstants.parse(rs.getString(17)),
                rs.getInt(18) != 0));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static String shorten(String s) {
    if (s == null) {
      return null;
    }
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }
}
