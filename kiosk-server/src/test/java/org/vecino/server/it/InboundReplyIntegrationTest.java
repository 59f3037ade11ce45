package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vecino.server.testing.ApiClient.json;
import static org.vecino.server.testing.ApiClient.problem;
import static org.vecino.server.testing.ApiClient.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.config.ReminderSettings;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.sms.outbox.OutboxEntry;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.testing.ApiClient;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.OutboxReader;
import org.vecino.server.testing.TestServer;

/**
 * {@code POST /api/v1/sms/inbound} on a real server: signatures, SI / ANULAR / BAJA / ALTA / help,
 * which appointment a reply applies to, the answer limit and repeated messageIds. Each test uses
 * its own phone numbers.
 */
class InboundReplyIntegrationTest {
  private static final String SECRET = "gateway-secret-0123456789";
  private static final String INBOUND = "/api/v1/sms/inbound";
  private static MosquittoBroker broker;
  private static TestServer server;
  private static OutboxReader outbox;
  private static ApiClient api;
  private static String scheduler;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    broker = MosquittoBroker.create().start();
    server =
        TestServer.start(
            dir,
            broker.url(),
            ReminderSettings.defaults(),
            new SmsGatewaySettings(null, null, SECRET, SmsGatewaySettings.DEFAULT_MAX_ATTEMPTS),
            TestServer.MONDAY_10AM);
    outbox = new OutboxReader(server);
    api = new ApiClient(server);
    scheduler = api.issue("health system", "scheduler");
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

  private static void book(String id, String phone, String startsAt, String lang) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phone", phone);
    m.put("startsAt", startsAt);
    m.put("place", "Centro de Salud Cazoña");
    m.put("kind", "medical");
    m.put("language", lang);
    HttpResponse<String> r = api.call("PUT", "/api/v1/appointments/" + id, scheduler, write(m));
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }

  private static JsonNode appointment(String id) {
    return json(api.call("GET", "/api/v1/appointments/" + id, scheduler, null));
  }

  private static String body(String messageId, String from, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messageId", messageId);
    m.put("from", from);
    m.put("text", text);
    m.put("receivedAt", "2026-11-30T10:00:00+01:00");
    return write(m);
  }

  private static long now() {
    return server.clock().instant().getEpochSecond();
  }

  private static JsonNode reply(String from, String text) {
    return reply(UUID.randomUUID().toString(), from, text);
  }

  private static JsonNode reply(String messageId, String from, String text) {
    HttpResponse<String> r = api.signedPost(INBOUND, SECRET, now(), body(messageId, from, text));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private static List<String> replies(String phone) {
    List<String> out = new ArrayList<>();
    outbox.to(phone, "reply").forEach(m -> out.add(m.text()));
    return out;
  }

  private static List<String> reminderStatuses(String id) {
    List<String> out = new ArrayList<>();
    appointment(id).get("reminders").forEach(r -> out.add(r.get("status").asText()));
    return out;
  }

  @Test
  void badMissingOrOldSignaturesAre401AndChangeNothing() {
    String phone = "+34611000001";
    book("in-sig", phone, "2026-12-01T12:30:00+01:00", "es");
    String anular = body("sig-1", phone, "ANULAR");

    problem(api.call("POST", INBOUND, null, anular), 401);
    problem(api.signedPost(INBOUND, "another-secret-0123456789", now(), anular), 401);
    problem(
        api.signedPost(INBOUND, SECRET, now() - Duration.ofMinutes(6).toSeconds(), anular), 401);
    problem(
        api.signedPost(INBOUND, SECRET, now() + Duration.ofMinutes(6).toSeconds(), anular), 401);
    // A body changed after signing.
    HttpResponse<String> tampered =
        server.send(
            java.net.http.HttpRequest.newBuilder(server.uri(INBOUND))
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(body("sig-1", phone, "SI"))),
            "X-Vecino-Timestamp",
            Long.toString(now()),
            "X-Vecino-Signature",
            new org.vecino.server.sms.Signatures(SECRET)
                .sign(now(), anular.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    problem(tampered, 401);

    assertThat(appointment("in-sig").get("status").asText()).isEqualTo("booked");
    assertThat(reminderStatuses("in-sig")).containsExactly("scheduled", "scheduled");
    assertThat(replies(phone)).isEmpty();
    // The messageId was not used up by the refused calls.
    assertThat(reply("sig-1", phone, "ANULAR").get("command").asText()).isEqualTo("cancel");
  }

  @Test
  void siConfirmsTheAppointmentOfTheLastReminderSent() {
    String phone = "+34611000002";
    book("in-si-a", phone, "2026-12-01T12:30:00+01:00", "es");
    book("in-si-b", phone, "2026-12-05T12:30:00+01:00", "es");
    // Only the later appointment's first reminder was sent: a reply applies to it.
    OutboxEntry bReminder =
        outbox.to(phone, "reminder").stream()
            .filter(m -> m.notAfter().toString().startsWith("2026-12-05"))
            .findFirst()
            .orElseThrow();
    outbox.markSent(bReminder.id());

    JsonNode r = reply(phone, "¡Sí!");
    assertThat(r.get("command").asText()).isEqualTo("confirm");
    assertThat(r.get("answered").asBoolean()).isTrue();
    assertThat(appointment("in-si-b").get("status").asText()).isEqualTo("confirmed");
    assertThat(appointment("in-si-a").get("status").asText()).isEqualTo("booked");
    assertThat(replies(phone))
        .singleElement()
        .asString()
        .contains("queda confirmada")
        .contains("sabado 5 de diciembre a las 12:30");
    assertThat(outbox.to(phone, "reply").get(0).refId()).isEqualTo("in-si-b");
  }

  @Test
  void withoutAReminderSentTheReplyAppliesToTheNextAppointment() {
    String phone = "+34611000003";
    book("in-next-b", phone, "2026-12-09T12:30:00+01:00", "es");
    book("in-next-a", phone, "2026-12-02T12:30:00+01:00", "es");
    reply(phone, "1");
    assertThat(appointment("in-next-a").get("status").asText()).isEqualTo("confirmed");
    assertThat(appointment("in-next-b").get("status").asText()).isEqualTo("booked");
  }

  @Test
  void anularCancelsAndSiUndoesItWhileTheAppointmentHasNotBegun() {
    String phone = "+34611000004";
    book("in-undo", phone, "2026-12-01T12:30:00+01:00", "es");
    assertThat(reply(phone, "anular, gracias").get("command").asText()).isEqualTo("cancel");
    JsonNode a = appointment("in-undo");
    assertThat(a.get("status").asText()).isEqualTo("cancelledByCitizen");
    assertThat(reminderStatuses("in-undo")).containsExactly("cancelled", "cancelled");
    assertThat(replies(phone).get(0)).contains("queda anulada").contains("responda SI");

    reply(phone, "SI");
    assertThat(appointment("in-undo").get("status").asText()).isEqualTo("confirmed");
    assertThat(reminderStatuses("in-undo")).containsExactly("scheduled", "scheduled");
    assertThat(replies(phone)).hasSize(2);

    // Once it has begun, SI has nothing to apply to.
    reply(phone, "NO");
    server.clock().set(java.time.Instant.parse("2026-12-01T11:31:00Z"));
    reply(phone, "SI");
    assertThat(appointment("in-undo").get("status").asText()).isEqualTo("cancelledByCitizen");
    assertThat(replies(phone).get(3)).contains("No encontramos ninguna cita");
  }

  @Test
  void aMoveClearsAConfirmation() {
    String phone = "+34611000005";
    book("in-move", phone, "2026-12-01T12:30:00+01:00", "es");
    reply(phone, "yes");
    assertThat(appointment("in-move").get("status").asText()).isEqualTo("confirmed");
    book("in-move", phone, "2026-12-01T12:30:00+01:00", "es");
    assertThat(appointment("in-move").get("status").asText()).isEqualTo("confirmed");
    book("in-move", phone, "2026-12-02T12:30:00+01:00", "es");
    assertThat(appointment("in-move").get("status").asText()).isEqualTo("booked");
  }

  @Test
  void bajaStopsRemindersAndNoticesAndAltaResumesThem() {
    String phone = "+34611000006";
    book("in-baja-a", phone, "2026-12-01T12:30:00+01:00", "es");
    book("in-baja-b", phone, "2026-12-03T12:30:00+01:00", "es");
    assertThat(reply(phone, "BAJA por favor no quiero recibir mensajes").get("command").asText())
        .isEqualTo("stop");
    assertThat(reminderStatuses("in-baja-a")).containsExactly("cancelled", "cancelled");
    assertThat(reminderStatuses("in-baja-b")).containsExactly("cancelled", "cancelled");
    assertThat(replies(phone)).singleElement().asString().contains("responda ALTA");
    // The appointments themselves stay.
    assertThat(appointment("in-baja-a").get("status").asText()).isEqualTo("booked");

    // A new booking for that phone plans no SMS.
    book("in-baja-c", phone, "2026-12-04T12:30:00+01:00", "es");
    JsonNode c = appointment("in-baja-c");
    c.get("reminders").forEach(r -> assertThat(r.get("skipReason").asText()).isEqualTo("optedOut"));

    reply(phone, "ALTA");
    assertThat(reminderStatuses("in-baja-a")).containsExactly("scheduled", "scheduled");
    assertThat(reminderStatuses("in-baja-c")).containsExactly("scheduled", "scheduled");
    assertThat(replies(phone)).hasSize(2);
    assertThat(replies(phone).get(1)).contains("Volvera a recibir");
    assertThat(
            outbox.to(phone, "reminder").stream()
                .filter(m -> outbox.status(m.id()) == SmsStatus.SCHEDULED))
        .hasSize(6);
  }

  @Test
  void anythingElseGetsTheHelpTextInTheAppointmentsLanguage() {
    String phone = "+34611000007";
    book("in-help", phone, "2026-12-01T12:30:00+01:00", "en");
    assertThat(reply(phone, "what is this?").get("command").asText()).isEqualTo("unknown");
    assertThat(reply(phone, "AYUDA").get("command").asText()).isEqualTo("help");
    assertThat(replies(phone)).hasSize(2).allSatisfy(t -> assertThat(t).doesNotContain("Responda"));
    assertThat(appointment("in-help").get("status").asText()).isEqualTo("booked");
    // A phone with no appointment gets the Spanish texts.
    reply("+34611000099", "SI");
    assertThat(replies("+34611000099")).singleElement().asString().contains("No encontramos");
  }

  @Test
  void atMostFiveAnswersPerPhoneAndHour() {
    String phone = "+34611000008";
    List<Boolean> answered = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      answered.add(reply(phone, "AYUDA").get("answered").asBoolean());
      server.clock().advance(Duration.ofMinutes(1));
    }
    assertThat(answered).containsExactly(true, true, true, true, true, false, false);
    assertThat(replies(phone)).hasSize(5);
    server.clock().advance(Duration.ofMinutes(55));
    assertThat(reply(phone, "AYUDA").get("answered").asBoolean()).isTrue();
    assertThat(replies(phone)).hasSize(6);
  }

  @Test
  void aRepeatedMessageIdIsAnswered200AndNotActedOnAgain() {
    String phone = "+34611000009";
    book("in-dup", phone, "2026-12-01T12:30:00+01:00", "es");
    assertThat(reply("dup-1", phone, "ANULAR").get("status").asText()).isEqualTo("handled");
    reply(phone, "SI");
    assertThat(appointment("in-dup").get("status").asText()).isEqualTo("confirmed");
    JsonNode again = reply("dup-1", phone, "ANULAR");
    assertThat(again.get("status").asText()).isEqualTo("duplicate");
    assertThat(appointment("in-dup").get("status").asText()).isEqualTo("confirmed");
    assertThat(replies(phone)).hasSize(2);
  }

  @Test
  void invalidSignedBodiesAreValidationProblems() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", "SI");
    JsonNode p = problem(api.signedPost(INBOUND, SECRET, now(), write(m)), 400);
    List<String> fields = new ArrayList<>();
    p.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("messageId", "from");
    problem(api.signedPost(INBOUND, SECRET, now(), body("bad-1", "12345", "SI")), 400);
    problem(api.signedPost(INBOUND, SECRET, now(), "not json"), 400);
  }
}
