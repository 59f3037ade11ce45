package org.vecino.server.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.reminders.Appointment;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.core.reminders.ReminderPolicy;
import org.vecino.core.testing.MutableClock;
import org.vecino.server.db.Database;
import org.vecino.server.json.Json;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.testing.OutboxReader;
import org.vecino.server.testing.Repo;

/**
 * The reminder service on a real SQLite file with a hand-set clock: the privacy purge, the kiosk's
 * upcoming list, and planning across the October 2026 daylight-saving change.
 */
class ReminderServiceTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  @TempDir Path dir;
  private Database db;
  private MutableClock clock;
  private OutboxReader outbox;
  private ReminderService service;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("vecino.db"));
    clock = new MutableClock(Instant.parse("2026-10-20T08:00:00Z"), MADRID);
    SqlSmsOutbox durable = new SqlSmsOutbox(db, clock, Duration.ofDays(30));
    outbox = new OutboxReader(durable);
    AppointmentRepository repo = new AppointmentRepository();
    service =
        new ReminderService(
            db,
            repo,
            durable,
            SmsTexts.load(Repo.smsTemplates(), true),
            ReminderPolicy.standard(MADRID),
            new SchedulerWebhook(null, null, db, repo, Json.newMapper(), clock, MADRID),
            Duration.ofDays(30),
            clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Appointment appointment(String id, String phone, String startsAt) {
    return new Appointment(
        id,
        PhoneNumber.parse(phone),
        OffsetDateTime.parse(startsAt).toInstant(),
        "Cazoña",
        AppointmentKind.MEDICAL,
        Lang.ES,
        AppointmentStatus.BOOKED);
  }

  private int rows(String table) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  @Test
  void personalDataIsDeletedThirtyDaysAfterTheAppointment() {
    service.put(appointment("p-old", "+34633000001", "2026-10-26T10:00:00+01:00"));
    service.put(appointment("p-new", "+34633000002", "2026-10-28T10:00:00+01:00"));
    service.inbound("m-1", PhoneNumber.parse("+34633000001"), "SI");
    assertThat(rows("reminders")).isEqualTo(4);

    clock.set(OffsetDateTime.parse("2026-11-25T09:59:00+01:00").toInstant());
    assertThat(service.purge()).isZero();
    assertThat(service.get("p-old").status()).isEqualTo("confirmed");

    clock.set(OffsetDateTime.parse("2026-11-25T10:01:00+01:00").toInstant());
    assertThat(service.purge()).isEqualTo(1);
    assertThatThrownBy(() -> service.get("p-old")).isInstanceOf(NotFoundException.class);
    assertThat(service.get("p-new").externalId()).isEqualTo("p-new");
    assertThat(rows("reminders")).isEqualTo(2);
    assertThat(rows("sms_inbound")).isZero();
    // Nothing left that holds the phone in clear.
    String phones =
        db.read(
            c -> {
              try (PreparedStatement ps =
                      c.prepareStatement("SELECT group_concat(phone) FROM appointments");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
              }
            });
    assertThat(phones).isEqualTo("+34633000002");
  }

  @Test
  void wholeDayRemindersKeepTheClockTimeAcrossTheOctoberChange() {
    // Monday 26 October 2026 10:00 CET; the clocks went back on Sunday 25.
    var v = service.put(appointment("dst", "+34633000003", "2026-10-26T10:00:00+01:00"));
    assertThat(v.created()).isTrue();
    assertThat(v.appointment().reminders())
        .extracting(AppointmentView.ReminderView::dueAt)
        .containsExactly("2026-10-25T10:00:00+01:00", "2026-10-25T20:59:00+01:00");
    assertThat(outbox.all().get(0).dueAt()).isEqualTo(Instant.parse("2026-10-25T09:00:00Z"));
  }

  @Test
  void theKioskSeesTheComingAppointmentsOfAPhone() {
    service.put(appointment("k-2", "+34633000004", "2026-10-30T10:00:00+01:00"));
    service.put(appointment("k-1", "+34633000004", "2026-10-22T10:00:00+02:00"));
    service.put(appointment("k-x", "+34633000005", "2026-10-22T10:00:00+02:00"));
    service.cancel("k-2");
    List<UpcomingAppointment> up = service.upcomingFor(PhoneNumber.parse("633 000 004"));
    assertThat(up).extracting(UpcomingAppointment::externalId).containsExactly("k-1");
    clock.set(Instant.parse("2026-10-22T09:00:00Z"));
    assertThat(service.upcomingFor(PhoneNumber.parse("633 000 004"))).isEmpty();
  }

  @Test
  void theSimulatorsDemoAppointmentsAreBookedOnce() {
    ReminderJobs.bookDemoAppointments(service, clock, MADRID);
    ReminderJobs.bookDemoAppointments(service, clock, MADRID);
    assertThat(service.get("demo-1").phone()).isEqualTo("+34*****0001");
    assertThat(service.get("demo-3").language()).isEqualTo("en");
    assertThat(outbox.all()).filteredOn(m -> m.purpose().equals("reminder")).isNotEmpty();
    assertThat(rows("appointments")).isEqualTo(3);
  }
}
