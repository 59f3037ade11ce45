package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vecino.server.testing.ApiClient.json;
import static org.vecino.server.testing.ApiClient.problem;
import static org.vecino.server.testing.ApiClient.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.config.ReminderSettings;
import org.vecino.server.sms.outbox.OutboxEntry;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.testing.ApiClient;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.OfficeHttp;
import org.vecino.server.testing.OutboxReader;
import org.vecino.server.testing.TestServer;

/**
 * {@code PUT/GET/DELETE /api/v1/appointments/{externalId}} on a real server (now: Monday 30
 * November 2026, 10:00 in Madrid): creation and replacement, idempotency, moves, cancellation,
 * landlines, late bookings, validation, masking and roles. Reminders are asserted on what was put
 * in the SMS outbox.
 */
class AppointmentApiIntegrationTest {
  private static final String PHONE = "+34600111222";
  private static final String FIRST = "+34600111999";
  private static MosquittoBroker broker;
  private static TestServer server;
  private static OutboxReader outbox;
  private static ApiClient api;
  private static String scheduler;
  private static String kiosk;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    broker = MosquittoBroker.create().start();
    server =
        TestServer.start(dir, broker.url(), ReminderSettings.defaults(), TestServer.MONDAY_10AM);
    outbox = new OutboxReader(server);
    api = new ApiClient(server);
    scheduler = api.issue("health system", "scheduler");
    kiosk = api.issue("kiosk 1", "kiosk");
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
  }

  @BeforeEach
  void resetClock() {
    server.clock().set(TestServer.MONDAY_10AM);
  }

  private static Map<String, Object> body(String phone, String startsAt, String place) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phone", phone);
    m.put("startsAt", startsAt);
    m.put("place", place);
    m.put("kind", "medical");
    m.put("language", "es");
    return m;
  }

  private static HttpResponse<String> put(String id, Map<String, Object> body) {
    return api.call("PUT", "/api/v1/appointments/" + id, scheduler, write(body));
  }

  private static List<String> reminders(JsonNode a, String field) {
    List<String> out = new ArrayList<>();
    a.get("reminders").forEach(r -> out.add(r.get(field).asText()));
    return out;
  }

  @Test
  void aNewAppointmentIs201WithItsRemindersAndTheSamePutIs200AndChangesNothing() {
    Map<String, Object> body =
        body("600 111 999", "2026-12-01T12:30:00+01:00", "Centro de Salud Cazoña");
    long dispatcherLooks = server.smsOutbox().dispatcherQueries();
    HttpResponse<String> created = put("a-1", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode a = json(created);
    assertThat(a.get("externalId").asText()).isEqualTo("a-1");
    assertThat(a.get("phone").asText()).isEqualTo("+34*****1999");
    assertThat(created.body()).doesNotContain("600111999").doesNotContain("600 111 999");
    assertThat(a.get("startsAt").asText()).isEqualTo("2026-12-01T12:30:00+01:00");
    assertThat(a.get("status").asText()).isEqualTo("booked");
    assertThat(reminders(a, "dueAt"))
        .containsExactly("2026-11-30T12:30:00+01:00", "2026-12-01T10:30:00+01:00");
    assertThat(reminders(a, "status")).containsExactly("scheduled", "scheduled");

    List<OutboxEntry> sms = outbox.to(FIRST, "reminder");
    assertThat(sms).hasSize(2);
    assertThat(sms)
        .allSatisfy(m -> assertThat(m.notAfter()).isEqualTo(Instant.parse("2026-12-01T11:30:00Z")));
    assertThat(sms.get(0).id()).startsWith("rem-");
    assertThat(sms.get(0).refId()).isEqualTo(sms.get(0).id());
    assertThat(sms.get(0).dueAt()).isEqualTo(Instant.parse("2026-11-30T11:30:00Z"));
    assertThat(sms.get(0).text())
        .contains("martes 1 de diciembre a las 12:30")
        .contains("Centro de Salud Cazoña");
    // Enqueued in the booking's transaction, then the dispatcher was woken to look again.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.smsOutbox().dispatcherQueries() > dispatcherLooks);

    HttpResponse<String> again = put("a-1", body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("reminders")).isEqualTo(a.get("reminders"));
    assertThat(outbox.to(FIRST, "reminder")).hasSize(2);
    assertThat(json(api.call("GET", "/api/v1/appointments/a-1", scheduler, null)))
        .isEqualTo(json(again));
    // The appointment is its scheduler token's: even the admin token does not reach it.
    problem(server.getAsAdmin("/api/v1/appointments/a-1"), 404);
  }

  @Test
  void englishAndMunicipalTextsAreRenderedInTheirLanguage() {
    Map<String, Object> body = body("+34600111333", "2026-12-02T12:30:00+01:00", "City Hall");
    body.put("kind", "municipal");
    body.put("language", "en");
    assertThat(put("a-en", body).statusCode()).isEqualTo(201);
    assertThat(outbox.to("+34600111333", "reminder"))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.text()).contains("Wednesday 2 December at 12:30"));
  }

  @Test
  void aMoveRecomputesPendingRemindersAndTellsTheCitizenWhenOneWasSent() {
    String phone = "+34600222333";
    assertThat(put("a-move", body(phone, "2026-12-01T12:30:00+01:00", "Cazoña")).statusCode())
        .isEqualTo(201);
    List<OutboxEntry> first = outbox.to(phone, "reminder");
    assertThat(first).hasSize(2);
    // The 24 h reminder goes out.
    server.clock().set(first.get(0).dueAt());
    outbox.markSent(first.get(0).id());

    HttpResponse<String> moved = put("a-move", body(phone, "2026-12-03T10:00:00+01:00", "Cazoña"));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    JsonNode a = json(moved);
    assertThat(a.get("startsAt").asText()).isEqualTo("2026-12-03T10:00:00+01:00");
    assertThat(a.get("status").asText()).isEqualTo("booked");
    // The sent one stays (history); the pending one is cancelled and replaced.
    assertThat(outbox.status(first.get(0).id())).isEqualTo(SmsStatus.SENT);
    assertThat(outbox.status(first.get(1).id())).isEqualTo(SmsStatus.CANCELLED);
    assertThat(reminders(a, "dueAt"))
        .containsExactly(
            "2026-11-30T12:30:00+01:00", "2026-12-02T10:00:00+01:00", "2026-12-02T20:59:00+01:00");
    assertThat(reminders(a, "status")).containsExactly("sent", "scheduled", "scheduled");
    List<OutboxEntry> notices = outbox.to(phone, "notice");
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).text()).contains("jueves 3 de diciembre a las 10:00");
    assertThat(notices.get(0).refId()).isEqualTo("a-move");

    // A change of place only is a move too; no reminder sent since: no notice, recomputed.
    HttpResponse<String> place = put("a-move", body(phone, "2026-12-03T10:00:00+01:00", "Vargas"));
    assertThat(json(place).get("place").asText()).isEqualTo("Vargas");
    assertThat(outbox.to(phone, "notice")).hasSize(2);
  }

  @Test
  void aMoveBeforeAnyReminderWasSentSendsNoNotice() {
    String phone = "+34600222444";
    put("a-move2", body(phone, "2026-12-01T12:30:00+01:00", "Cazoña"));
    HttpResponse<String> moved = put("a-move2", body(phone, "2026-12-04T12:30:00+01:00", "Cazoña"));
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(outbox.to(phone, "notice")).isEmpty();
    assertThat(outbox.to(phone, "reminder")).hasSize(4);
    assertThat(
            outbox.to(phone, "reminder").stream()
                .filter(m -> outbox.status(m.id()) == SmsStatus.SCHEDULED))
        .extracting(OutboxEntry::dueAt)
        .containsExactly(
            OffsetDateTime.parse("2026-12-03T12:30:00+01:00").toInstant(),
            OffsetDateTime.parse("2026-12-04T10:30:00+01:00").toInstant());
  }

  @Test
  void deleteCancelsTheAppointmentAndItsPendingReminders() {
    String phone = "+34600333444";
    put("a-del", body(phone, "2026-12-01T12:30:00+01:00", "Cazoña"));
    HttpResponse<String> deleted =
        api.call("DELETE", "/api/v1/appointments/a-del", scheduler, null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    JsonNode a = json(deleted);
    assertThat(a.get("status").asText()).isEqualTo("cancelledBySystem");
    assertThat(reminders(a, "status")).containsExactly("cancelled", "cancelled");
    assertThat(outbox.to(phone, "reminder"))
        .allSatisfy(m -> assertThat(outbox.status(m.id())).isEqualTo(SmsStatus.CANCELLED));
    assertThat(outbox.to(phone, "notice")).isEmpty();
    // Repeating is harmless; a PUT books it again.
    assertThat(api.call("DELETE", "/api/v1/appointments/a-del", scheduler, null).statusCode())
        .isEqualTo(200);
    JsonNode again = json(put("a-del", body(phone, "2026-12-01T12:30:00+01:00", "Cazoña")));
    assertThat(again.get("status").asText()).isEqualTo("booked");
    assertThat(reminders(again, "status")).containsExactly("scheduled", "scheduled");
  }

  @Test
  void unknownAppointmentsAre404Problems() {
    problem(api.call("GET", "/api/v1/appointments/nope", scheduler, null), 404);
    problem(api.call("DELETE", "/api/v1/appointments/nope", scheduler, null), 404);
  }

  @Test
  void aLandlineIsAcceptedWithItsRemindersSkipped() {
    HttpResponse<String> r =
        put("a-land", body("942 123 456", "2026-12-01T12:30:00+01:00", "Cazoña"));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode a = json(r);
    assertThat(a.get("phone").asText()).isEqualTo("+34*****3456");
    assertThat(reminders(a, "status")).containsExactly("skipped", "skipped");
    assertThat(reminders(a, "skipReason")).containsExactly("landline", "landline");
    assertThat(outbox.all()).noneMatch(m -> "+34942123456".equals(m.phone()));
  }

  @Test
  void aLateBookingGetsOneReminderAtOnce() {
    String phone = "+34600444555";
    JsonNode a = json(put("a-late", body(phone, "2026-11-30T11:15:00+01:00", "Cazoña")));
    assertThat(reminders(a, "status")).containsExactly("skipped", "skipped", "scheduled");
    assertThat(reminders(a, "dueAt").get(2)).isEqualTo("2026-11-30T10:00:00+01:00");
    assertThat(outbox.to(phone, "reminder"))
        .singleElement()
        .satisfies(m -> assertThat(m.dueAt()).isEqualTo(TestServer.MONDAY_10AM));
  }

  @Test
  void invalidInputsAreValidationProblemsNamingEveryField() {
    JsonNode p = problem(api.call("PUT", "/api/v1/appointments/a-bad", scheduler, "{}"), 400);
    List<String> fields = new ArrayList<>();
    p.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("phone", "startsAt", "place", "kind");

    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("phone", "12345");
    bad.put("startsAt", "2026-11-29T09:00:00+01:00");
    bad.put("place", "   ");
    bad.put("kind", "dental");
    bad.put("language", "fr");
    p = problem(put("a-bad", bad), 400);
    fields.clear();
    p.get("errors")
        .forEach(e -> fields.add(e.get("field").asText() + ": " + e.get("message").asText()));
    assertThat(fields)
        .anySatisfy(f -> assertThat(f).startsWith("phone: is not a valid phone number"))
        .contains(
            "place: is required",
            "kind: must be medical or municipal",
            "language: must be es or en");

    JsonNode past = problem(put("a-bad", body(PHONE, "2026-11-29T09:00:00+01:00", "x")), 400);
    assertThat(past.get("detail").asText()).isEqualTo("startsAt: must be in the future");
    bad.put("phone", PHONE);
    bad.put("startsAt", "2026-12-01 09:30");
    assertThat(problem(put("a-bad", bad), 400).get("detail").asText()).isNotEmpty();
    problem(api.call("PUT", "/api/v1/appointments/a-bad", scheduler, "not json"), 400);
    problem(api.call("PUT", "/api/v1/appointments/a-bad", scheduler, "[1]"), 400);
    Map<String, Object> wrongType = body(PHONE, "2026-12-01T12:30:00+01:00", "x");
    wrongType.put("phone", 600111222);
    assertThat(problem(put("a-bad", wrongType), 400).get("errors").get(0).get("message").asText())
        .isEqualTo("must be a string");
    JsonNode idProblem =
        problem(put("a%20bad", body(PHONE, "2026-12-01T12:30:00+01:00", "x")), 400);
    assertThat(idProblem.get("errors").get(0).get("field").asText()).isEqualTo("externalId");
    problem(put("x".repeat(101), body(PHONE, "2026-12-01T12:30:00+01:00", "x")), 400);
    // Nothing was stored.
    problem(api.call("GET", "/api/v1/appointments/a-bad", scheduler, null), 404);
  }

  @Test
  void onlyTheSchedulerRoleMayUseAppointments() {
    String body = write(body(PHONE, "2026-12-01T12:30:00+01:00", "Cazoña"));
    HttpResponse<String> none = api.call("PUT", "/api/v1/appointments/a-role", null, body);
    problem(none, 401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    problem(api.call("PUT", "/api/v1/appointments/a-role", "wrong-token-0123456789", body), 401);
    problem(api.call("PUT", "/api/v1/appointments/a-role", kiosk, body), 403);
    problem(api.call("GET", "/api/v1/appointments/a-role", kiosk, null), 403);
    problem(api.call("DELETE", "/api/v1/appointments/a-role", null, null), 401);
    problem(api.call("GET", "/api/v1/appointments/a-role", scheduler, null), 404);
    assertThat(
            api.call("PUT", "/api/v1/appointments/a-role", TestServer.ADMIN_TOKEN, body)
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void logLinesShowThePhoneMasked() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      put("a-log", body("600 777 777", "2026-12-01T12:30:00+01:00", "Cazoña"));
      put("a-log", body("600 777 777", "2026-12-02T12:30:00+01:00", "Cazoña"));
      api.call("DELETE", "/api/v1/appointments/a-log", scheduler, null);
    } finally {
      root.detachAppender(logs);
    }
    List<String> lines =
        logs.list.stream()
            .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(lines)
        .filteredOn(l -> l.contains("a-log"))
        .hasSize(3)
        .allSatisfy(l -> assertThat(l).contains("+34*****7777"));
    assertThat(lines).noneMatch(l -> l.contains("600777777") || l.contains("600 777 777"));
  }

  @Test
  void metricsCountAppointmentsAndReminders() {
    put("a-metrics", body("+34600888888", "2026-12-01T12:30:00+01:00", "Cazoña"));
    String metrics = server.get("/metrics").body();
    assertThat(metrics)
        .containsPattern("vecino_appointments\\{status=\"booked\"\\} [1-9]")
        .containsPattern("vecino_reminders\\{state=\"planned\"\\} [1-9]")
        .contains("vecino_appointments{status=\"cancelledBySystem\"}");
  }

  @Test
  void repeatingAPutAfterTheAppointmentBeganIsStillHarmless() {
    String phone = "+34600999111";
    Map<String, Object> b = body(phone, "2026-11-30T12:00:00+01:00", "Cazoña");
    assertThat(put("a-began", b).statusCode()).isEqualTo(201);
    server.clock().set(java.time.Instant.parse("2026-11-30T11:05:00Z"));
    HttpResponse<String> again = put("a-began", b);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    // But moving it into the past is refused.
    JsonNode p = problem(put("a-began", body(phone, "2026-11-30T11:30:00+01:00", "Cazoña")), 400);
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("startsAt");
    assertThat(json(put("a-began", b)).get("startsAt").asText())
        .isEqualTo("2026-11-30T12:00:00+01:00");
  }

  @Test
  void eachTokenReachesOnlyItsOwnAppointmentsAndNeverTheOfficesBookings() {
    String other = api.issue("other scheduler", "scheduler");
    Map<String, Object> body =
        body("600 111 444", "2026-12-02T12:30:00+01:00", "Centro de Salud Cazoña");
    assertThat(put("own-1", body).statusCode()).isEqualTo(201);

    // Another scheduler token: the id is as if absent, for reading, rewriting and cancelling.
    String path = "/api/v1/appointments/own-1";
    problem(api.call("GET", path, other, null), 404);
    Map<String, Object> hijack = body("600 999 999", "2026-12-02T12:30:00+01:00", "Elsewhere");
    problem(api.call("PUT", path, other, write(hijack)), 404);
    problem(api.call("DELETE", path, other, null), 404);
    JsonNode mine = json(api.call("GET", path, scheduler, null));
    assertThat(mine.get("phone").asText()).isEqualTo("+34*****1444");
    assertThat(mine.get("place").asText()).isEqualTo("Centro de Salud Cazoña");
    assertThat(mine.get("status").asText()).isEqualTo("booked");

    // An office booking is the office's: no scheduler token reaches it, nor the admin's.
    OfficeHttp office = new OfficeHttp(server);
    String session = office.session("600111555");
    HttpResponse<String> booked =
        office.post(
            "/api/v1/office/bookings",
            "{\"officeId\":\"of-cazona\",\"procedureId\":\"padron-registration\","
                + "\"start\":\"2026-12-01T09:30:00+01:00\"}",
            OfficeHttp.bearer(session));
    assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
    String officePath = "/api/v1/appointments/office-" + json(booked).get("id").asText();
    for (String token : List.of(scheduler, other, TestServer.ADMIN_TOKEN)) {
      problem(api.call("GET", officePath, token, null), 404);
      problem(api.call("PUT", officePath, token, write(hijack)), 404);
      problem(api.call("DELETE", officePath, token, null), 404);
    }
    assertThat(outbox.to("+34600999999", "notice")).isEmpty();
    // Nor can a token take an office-looking id for itself.
    problem(api.call("PUT", "/api/v1/appointments/office-bk-new", scheduler, write(body)), 404);
    // The booking is untouched: still listed for its citizen at the kiosk.
    HttpResponse<String> list =
        office.get("/api/v1/office/my/appointments", OfficeHttp.bearer(session));
    assertThat(list.body()).contains(json(booked).get("id").asText()).contains("booked");
  }
}
