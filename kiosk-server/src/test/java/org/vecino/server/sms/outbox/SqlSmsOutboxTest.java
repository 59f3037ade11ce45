package org.vecino.server.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.testing.MutableClock;
import org.vecino.server.db.Database;

/** The outbox table on a real SQLite file. */
class SqlSmsOutboxTest {
  private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
  private static final String PHONE = "+34600111222";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0, ZoneId.of("Europe/Madrid"));
  private Database db;
  private SqlSmsOutbox outbox;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("vecino.db"));
    outbox = new SqlSmsOutbox(db, clock, Duration.ofDays(30));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static OutgoingSms sms(String id, String phone, String purpose, Instant due) {
    return new OutgoingSms(
        id, phone, "Cita mañana 9:30", due, due.plus(Duration.ofHours(2)), purpose, "ref-" + id);
  }

  private boolean enqueue(OutgoingSms sms) {
    return db.inTransaction(c -> outbox.enqueue(c, sms));
  }

  @Test
  void enqueueStoresOnceAndKeepsTheFirst() {
    assertThat(enqueue(sms("rem-1", PHONE, "reminder", T0))).isTrue();
    OutgoingSms other =
        new OutgoingSms("rem-1", "+34600999888", "otro", T0, T0.plusSeconds(9), "notice", null);
    assertThat(enqueue(other)).isFalse();
    OutboxEntry e = outbox.find("rem-1").orElseThrow();
    assertThat(e.phone()).isEqualTo(PHONE);
    assertThat(e.text()).isEqualTo("Cita mañana 9:30");
    assertThat(e.encoding()).isEqualTo("GSM-7");
    assertThat(e.segments()).isEqualTo(1);
    assertThat(e.purpose()).isEqualTo("reminder");
    assertThat(e.refId()).isEqualTo("ref-rem-1");
    assertThat(e.status()).isEqualTo(SmsStatus.SCHEDULED);
    assertThat(e.attempts()).isZero();
    assertThat(e.nextAttemptAt()).isEqualTo(T0);
    assertThat(e.createdAt()).isEqualTo(T0);
  }

  @Test
  void theCostComesFromTheAnalyzer() {
    String longUcs2 = "Recordatorio ✅ ".repeat(6); // 90 UTF-16 units: two UCS-2 parts
    enqueue(new OutgoingSms("n-1", PHONE, longUcs2, T0, T0.plusSeconds(60), "notice", null));
    OutboxEntry e = outbox.find("n-1").orElseThrow();
    assertThat(e.encoding()).isEqualTo("UCS-2");
    assertThat(e.segments()).isEqualTo(2);
    assertThatThrownBy(() -> enqueue(new OutgoingSms("n-2", PHONE, "", T0, T0, "notice", null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enqueueJoinsTheCallersTransaction() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    c -> {
                      outbox.enqueue(c, sms("rem-1", PHONE, "reminder", T0));
                      throw new IllegalStateException("the appointment could not be stored");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(outbox.find("rem-1")).isEmpty();
  }

  @Test
  void cancelOnlyWhatIsPendingAndNotInFlight() {
    enqueue(sms("rem-1", PHONE, "reminder", T0));
    enqueue(sms("rem-2", PHONE, "reminder", T0));
    enqueue(sms("rem-3", PHONE, "reminder", T0));
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "rem-1"))).isTrue();
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "rem-1"))).isFalse();
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "missing"))).isFalse();
    // In flight: the gateway may have it.
    assertThat(outbox.markAttempt("rem-2", 0, T0.plusSeconds(15))).isTrue();
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "rem-2"))).isFalse();
    // A refused call (not handed over) makes it cancellable again.
    outbox.markRetry("rem-2", T0.plusSeconds(5), "connection refused", false);
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "rem-2"))).isTrue();
    // Sent: too late.
    assertThat(outbox.markAttempt("rem-3", 0, T0.plusSeconds(15))).isTrue();
    outbox.markSent("rem-3", "gw-3");
    assertThat(db.<Boolean>inTransaction(c -> outbox.cancel(c, "rem-3"))).isFalse();
    assertThat(outbox.markAttempt("rem-1", 0, T0)).as("a cancelled one is not attempted").isFalse();
  }

  @Test
  void cancelPendingToAPhoneByPurpose() {
    enqueue(sms("rem-1", PHONE, "reminder", T0));
    enqueue(sms("not-1", PHONE, "notice", T0));
    enqueue(sms("otp-1", PHONE, "otp", T0));
    enqueue(sms("rem-2", "+34600999888", "reminder", T0));
    int n = db.inTransaction(c -> outbox.cancelPendingTo(c, PHONE, Set.of("reminder", "notice")));
    assertThat(n).isEqualTo(2);
    Map<String, SmsStatus> statuses =
        db.read(c -> outbox.statuses(c, List.of("rem-1", "not-1", "otp-1", "rem-2", "nope")));
    assertThat(statuses)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "rem-1", SmsStatus.CANCELLED,
                "not-1", SmsStatus.CANCELLED,
                "otp-1", SmsStatus.SCHEDULED,
                "rem-2", SmsStatus.SCHEDULED));
    assertThat(db.<Integer>inTransaction(c -> outbox.cancelPendingTo(c, PHONE, Set.of()))).isZero();
  }

  @Test
  void statusesOfManyIds() {
    for (int i = 0; i < 1200; i++) {
      enqueue(sms("rem-" + i, PHONE, "reminder", T0));
    }
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 1300; i++) {
      ids.add("rem-" + i);
    }
    assertThat(db.<Map<String, SmsStatus>>read(c -> outbox.statuses(c, ids))).hasSize(1200);
  }

  @Test
  void lastSentRefIsTheMostRecentHandedToTheGateway() {
    enqueue(sms("rem-a", PHONE, "reminder", T0));
    enqueue(sms("rem-b", PHONE, "reminder", T0));
    enqueue(sms("rem-c", PHONE, "reminder", T0));
    assertThat(db.<Optional<String>>read(c -> outbox.lastSentRef(c, PHONE, "reminder"))).isEmpty();
    outbox.markAttempt("rem-a", 0, T0);
    outbox.markSent("rem-a", "gw-a");
    clock.advance(Duration.ofMinutes(5));
    outbox.markAttempt("rem-b", 0, T0);
    outbox.markSent("rem-b", "gw-b");
    // rem-c never went out.
    assertThat(db.<Optional<String>>read(c -> outbox.lastSentRef(c, PHONE, "reminder")))
        .isEqualTo(Optional.of("ref-rem-b"));
    assertThat(db.<Optional<String>>read(c -> outbox.lastSentRef(c, PHONE, "notice"))).isEmpty();
    assertThat(db.<Optional<String>>read(c -> outbox.lastSentRef(c, "+34600999888", "reminder")))
        .isEmpty();
  }

  @Test
  void dueIsEarliestFirstAndNextAttemptIsTheMinimum() {
    enqueue(sms("b", PHONE, "reminder", T0.plusSeconds(20)));
    enqueue(sms("a", PHONE, "reminder", T0.plusSeconds(10)));
    enqueue(sms("c", PHONE, "reminder", T0.plusSeconds(30)));
    assertThat(outbox.due(T0, 10)).isEmpty();
    assertThat(outbox.nextAttemptAt()).contains(T0.plusSeconds(10));
    assertThat(outbox.due(T0.plusSeconds(20), 10))
        .extracting(OutboxEntry::id)
        .containsExactly("a", "b");
    assertThat(outbox.due(T0.plusSeconds(60), 1)).extracting(OutboxEntry::id).containsExactly("a");
    db.inTransaction(c -> outbox.cancel(c, "a"));
    assertThat(outbox.nextAttemptAt()).contains(T0.plusSeconds(20));
  }

  @Test
  void theAttemptIsRecordedBeforeTheCall() {
    enqueue(sms("rem-1", PHONE, "reminder", T0));
    assertThat(outbox.markAttempt("rem-1", 0, T0.plusSeconds(15))).isTrue();
    // A second dispatcher (or a stale read) cannot take the same attempt again.
    assertThat(outbox.markAttempt("rem-1", 0, T0.plusSeconds(15))).isFalse();
    OutboxEntry e = outbox.find("rem-1").orElseThrow();
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.status()).isEqualTo(SmsStatus.SCHEDULED);
    assertThat(e.nextAttemptAt()).isEqualTo(T0.plusSeconds(15));
    // As after a crash: not due before that time, due after it, with the same id.
    assertThat(outbox.due(T0.plusSeconds(14), 10)).isEmpty();
    assertThat(outbox.due(T0.plusSeconds(15), 10))
        .extracting(OutboxEntry::id)
        .containsExactly("rem-1");
  }

  @Test
  void expiredMessagesAreSkippedOrFailedWhenTried() {
    enqueue(sms("never-tried", PHONE, "reminder", T0));
    enqueue(sms("tried", PHONE, "reminder", T0));
    enqueue(sms("useful", PHONE, "reminder", T0.plus(Duration.ofHours(5))));
    outbox.markAttempt("tried", 0, T0.plusSeconds(5));
    outbox.markRetry("tried", T0.plusSeconds(5), "HTTP 503", false);
    assertThat(outbox.endExpired(T0.plus(Duration.ofHours(3)))).isEqualTo(2);
    assertThat(outbox.find("never-tried").orElseThrow().status()).isEqualTo(SmsStatus.SKIPPED);
    assertThat(outbox.find("tried").orElseThrow().status()).isEqualTo(SmsStatus.FAILED);
    assertThat(outbox.find("useful").orElseThrow().status()).isEqualTo(SmsStatus.SCHEDULED);
  }

  @Test
  void receiptsApplyOncePerGatewayMessageId() {
    enqueue(sms("rem-1", PHONE, "reminder", T0));
    enqueue(sms("rem-2", PHONE, "reminder", T0));
    outbox.markAttempt("rem-1", 0, T0);
    outbox.markSent("rem-1", "gw-1");
    outbox.markAttempt("rem-2", 0, T0);
    outbox.markSent("rem-2", "gw-2");
    assertThat(outbox.applyReceipt("r-1", "rem-1", "delivered"))
        .isEqualTo(SqlSmsOutbox.ReceiptResult.APPLIED);
    assertThat(outbox.applyReceipt("r-1", "rem-1", "delivered"))
        .isEqualTo(SqlSmsOutbox.ReceiptResult.DUPLICATE);
    assertThat(outbox.find("rem-1").orElseThrow().status()).isEqualTo(SmsStatus.DELIVERED);
    // A late "expired" does not undo a delivery.
    assertThat(outbox.applyReceipt("r-2", "rem-1", "expired"))
        .isEqualTo(SqlSmsOutbox.ReceiptResult.NOT_APPLICABLE);
    assertThat(outbox.applyReceipt("r-3", "rem-2", "expired"))
        .isEqualTo(SqlSmsOutbox.ReceiptResult.APPLIED);
    OutboxEntry failed = outbox.find("rem-2").orElseThrow();
    assertThat(failed.status()).isEqualTo(SmsStatus.FAILED);
    assertThat(failed.lastError()).isEqualTo("receipt: expired");
    assertThat(outbox.applyReceipt("r-4", "nobody", "delivered"))
        .isEqualTo(SqlSmsOutbox.ReceiptResult.UNKNOWN_MESSAGE);
  }

  @Test
  void purgeErasesPhoneAndTextOfFinishedMessagesAfterTheRetention() throws Exception {
    enqueue(sms("rem-old", PHONE, "reminder", T0));
    enqueue(sms("rem-pending", PHONE, "reminder", T0.plus(Duration.ofDays(60))));
    outbox.markAttempt("rem-old", 0, T0);
    outbox.markSent("rem-old", "gw-1");
    clock.advance(Duration.ofDays(1));
    enqueue(sms("rem-recent", PHONE, "reminder", T0));
    db.inTransaction(c -> outbox.cancel(c, "rem-recent"));

    assertThat(outbox.purge(T0.plus(Duration.ofDays(30)))).isZero();
    assertThat(outbox.purge(T0.plus(Duration.ofDays(30)).plusSeconds(1))).isEqualTo(1);
    OutboxEntry old = outbox.find("rem-old").orElseThrow();
    assertThat(old.phone()).isNull();
    assertThat(old.text()).isNull();
    assertThat(old.status()).isEqualTo(SmsStatus.SENT);
    assertThat(old.gatewayMessageId()).isEqualTo("gw-1");
    assertThat(outbox.find("rem-recent").orElseThrow().text()).isNotNull();
    assertThat(outbox.find("rem-pending").orElseThrow().text()).isNotNull();
    // Nothing of the citizen is left in the file's row.
    long withPhone =
        db.read(
            c -> {
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT COUNT(*) FROM sms_outbox WHERE id = 'rem-old'"
                              + " AND (phone IS NOT NULL OR text IS NOT NULL)");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
    assertThat(withPhone).isZero();
    assertThat(outbox.purge(T0.plus(Duration.ofDays(40)))).isEqualTo(1); // rem-recent now
  }

  @Test
  void recentIsNewestFirstAndFiltersByStatus() {
    enqueue(sms("rem-1", PHONE, "reminder", T0));
    clock.advance(Duration.ofSeconds(1));
    enqueue(sms("rem-2", PHONE, "reminder", T0));
    clock.advance(Duration.ofSeconds(1));
    enqueue(sms("rem-3", PHONE, "reminder", T0));
    db.inTransaction(c -> outbox.cancel(c, "rem-2"));
    assertThat(outbox.recent(null, 10))
        .extracting(OutboxEntry::id)
        .containsExactly("rem-3", "rem-2", "rem-1");
    assertThat(outbox.recent(null, 2))
        .extracting(OutboxEntry::id)
        .containsExactly("rem-3", "rem-2");
    assertThat(outbox.recent(SmsStatus.CANCELLED, 10))
        .extracting(OutboxEntry::id)
        .containsExactly("rem-2");
    assertThat(outbox.counts())
        .containsEntry(SmsStatus.SCHEDULED, 2L)
        .containsEntry(SmsStatus.CANCELLED, 1L)
        .containsEntry(SmsStatus.SENT, 0L);
  }

  private static OutgoingSms code(String id) {
    return new OutgoingSms(
        id, PHONE, "Tu código: 123456", T0, T0.plus(Duration.ofMinutes(10)), "otp", id, true);
  }

  private String text(String id) {
    return outbox.find(id).orElseThrow().text();
  }

  @Test
  void aSecretsTextIsErasedWhenItsMessageEndsOrItsValidityDoes() {
    for (String id : List.of("c-sent", "c-kept", "c-failed", "c-cancel", "c-expired")) {
      enqueue(code(id));
    }
    enqueue(sms("rem-1", PHONE, "reminder", T0));
    assertThat(outbox.find("c-sent").orElseThrow().secret()).isTrue();
    assertThat(outbox.find("rem-1").orElseThrow().secret()).isFalse();

    outbox.markSent("c-sent", "gw-1", true);
    outbox.markSent("c-kept", "log-c-kept", false);
    outbox.markSent("rem-1", "gw-2", true);
    outbox.markFinal("c-failed", SmsStatus.FAILED, "rejected");
    db.inTransaction(c -> outbox.cancel(c, "c-cancel"));
    assertThat(text("c-sent")).isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    assertThat(text("c-failed")).isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    assertThat(text("c-cancel")).isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    assertThat(text("c-kept")).isEqualTo("Tu código: 123456");
    assertThat(text("c-expired")).isEqualTo("Tu código: 123456");
    assertThat(text("rem-1")).isEqualTo("Cita mañana 9:30");

    // Its validity over: a still scheduled code is skipped and erased, a sent one erased.
    Instant later = T0.plus(Duration.ofMinutes(11));
    clock.set(later);
    assertThat(outbox.endExpired(later)).isEqualTo(1);
    assertThat(outbox.find("c-expired").orElseThrow().status()).isEqualTo(SmsStatus.SKIPPED);
    assertThat(text("c-expired")).isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    assertThat(text("c-kept")).isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    assertThat(text("rem-1")).isEqualTo("Cita mañana 9:30");
  }
}
