package org.vecino.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.office.RequestStatus;
import org.vecino.core.reminders.ReminderPolicy;
import org.vecino.core.testing.MutableClock;
import org.vecino.server.db.Database;
import org.vecino.server.db.DbInstants;
import org.vecino.server.json.Json;
import org.vecino.server.office.OfficeRepository;
import org.vecino.server.office.ServiceRequestRepository;
import org.vecino.server.office.StoredRequest;
import org.vecino.server.reminders.AppointmentRepository;
import org.vecino.server.reminders.ReminderService;
import org.vecino.server.reminders.SchedulerWebhook;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.testing.Repo;

/**
 * Every retention rule on a real SQLite file, driven across its boundary by a hand-set clock: a
 * minute before, the row is intact; a minute after, its personal data is gone and what is anonymous
 * remains. The steps are the parts' own ({@code purgeSteps()}), as {@code Vecino} wires them.
 */
class PrivacyPurgeTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final Duration RETENTION = Duration.ofDays(30);

  /** The event every row below is dated from. */
  private static final Instant EVENT = Instant.parse("2026-03-02T09:00:00Z");

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir Path dir;
  private Database db;
  private MutableClock clock;
  private PrivacyPurge purge;
  private ServiceRequestRepository requests;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("vecino.db"));
    clock = new MutableClock(EVENT, MADRID);
    SqlSmsOutbox outbox = new SqlSmsOutbox(db, clock, RETENTION);
    AppointmentRepository appointments = new AppointmentRepository();
    ReminderService reminders =
        new ReminderService(
            db,
            appointments,
            outbox,
            SmsTexts.load(Repo.smsTemplates(), true),
            ReminderPolicy.standard(MADRID),
            new SchedulerWebhook(null, null, db, appointments, Json.newMapper(), clock, MADRID),
            RETENTION,
            clock);
    requests = new ServiceRequestRepository(db);
    purge =
        new PrivacyPurge(
            RetentionRules.of(RETENTION),
            PrivacyPurge.steps(
                outbox.purgeSteps(),
                reminders.purgeSteps(),
                new OfficeRepository(db).purgeSteps(),
                requests.purgeSteps()),
            clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void smsOutboxPhoneAndTextBlankedThirtyDaysAfterTheMessageEnded() {
    sql(
        "INSERT INTO sms_outbox (id, phone, text, encoding, segments, purpose, due_at, not_after,"
            + " status, next_attempt_at, created_at, updated_at) VALUES ('sms-1', '+34600000001',"
            + " 'Hola', 'GSM7', 1, 'reminder', ?1, ?1, 'sent', ?1, ?1, ?1)",
        EVENT);

    across(
        RETENTION,
        () ->
            assertThat(row("SELECT phone, text, status FROM sms_outbox"))
                .containsExactly("+34600000001", "Hola", "sent"),
        () ->
            assertThat(row("SELECT phone, text, status FROM sms_outbox"))
                .containsExactly(null, null, "sent"));
  }

  @Test
  void appointmentsAndTheirRemindersDeletedThirtyDaysAfterTheStart() {
    sql(
        "INSERT INTO appointments (external_id, phone, phone_hash, mobile, starts_at, place, kind,"
            + " language, status, created_at, updated_at) VALUES ('a-1', '+34600000001', 'h', 1,"
            + " ?1, 'Cazoña', 'medical', 'es', 'booked', ?1, ?1)",
        EVENT);
    sql(
        "INSERT INTO reminders (id, external_id, due_at, status, created_at)"
            + " VALUES ('r-1', 'a-1', ?1, 'skipped', ?1)",
        EVENT);

    across(
        RETENTION,
        () -> assertThat(count("appointments") + count("reminders")).isEqualTo(2),
        () -> assertThat(count("appointments") + count("reminders")).isZero());
  }

  @Test
  void repliesAndFinishedWebhookEventsDeletedThirtyDaysAfterThem() {
    sql(
        "INSERT INTO sms_inbound (message_id, phone_hash, command, answered, received_at)"
            + " VALUES ('m-1', 'h', 'SI', 1, ?1)",
        EVENT);
    sql(
        "INSERT INTO scheduler_events (id, type, external_id, at, status, next_attempt_at)"
            + " VALUES ('e-sent', 'confirmed', 'a-1', ?1, 'sent', ?1),"
            + " ('e-pending', 'confirmed', 'a-1', ?1, 'pending', ?1)",
        EVENT);

    across(
        RETENTION,
        () -> assertThat(count("sms_inbound") + count("scheduler_events")).isEqualTo(3),
        () -> {
          assertThat(count("sms_inbound")).isZero();
          assertThat(column("SELECT id FROM scheduler_events")).containsExactly("e-pending");
        });
  }

  @Test
  void optOutsAreKeptWhileOptedOut() {
    sql("INSERT INTO sms_opt_outs (phone_hash, opted_out_at) VALUES ('h', ?1)", EVENT);
    clock.set(EVENT.plus(Duration.ofDays(3650)));
    purge.run();
    assertThat(count("sms_opt_outs")).isEqualTo(1);
  }

  @Test
  void oneTimeCodesDeletedADayAfterTheyExpire() {
    sql(
        "INSERT INTO office_otp_codes (otp_id, phone, code_hash, created_at, expires_at,"
            + " tries_left) VALUES ('otp-1', '+34600000001', X'00', ?1, ?1, 3)",
        EVENT);

    across(
        RetentionRules.AFTER_EXPIRY,
        () -> assertThat(count("office_otp_codes")).isEqualTo(1),
        () -> assertThat(count("office_otp_codes")).isZero());
  }

  @Test
  void sessionsDeletedADayAfterTheyExpireOrEnd() {
    sql(
        "INSERT INTO citizen_sessions (session_id, token_hash, phone, created_at, expires_at,"
            + " ended_at) VALUES ('s-expired', X'01', '+34600000001', ?1, ?1, NULL)",
        EVENT);
    sql(
        "INSERT INTO citizen_sessions (session_id, token_hash, phone, created_at, expires_at,"
            + " ended_at) VALUES ('s-ended', X'02', '+34600000002', ?1, ?2, ?1)",
        EVENT,
        EVENT.plus(Duration.ofMinutes(10)));

    across(
        RetentionRules.AFTER_EXPIRY,
        () -> assertThat(count("citizen_sessions")).isEqualTo(2),
        () -> assertThat(count("citizen_sessions")).isZero());
  }

  @Test
  void rateEventsDeletedADayAfterThem() {
    sql(
        "INSERT INTO office_rate_events (scope, subject, at)"
            + " VALUES ('sms-phone', '+34600000001', ?1)",
        EVENT);

    across(
        RetentionRules.RATE_EVENTS,
        () -> assertThat(count("office_rate_events")).isEqualTo(1),
        () -> assertThat(count("office_rate_events")).isZero());
  }

  @Test
  void bookingsDeletedThirtyDaysAfterTheSlotWhileTheAnonymousCountsStay() {
    Instant slotStart = EVENT.minus(Duration.ofMinutes(15));
    sql(
        "INSERT INTO office_slot_counts (office_id, procedure_id, slot_start, booked, capacity)"
            + " VALUES ('o', 'p', ?1, 1, 2)",
        slotStart);
    sql(
        "INSERT INTO office_bookings (booking_id, office_id, procedure_id, slot_start, slot_end,"
            + " phone, lang, status, created_at) VALUES ('bk-1', 'o', 'p', ?1, ?2,"
            + " '+34600000001', 'es', 'booked', ?1)",
        slotStart,
        EVENT);

    across(
        RETENTION,
        () -> assertThat(count("office_bookings")).isEqualTo(1),
        () -> {
          assertThat(count("office_bookings")).isZero();
          assertThat(count("office_slot_counts")).isEqualTo(1);
        });
  }

  @Test
  void closedRequestsLosePersonalDataNinetyDaysAfterClosingButStayForOpen311() {
    request("sr-1", "closed", 43.46, -3.80, "Calle Alta 5, 2º B");
    request("sr-2", "closed", null, null, "Calle Baja 7");

    across(
        RetentionRules.CLOSED_REQUEST,
        () ->
            assertThat(personal("sr-1"))
                .containsExactly(
                    "Farola rota delante de mi portal",
                    "Calle Alta 5, 2º B",
                    "+34600000001",
                    "ana@example.org",
                    "Ana",
                    "López",
                    "dev-1",
                    "acc-1",
                    "https://example.org/p.jpg",
                    "{\"piso\":\"2B\"}"),
        () -> {
          assertThat(personal("sr-1")).containsOnly(null, "{}");
          assertAnonymous("sr-1", RequestStatus.CLOSED);
          // Without a location the address is replaced (a request needs a place), never kept.
          assertThat(personal("sr-2").get(1)).isEqualTo(ServiceRequestRepository.REDACTED_ADDRESS);
          assertThat(requests.find("sr-2")).isPresent();
        });
    // Blanked once: a later run finds nothing left to blank.
    assertThat(purge.run()).containsEntry(RetentionRules.SERVICE_REQUESTS_CLOSED, 0);
  }

  @Test
  void openRequestsLosePersonalDataAYearAfterTheirLastUpdate() {
    request("sr-open", "open", 43.46, -3.80, "Calle Alta 5");

    across(
        RetentionRules.STALE_OPEN_REQUEST,
        () -> assertThat(personal("sr-open").get(2)).isEqualTo("+34600000001"),
        () -> {
          assertThat(personal("sr-open")).containsOnly(null, "{}");
          assertAnonymous("sr-open", RequestStatus.OPEN);
        });
  }

  @Test
  void aRuleWithoutAStepOrAStepWithoutARuleIsRefused() {
    List<RetentionRule> rules = RetentionRules.of(RETENTION);
    assertThatThrownBy(() -> new PrivacyPurge(rules, Map.of(), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(RetentionRules.OFFICE_OTP_CODES);
    assertThatThrownBy(
            () ->
                PrivacyPurge.steps(
                    Map.of(RetentionRules.SMS_OUTBOX, before -> 0),
                    Map.of(RetentionRules.SMS_OUTBOX, before -> 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Runs the purge a minute before {@code EVENT + keptFor}, then checks {@code intact}; runs it a
   * minute after, then checks {@code gone}.
   */
  private void across(Duration keptFor, Runnable intact, Runnable gone) {
    Instant boundary = EVENT.plus(keptFor);
    clock.set(boundary.minus(MINUTE));
    purge.run();
    intact.run();
    clock.set(boundary.plus(MINUTE));
    purge.run();
    gone.run();
  }

  /** A request filed a week before {@code EVENT} and last updated (or closed) at it. */
  private void request(String id, String status, Double lat, Double lon, String address) {
    sql(
        "INSERT INTO service_requests (request_id, seq, token, service_code, description, lat,"
            + " lon, address, attributes, phone, lang, status, status_notes, source, email,"
            + " first_name, last_name, device_id, account_id, media_url, requested_at,"
            + " updated_at) VALUES (?3, (SELECT COALESCE(MAX(seq), 1000) + 1 FROM"
            + " service_requests), ?3, 'streetlight', 'Farola rota delante de mi portal', ?4,"
            + " ?5, ?6, '{\"piso\":\"2B\"}', '+34600000001', 'es', ?7, 'Arreglada', 'kiosk',"
            + " 'ana@example.org', 'Ana', 'López', 'dev-1', 'acc-1', 'https://example.org/p.jpg',"
            + " ?1, ?2)",
        EVENT.minus(Duration.ofDays(7)),
        EVENT,
        id,
        lat,
        lon,
        address,
        status);
  }

  /** The personal columns of a request, in the order of the rule. */
  private List<String> personal(String id) {
    return row(
        "SELECT description, address, phone, email, first_name, last_name, device_id,"
            + " account_id, media_url, attributes FROM service_requests WHERE request_id = ?1",
        id);
  }

  /** What Open311 statistics keep: id, service code, status, notes, location and both dates. */
  private void assertAnonymous(String id, RequestStatus status) {
    StoredRequest r = requests.find(id).orElseThrow();
    assertThat(r.request().serviceCode()).isEqualTo("streetlight");
    assertThat(r.request().status()).isEqualTo(status);
    assertThat(r.request().statusNotes()).isEqualTo("Arreglada");
    assertThat(r.request().location()).isNotNull();
    assertThat(r.request().requestedAt()).isEqualTo(EVENT.minus(Duration.ofDays(7)));
    assertThat(r.request().updatedAt()).isEqualTo(EVENT);
    assertThat(r.request().phone()).isNull();
    assertThat(r.mediaUrl()).isNull();
  }

  private void sql(String sql, Object... args) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
          }
        });
  }

  private List<String> row(String sql, Object... args) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              assertThat(rs.next()).as("a row for %s", sql).isTrue();
              List<String> out = new ArrayList<>();
              for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getString(i));
              }
              return out;
            }
          }
        });
  }

  private List<String> column(String sql) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
              out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  private int count(String table) {
    return Integer.parseInt(row("SELECT COUNT(*) FROM " + table).get(0));
  }

  private static void bind(PreparedStatement ps, Object... args) throws java.sql.SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      ps.setObject(i + 1, a instanceof Instant t ? DbInstants.format(t) : a);
    }
  }
}
