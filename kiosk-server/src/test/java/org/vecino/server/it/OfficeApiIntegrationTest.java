package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vecino.server.testing.OfficeHttp.bearer;
import static org.vecino.server.testing.OfficeHttp.json;
import static org.vecino.server.testing.OfficeHttp.kiosk;
import static org.vecino.server.testing.OfficeHttp.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.reminders.AppointmentView;
import org.vecino.server.reminders.AppointmentView.ReminderView;
import org.vecino.server.sms.outbox.OutboxEntry;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.testing.ApiClient;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.OfficeHttp;
import org.vecino.server.testing.OutboxReader;
import org.vecino.server.testing.TestServer;

/**
 * The kiosk's office API end to end on a real server (Monday 30 November 2026, 10:00 in Santander):
 * procedures and offices in both languages, slots, one-time code → session → booking → my
 * appointments → cancel, wrong and expired codes, rate limits.
 */
class OfficeApiIntegrationTest {
  private static final String PHONE = "600111222";
  private static final String E164 = "+34600111222";
  private static final String PADRON = "padron-registration";
  private static final String TUESDAY_9 = "2026-12-01T09:00:00+01:00";

  private static MosquittoBroker broker;
  @TempDir Path dir;
  private TestServer server;
  private OutboxReader outbox;
  private OfficeHttp http;

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.create().start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void start() {
    server = TestServer.start(dir, broker.url());
    outbox = new OutboxReader(server);
    http = new OfficeHttp(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private static String bookingBody(String office, String procedure, String start) {
    return "{\"officeId\":\""
        + office
        + "\",\"procedureId\":\""
        + procedure
        + "\",\"start\":\""
        + start
        + "\"}";
  }

  private List<String> slotStarts(String office, String procedure, String date) {
    JsonNode day =
        ok(
            http.get(
                "/api/v1/office/offices/"
                    + office
                    + "/slots?procedure="
                    + procedure
                    + "&date="
                    + date));
    List<String> out = new ArrayList<>();
    day.get("slots").forEach(s -> out.add(s.get("start").asText() + " " + s.get("free").asInt()));
    return out;
  }

  @Test
  void proceduresAndOfficesInSpanishAndEnglish() {
    JsonNode es = ok(http.get("/api/v1/office/procedures?lang=es"));
    assertThat(es.size()).isGreaterThanOrEqualTo(10);
    JsonNode padron = null;
    for (JsonNode p : es) {
      if (p.get("id").asText().equals(PADRON)) {
        padron = p;
      }
    }
    assertThat(padron).isNotNull();
    assertThat(padron.get("name").asText()).isEqualTo("Alta o cambio de domicilio en el padrón");
    assertThat(padron.get("channel").asText()).isEqualTo("appointment");
    assertThat(padron.get("slotMinutes").asInt()).isEqualTo(15);
    assertThat(padron.get("fee").asText()).isEqualTo("Gratuito");
    assertThat(padron.get("documents").get(0).asText()).startsWith("DNI");

    JsonNode en = ok(http.get("/api/v1/office/procedures/" + PADRON + "?lang=en"));
    assertThat(en.get("name").asText())
        .isEqualTo("Registering or changing your address in the padrón");
    assertThat(en.get("fee").asText()).isEqualTo("Free");
    assertThat(ok(http.get("/api/v1/office/procedures/padron-certificate")).get("channel").asText())
        .isEqualTo("kiosk");
    assertThat(
            ok(http.get("/api/v1/office/procedures/building-works-licence"))
                .get("channel")
                .asText())
        .isEqualTo("townHall");
    problem(http.get("/api/v1/office/procedures/no-such"), 404);
    problem(http.get("/api/v1/office/procedures?lang=fr"), 400);

    JsonNode offices = ok(http.get("/api/v1/office/offices"));
    assertThat(offices).hasSize(3);
    JsonNode cazona = offices.get(0);
    assertThat(cazona.get("id").asText()).isEqualTo("of-cazona");
    assertThat(cazona.get("name").asText()).isEqualTo("Oficina del Vecino Cazoña");
    assertThat(cazona.get("hours").asText())
        .isEqualTo("L-X 9:00-14:00; J 9:00-14:00, 16:00-18:30; V 9:00-14:00");
    assertThat(cazona.at("/location/lat").asDouble()).isEqualTo(43.4535);
    assertThat(ok(http.get("/api/v1/office/offices?lang=en")).get(0).get("hours").asText())
        .startsWith("Mon-Wed 9:00-14:00");
  }

  @Test
  void slotsAreFutureFreeAndOnlyOnOpenDays() {
    // Today, 10:00: the 10:00 slot has started; the first free one is 10:15, with 2 places.
    JsonNode today = ok(http.get("/api/v1/office/offices/of-cazona/slots?procedure=" + PADRON));
    assertThat(today.get("date").asText()).isEqualTo("2026-11-30");
    assertThat(today.get("officeId").asText()).isEqualTo("of-cazona");
    assertThat(today.get("procedureId").asText()).isEqualTo(PADRON);
    assertThat(today.get("slots").get(0).get("start").asText())
        .isEqualTo("2026-11-30T10:15:00+01:00");
    assertThat(today.get("slots").get(0).get("free").asInt()).isEqualTo(2);
    // 10:15 .. 13:45 every 15 minutes.
    assertThat(today.get("slots")).hasSize(15);

    assertThat(slotStarts("of-cazona", PADRON, "2026-12-01"))
        .hasSize(20)
        .first()
        .isEqualTo(TUESDAY_9 + " 2");
    // Thursday has an afternoon span, 16:00-18:30.
    assertThat(slotStarts("of-cazona", PADRON, "2026-12-03"))
        .hasSize(30)
        .contains("2026-12-03T16:00:00+01:00 2");
    assertThat(slotStarts("of-cazona", PADRON, "2026-12-05")).as("Saturday").isEmpty();
    assertThat(slotStarts("of-cazona", PADRON, "2026-12-08")).as("Inmaculada, a holiday").isEmpty();
    assertThat(slotStarts("of-cazona", PADRON, "2026-11-27")).as("past day").isEmpty();

    problem(
        http.get("/api/v1/office/offices/of-cazona/slots?procedure=" + PADRON + "&date=2027-02-01"),
        400);
    problem(
        http.get("/api/v1/office/offices/of-cazona/slots?procedure=" + PADRON + "&date=1-12-2026"),
        400);
    problem(http.get("/api/v1/office/offices/of-cazona/slots?procedure=bulky-waste"), 400);
    problem(http.get("/api/v1/office/offices/of-alisal/slots?procedure=ibi-receipts"), 400);
    problem(http.get("/api/v1/office/offices/of-cazona/slots"), 400);
    problem(http.get("/api/v1/office/offices/of-nowhere/slots?procedure=" + PADRON), 404);
  }

  @Test
  void codeSessionBookMyAppointmentsAndCancel() {
    HttpResponse<String> otp =
        http.post(
            "/api/v1/office/otp?lang=en",
            "{\"phone\":\"" + PHONE + "\"}",
            "X-Kiosk-Id",
            "k-cazona");
    assertThat(otp.statusCode()).as(otp.body()).isEqualTo(202);
    assertThat(json(otp).get("phone").asText()).isEqualTo("+34*****1222");
    assertThat(json(otp).get("expiresAt").asText()).isEqualTo("2026-11-30T10:10:00+01:00");
    assertThat(otp.body()).doesNotContain("600111222");
    OutboxEntry sms = outbox.to(E164, "otp").get(0);
    assertThat(sms.text()).startsWith("Your Vecino code is ");
    assertThat(sms.notAfter()).isEqualTo(Instant.parse("2026-11-30T09:10:00Z"));
    // Enqueued in the code's transaction, then the dispatcher was woken: it is sent at once.
    outbox.awaitStatus(sms.id(), SmsStatus.SENT);

    HttpResponse<String> s =
        http.post(
            "/api/v1/office/session",
            "{\"phone\":\"+34 600 11 12 22\",\"code\":\"" + outbox.lastCode(E164) + "\"}");
    assertThat(s.statusCode()).as(s.body()).isEqualTo(201);
    String token = json(s).get("sessionToken").asText();
    assertThat(json(s).get("expiresAt").asText()).isEqualTo("2026-11-30T10:15:00+01:00");
    assertThat(json(s).get("phone").asText()).isEqualTo("+34*****1222");

    HttpResponse<String> booked =
        http.post(
            "/api/v1/office/bookings", bookingBody("of-cazona", PADRON, TUESDAY_9), bearer(token));
    assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
    JsonNode b = json(booked);
    String id = b.get("id").asText();
    assertThat(b.get("start").asText()).isEqualTo(TUESDAY_9);
    assertThat(b.get("end").asText()).isEqualTo("2026-12-01T09:15:00+01:00");
    assertThat(b.get("status").asText()).isEqualTo("booked");
    assertThat(b.get("place").asText()).isEqualTo("Oficina del Vecino Cazoña");
    assertThat(b.get("officeId").asText()).isEqualTo("of-cazona");
    assertThat(b.get("procedureId").asText()).isEqualTo(PADRON);

    // The booking is reminded through the reminder service, its reminders in the outbox.
    AppointmentView reminder = server.vecino().reminders().get("office-" + id);
    assertThat(reminder.phone()).isEqualTo("+34*****1222");
    assertThat(reminder.kind()).isEqualTo("municipal");
    assertThat(reminder.startsAt()).isEqualTo(TUESDAY_9);
    assertThat(reminder.language()).isEqualTo("es");
    assertThat(reminder.status()).isEqualTo("booked");
    assertThat(reminder.reminders()).extracting(ReminderView::status).contains("scheduled");
    assertThat(outbox.to(E164, "reminder")).isNotEmpty();
    assertThat(slotStarts("of-cazona", PADRON, "2026-12-01").get(0)).isEqualTo(TUESDAY_9 + " 1");

    // An appointment booked elsewhere (a medical one, by the scheduling system) for the phone.
    ApiClient api = new ApiClient(server);
    HttpResponse<String> medical =
        api.call(
            "PUT",
            "/api/v1/appointments/hcv-77",
            api.issue("health system", "scheduler"),
            "{\"phone\":\""
                + E164
                + "\",\"startsAt\":\"2026-11-30T16:30:00+01:00\","
                + "\"place\":\"Centro de Salud Cazoña\",\"kind\":\"medical\",\"language\":\"es\"}");
    assertThat(medical.statusCode()).as(medical.body()).isEqualTo(201);
    JsonNode mine = ok(http.get("/api/v1/office/my/appointments", bearer(token)));
    assertThat(mine).hasSize(2);
    assertThat(mine.get(0).get("id").asText()).isEqualTo("hcv-77");
    assertThat(mine.get(0).get("kind").asText()).isEqualTo("medical");
    assertThat(mine.get(0).get("startsAt").asText()).isEqualTo("2026-11-30T16:30:00+01:00");
    assertThat(mine.get(1).get("id").asText()).isEqualTo(id);
    assertThat(mine.get(1).get("kind").asText()).isEqualTo("office");
    assertThat(mine.get(1).get("title").asText())
        .isEqualTo("Alta o cambio de domicilio en el padrón");
    assertThat(mine.get(1).get("cancellable").asBoolean()).isTrue();

    // Another citizen cannot cancel it.
    String other = http.session("600333444");
    problem(http.delete("/api/v1/office/bookings/" + id, bearer(other)), 404);

    assertThat(http.delete("/api/v1/office/bookings/" + id, bearer(token)).statusCode())
        .isEqualTo(204);
    assertThat(server.vecino().reminders().get("office-" + id).status())
        .isEqualTo("cancelledBySystem");
    assertThat(server.vecino().reminders().get("office-" + id).reminders())
        .extracting(ReminderView::status)
        .doesNotContain("scheduled");
    assertThat(slotStarts("of-cazona", PADRON, "2026-12-01").get(0)).isEqualTo(TUESDAY_9 + " 2");
    assertThat(ok(http.get("/api/v1/office/my/appointments", bearer(token)))).hasSize(1);
    problem(http.delete("/api/v1/office/bookings/" + id, bearer(token)), 404);

    assertThat(http.delete("/api/v1/office/session", bearer(token)).statusCode()).isEqualTo(204);
    problem(http.get("/api/v1/office/my/appointments", bearer(token)), 401);
    problem(http.get("/api/v1/office/my/appointments"), 401);
  }

  @Test
  void aBookingMustBeAFutureSlotOfAProcedureTheOfficeAttends() {
    String token = http.session(PHONE);
    problem(http.post("/api/v1/office/bookings", bookingBody("of-cazona", PADRON, TUESDAY_9)), 401);
    JsonNode offGrid =
        problem(
            http.post(
                "/api/v1/office/bookings",
                bookingBody("of-cazona", PADRON, "2026-12-01T09:05:00+01:00"),
                bearer(token)),
            400);
    assertThat(offGrid.at("/errors/0/field").asText()).isEqualTo("start");
    assertThat(offGrid.at("/errors/0/message").asText()).contains("not the start of a slot");
    assertThat(
            problem(
                    http.post(
                        "/api/v1/office/bookings",
                        bookingBody("of-cazona", PADRON, "2026-12-01T15:00:00+01:00"),
                        bearer(token)),
                    400)
                .at("/errors/0/message")
                .asText())
        .contains("closed");
    assertThat(
            problem(
                    http.post(
                        "/api/v1/office/bookings",
                        bookingBody("of-cazona", PADRON, "2026-11-30T09:30:00+01:00"),
                        bearer(token)),
                    400)
                .at("/errors/0/message")
                .asText())
        .contains("past");
    assertThat(
            problem(
                    http.post(
                        "/api/v1/office/bookings",
                        bookingBody("of-alisal", "ibi-receipts", TUESDAY_9),
                        bearer(token)),
                    400)
                .at("/errors/0/field")
                .asText())
        .isEqualTo("procedureId");
    problem(
        http.post(
            "/api/v1/office/bookings",
            bookingBody("of-cazona", "bulky-waste", TUESDAY_9),
            bearer(token)),
        400);
    problem(
        http.post("/api/v1/office/bookings", bookingBody("of-x", PADRON, TUESDAY_9), bearer(token)),
        400);
    problem(
        http.post(
            "/api/v1/office/bookings", bookingBody("of-cazona", PADRON, "tomorrow"), bearer(token)),
        400);
    problem(http.post("/api/v1/office/bookings", "not json", bearer(token)), 400);
    // The same instant written in UTC is the same slot.
    assertThat(
            http.post(
                    "/api/v1/office/bookings",
                    bookingBody("of-cazona", PADRON, "2026-12-01T08:00:00Z"),
                    bearer(token))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void aFullSlotIsRefusedWith409() {
    String a = http.session("600000001");
    String b = http.session("600000002");
    String body = bookingBody("of-cazona", "ola-resident-permit", "2026-12-02T09:20:00+01:00");
    assertThat(http.post("/api/v1/office/bookings", body, bearer(a)).statusCode()).isEqualTo(201);
    JsonNode taken = problem(http.post("/api/v1/office/bookings", body, bearer(b)), 409);
    assertThat(taken.get("type").asText()).endsWith("/slot-taken");
    assertThat(
            problem(http.post("/api/v1/office/bookings", body, bearer(a)), 409)
                .get("type")
                .asText())
        .endsWith("/already-booked");
    assertThat(slotStarts("of-cazona", "ola-resident-permit", "2026-12-02"))
        .noneMatch(s -> s.startsWith("2026-12-02T09:20"));
  }

  @Test
  void wrongExpiredAndBurntCodesGive401() {
    assertThat(http.post("/api/v1/office/otp", "{\"phone\":\"" + PHONE + "\"}").statusCode())
        .isEqualTo(202);
    String code = outbox.lastCode(E164);
    String wrong = code.equals("000000") ? "111111" : "000000";
    JsonNode p =
        problem(
            http.post(
                "/api/v1/office/session",
                "{\"phone\":\"" + PHONE + "\",\"code\":\"" + wrong + "\"}"),
            401);
    assertThat(p.get("detail").asText()).contains("not right");
    for (int i = 0; i < 4; i++) {
      problem(
          http.post(
              "/api/v1/office/session", "{\"phone\":\"" + PHONE + "\",\"code\":\"" + wrong + "\"}"),
          401);
    }
    // Five wrong tries burn the code: the right one no longer works.
    problem(
        http.post(
            "/api/v1/office/session", "{\"phone\":\"" + PHONE + "\",\"code\":\"" + code + "\"}"),
        401);

    // A new code expires after 10 minutes.
    assertThat(http.post("/api/v1/office/otp", "{\"phone\":\"" + PHONE + "\"}").statusCode())
        .isEqualTo(202);
    String fresh = outbox.lastCode(E164);
    server.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
    problem(
        http.post(
            "/api/v1/office/session", "{\"phone\":\"" + PHONE + "\",\"code\":\"" + fresh + "\"}"),
        401);

    // A session ends after 15 minutes.
    String token = http.session(PHONE);
    assertThat(http.get("/api/v1/office/my/appointments", bearer(token)).statusCode())
        .isEqualTo(200);
    server.clock().advance(Duration.ofMinutes(15));
    problem(http.get("/api/v1/office/my/appointments", bearer(token)), 401);

    // A code is used once.
    http.post("/api/v1/office/otp", "{\"phone\":\"" + PHONE + "\"}");
    String once = outbox.lastCode(E164);
    String body = "{\"phone\":\"" + PHONE + "\",\"code\":\"" + once + "\"}";
    assertThat(http.post("/api/v1/office/session", body).statusCode()).isEqualTo(201);
    problem(http.post("/api/v1/office/session", body), 401);

    JsonNode malformed =
        problem(
            http.post("/api/v1/office/session", "{\"phone\":\"" + PHONE + "\",\"code\":\"12\"}"),
            400);
    assertThat(malformed.at("/errors/0/field").asText()).isEqualTo("code");
  }

  @Test
  void invalidPhonesAreRefused() {
    for (String bad : List.of("12345", "hello", "+34 900", "")) {
      JsonNode p = problem(http.post("/api/v1/office/otp", "{\"phone\":\"" + bad + "\"}"), 400);
      assertThat(p.at("/errors/0/field").asText()).isEqualTo("phone");
    }
    problem(http.post("/api/v1/office/otp", "{}"), 400);
    problem(
        http.post("/api/v1/office/otp", "{\"phone\":\"" + PHONE + "\"}", "X-Kiosk-Id", "k-mars"),
        400);
    assertThat(outbox.all()).isEmpty();
  }

  @Test
  void codesAreRateLimitedPerPhoneAndPerKiosk() {
    for (int i = 0; i < 3; i++) {
      assertThat(http.post("/api/v1/office/otp", "{\"phone\":\"" + PHONE + "\"}").statusCode())
          .isEqualTo(202);
      server.clock().advance(Duration.ofMinutes(1));
    }
    HttpResponse<String> limited = http.post("/api/v1/office/otp", "{\"phone\":\"" + PHONE + "\"}");
    problem(limited, 429);
    // The first code was asked at 10:00; the window is 15 minutes; now is 10:03.
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("720");
    assertThat(outbox.to(E164, "otp")).hasSize(3);
    server.clock().advance(Duration.ofMinutes(12));
    assertThat(http.post("/api/v1/office/otp", "{\"phone\":\"" + PHONE + "\"}").statusCode())
        .isEqualTo(202);

    // 30 codes per kiosk per hour, whatever the phones: the kiosk is proven by its device token.
    String monte = http.kioskToken("k-monte");
    for (int i = 0; i < 30; i++) {
      String phone = String.format("6110000%02d", i);
      HttpResponse<String> r =
          http.post("/api/v1/office/otp", "{\"phone\":\"" + phone + "\"}", kiosk(monte, "k-monte"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
    HttpResponse<String> kioskLimited =
        http.post("/api/v1/office/otp", "{\"phone\":\"622000000\"}", kiosk(monte, "k-monte"));
    problem(kioskLimited, 429);
    assertThat(kioskLimited.headers().firstValue("Retry-After")).hasValue("3600");
    // Another kiosk is not affected.
    String alisal = http.kioskToken("k-alisal");
    assertThat(
            http.post("/api/v1/office/otp", "{\"phone\":\"622000000\"}", kiosk(alisal, "k-alisal"))
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void kioskRequestsAreFiledAndRateLimited() {
    String[] cazona = kiosk(http.kioskToken("k-cazona"), "k-cazona");
    String[] alisal = kiosk(http.kioskToken("k-alisal"), "k-alisal");
    String body =
        "{\"serviceCode\":\"streetlight\",\"description\":\"Apagada desde el lunes\","
            + "\"lat\":43.4536,\"lon\":-3.8383,\"attributes\":{\"problem\":\"off\"}}";
    HttpResponse<String> r = http.post("/api/v1/office/requests?lang=en", body, cazona);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode filed = json(r);
    assertThat(filed.get("status").asText()).isEqualTo("open");
    assertThat(filed.get("serviceName").asText()).isEqualTo("Streetlight out or faulty");
    String id = filed.get("serviceRequestId").asText();
    JsonNode open311 = ok(http.get("/open311/v2/requests/" + id + ".json"));
    assertThat(open311.get(0).get("status").asText()).isEqualTo("open");
    assertThat(open311.get(0).get("lat").asDouble()).isEqualTo(43.4536);

    JsonNode missing =
        problem(
            http.post(
                "/api/v1/office/requests",
                "{\"serviceCode\":\"streetlight\",\"lat\":43.4,\"lon\":-3.8}",
                cazona),
            400);
    assertThat(missing.at("/errors/0/field").asText()).isEqualTo("attribute[problem]");
    assertThat(
            problem(http.post("/api/v1/office/requests", "{\"address\":\"x\"}", cazona), 400)
                .at("/errors/0/field")
                .asText())
        .isEqualTo("serviceCode");
    problem(
        http.post("/api/v1/office/requests", "{\"serviceCode\":\"ufo\",\"address\":\"x\"}", cazona),
        404);
    problem(http.post("/api/v1/office/requests", "{\"serviceCode\":\"graffiti\"}", cazona), 400);

    // 20 per kiosk per hour (the refused ones above counted too).
    int accepted = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < 25; i++) {
      last =
          http.post(
              "/api/v1/office/requests",
              "{\"serviceCode\":\"graffiti\",\"address\":\"Calle Río Cubas " + i + "\"}",
              alisal);
      if (last.statusCode() == 201) {
        accepted++;
      } else {
        break;
      }
    }
    assertThat(accepted).isEqualTo(20);
    problem(last, 429);
    assertThat(last.headers().firstValue("Retry-After")).hasValue("3600");
  }

  @Test
  void kiosksAreDescribedFromTheCatalog() {
    JsonNode k = ok(http.get("/api/v1/kiosks/k-cazona"));
    assertThat(k.get("name").asText()).isEqualTo("Oficina del Vecino Cazoña");
    assertThat(k.get("officeId").asText()).isEqualTo("of-cazona");
    assertThat(k.get("stops").get(0).asText()).isEqualTo("80");
    assertThat(k.get("parking").get(0).asText()).isEqualTo("valdecilla");
    assertThat(k.at("/location/lon").asDouble()).isEqualTo(-3.8383);
    problem(http.get("/api/v1/kiosks/k-nowhere"), 404);
    JsonNode all = ok(http.get("/api/v1/kiosks"));
    assertThat(all).hasSize(3);
    assertThat(all.get(0).get("id").asText()).isEqualTo("k-cazona");
    assertThat(all.get(2).get("stops").get(0).asText()).isEqualTo("198");
  }
}
