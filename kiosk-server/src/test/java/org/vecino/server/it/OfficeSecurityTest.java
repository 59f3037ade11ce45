package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vecino.server.testing.OfficeHttp.bearer;
import static org.vecino.server.testing.OfficeHttp.json;
import static org.vecino.server.testing.OfficeHttp.kiosk;
import static org.vecino.server.testing.OfficeHttp.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.office.CitizenAuth;
import org.vecino.server.office.CitizenSms;
import org.vecino.server.office.ServiceRequestService;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.OfficeHttp;
import org.vecino.server.testing.OutboxReader;
import org.vecino.server.testing.TestServer;

/**
 * The office's answers to the security review, on a real server: rate limits keyed on the kiosk's
 * device token (never on the {@code X-Kiosk-Id} header) with a per-client limit for anonymous
 * callers, the cap on a citizen's bookings, SMS only to allowed mobile numbers with a shared
 * per-phone limit, only the newest one-time code valid, and Open311's discovery and {@code
 * media_url}.
 */
class OfficeSecurityTest {
  private static final String OTP = "/api/v1/office/otp";
  private static final String REQUESTS = "/api/v1/office/requests";
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

  private static String phoneBody(String phone) {
    return "{\"phone\":\"" + phone + "\"}";
  }

  private HttpResponse<String> open(String phone, String code) {
    return http.post(
        "/api/v1/office/session", "{\"phone\":\"" + phone + "\",\"code\":\"" + code + "\"}");
  }

  // --- finding 4: per-kiosk limits keyed on the device token

  @Test
  void aSpoofedKioskHeaderNeitherUsesAKiosksQuotaNorRaisesTheCallers() {
    // An anonymous client naming k-monte in the header is one client: 10 codes, then 429.
    for (int i = 0; i < CitizenAuth.CODES_PER_CLIENT; i++) {
      HttpResponse<String> r =
          http.post(OTP, phoneBody(String.format("6110000%02d", i)), "X-Kiosk-Id", "k-monte");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
    // Switching the header does not raise its quota.
    HttpResponse<String> switched =
        http.post(OTP, phoneBody("611000099"), "X-Kiosk-Id", "k-alisal");
    assertThat(problem(switched, 429).get("detail").asText()).contains("codes");
    problem(http.post(OTP, phoneBody("611000098")), 429);
    // A token that is not a kiosk's does not make it a kiosk either.
    problem(http.post(OTP, phoneBody("611000097"), bearer("not-a-device-token")), 429);

    // The real k-monte, proven by its device token, still has its whole quota.
    String monte = http.kioskToken("k-monte");
    for (int i = 0; i < CitizenAuth.CODES_PER_KIOSK; i++) {
      HttpResponse<String> r =
          http.post(OTP, phoneBody(String.format("6220000%02d", i)), kiosk(monte, "k-monte"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
    problem(http.post(OTP, phoneBody("622000099"), kiosk(monte, "k-monte")), 429);
    // Its token counts for k-monte whatever header is sent with it.
    problem(http.post(OTP, phoneBody("622000098"), kiosk(monte, "k-cazona")), 429);
    // Another kiosk's device token has its own quota.
    String cazona = http.kioskToken("k-cazona");
    assertThat(http.post(OTP, phoneBody("633000000"), kiosk(cazona, "k-cazona")).statusCode())
        .isEqualTo(202);
  }

  @Test
  void serviceRequestsAreLimitedPerKioskTokenAndPerAnonymousClient() {
    String body = "{\"serviceCode\":\"graffiti\",\"address\":\"Calle Alta 1\"}";
    for (int i = 0; i < ServiceRequestService.REQUESTS_PER_CLIENT; i++) {
      HttpResponse<String> r = http.post(REQUESTS, body, "X-Kiosk-Id", "k-cazona");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    problem(http.post(REQUESTS, body, "X-Kiosk-Id", "k-alisal"), 429);
    problem(http.post(REQUESTS, body), 429);

    String cazona = http.kioskToken("k-cazona");
    int accepted = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < ServiceRequestService.REQUESTS_PER_KIOSK + 1; i++) {
      last = http.post(REQUESTS, body, kiosk(cazona, "k-cazona"));
      if (last.statusCode() != 201) {
        break;
      }
      accepted++;
    }
    assertThat(accepted).isEqualTo(ServiceRequestService.REQUESTS_PER_KIOSK);
    problem(last, 429);
  }

  // --- finding 7: the cap on a citizen's bookings

  @Test
  void aCitizenHoldsAtMostThreeFutureBookings() {
    String token = http.session("600111222");
    List<String> starts =
        List.of(
            "2026-12-01T09:00:00+01:00",
            "2026-12-01T09:15:00+01:00",
            "2026-12-01T09:30:00+01:00",
            "2026-12-01T09:45:00+01:00");
    String first = null;
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r =
          http.post("/api/v1/office/bookings", booking(starts.get(i)), bearer(token));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      if (first == null) {
        first = json(r).get("id").asText();
      }
    }
    JsonNode tooMany =
        problem(http.post("/api/v1/office/bookings", booking(starts.get(3)), bearer(token)), 409);
    assertThat(tooMany.get("type").asText()).endsWith("/too-many-bookings");
    assertThat(tooMany.get("detail").asText()).contains("3");
    // The refused booking took no place.
    assertThat(
            json(http.get(
                    "/api/v1/office/offices/of-cazona/slots?procedure=padron-registration"
                        + "&date=2026-12-01"))
                .get("slots")
                .get(3)
                .get("free")
                .asInt())
        .isEqualTo(2);

    // Cancelling one frees a place in the cap.
    assertThat(http.delete("/api/v1/office/bookings/" + first, bearer(token)).statusCode())
        .isEqualTo(204);
    assertThat(
            http.post("/api/v1/office/bookings", booking(starts.get(3)), bearer(token))
                .statusCode())
        .isEqualTo(201);

    // Bookings that have ended do not count: the next day, three more can be booked.
    server.clock().advance(Duration.ofDays(1).plusHours(1));
    String later = http.session("600111222");
    for (String start :
        List.of(
            "2026-12-02T09:00:00+01:00",
            "2026-12-02T09:15:00+01:00",
            "2026-12-02T09:30:00+01:00")) {
      HttpResponse<String> r = http.post("/api/v1/office/bookings", booking(start), bearer(later));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    problem(
        http.post("/api/v1/office/bookings", booking("2026-12-02T09:45:00+01:00"), bearer(later)),
        409);
  }

  private static String booking(String start) {
    return "{\"officeId\":\"of-cazona\",\"procedureId\":\"padron-registration\",\"start\":\""
        + start
        + "\"}";
  }

  // --- finding 14: SMS only to mobiles of allowed countries

  @Test
  void codesGoOnlyToMobilesOfAllowedCountries() {
    for (String refused : List.of("942200000", "+34942200000", "+33612345678", "+351912345678")) {
      JsonNode p = problem(http.post(OTP, phoneBody(refused)), 400);
      assertThat(p.at("/errors/0/field").asText()).isEqualTo("phone");
      assertThat(p.at("/errors/0/message").asText()).contains("mobile");
    }
    assertThat(outbox.all()).isEmpty();
    assertThat(http.post(OTP, phoneBody("+34 612 345 678")).statusCode()).isEqualTo(202);
  }

  // --- finding 16: only the newest code

  @Test
  void anOlderCodeNeverOpensASession() {
    String phone = "600111222";
    String e164 = "+34600111222";
    assertThat(http.post(OTP, phoneBody(phone)).statusCode()).isEqualTo(202);
    String older = outbox.lastCode(e164);
    server.clock().advance(Duration.ofMinutes(1));
    assertThat(http.post(OTP, phoneBody(phone)).statusCode()).isEqualTo(202);
    String newer = outbox.lastCode(e164);
    if (!older.equals(newer)) {
      // The newer code burnt the older one.
      problem(open(phone, older), 401);
    }
    assertThat(open(phone, newer).statusCode()).isEqualTo(201);
    // Once the newest was used, the older one does not fall back to life.
    problem(open(phone, older), 401);
    problem(open(phone, newer), 401);
  }

  @Test
  void aBurntNewestCodeDoesNotBringBackAnOlderOne() {
    String phone = "600111222";
    String e164 = "+34600111222";
    http.post(OTP, phoneBody(phone));
    String older = outbox.lastCode(e164);
    server.clock().advance(Duration.ofMinutes(1));
    http.post(OTP, phoneBody(phone));
    String newer = outbox.lastCode(e164);
    String wrong = wrong(older, newer);
    for (int i = 0; i < CitizenAuth.CODE_TRIES; i++) {
      problem(open(phone, wrong), 401);
    }
    problem(open(phone, newer), 401);
    problem(open(phone, older), 401);
  }

  @Test
  void wrongGuessesAreLimitedPerPhoneAcrossCodes() {
    String phone = "600111222";
    String e164 = "+34600111222";
    String code = null;
    for (int c = 0; c < 2; c++) {
      http.post(OTP, phoneBody(phone));
      code = outbox.lastCode(e164);
      String wrong = wrong(code, code);
      for (int i = 0; i < CitizenAuth.CODE_TRIES; i++) {
        problem(open(phone, wrong), 401);
      }
      server.clock().advance(Duration.ofMinutes(16));
    }
    // Ten wrong guesses this hour: even the right code of a new one is not checked.
    assertThat(http.post(OTP, phoneBody(phone)).statusCode()).isEqualTo(202);
    HttpResponse<String> locked = open(phone, outbox.lastCode(e164));
    problem(locked, 429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
  }

  private static String wrong(String a, String b) {
    for (String w : List.of("000000", "111111", "222222")) {
      if (!w.equals(a) && !w.equals(b)) {
        return w;
      }
    }
    throw new AssertionError();
  }

  // --- findings 12 and 14: the "request closed" SMS

  @Test
  void closingSmsAreLimitedPerPhoneAndRequestsRefuseLandlines() {
    String staff = http.issueToken("{\"name\":\"staff\",\"roles\":[\"admin\"]}");
    String apiKey =
        json(http.post(
                "/api/v1/admin/open311/keys", "{\"name\":\"app\"}", bearer(TestServer.ADMIN_TOKEN)))
            .get("apiKey")
            .asText();
    Map<String, String> landline = form(apiKey, "942200000");
    HttpResponse<String> refused = http.postForm("/open311/v2/requests.json", landline);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json(refused).get(0).get("description").asText()).startsWith("phone:");
    JsonNode kioskRefused =
        problem(
            http.post(
                REQUESTS,
                "{\"serviceCode\":\"graffiti\",\"address\":\"x\",\"phone\":\"+33612345678\"}"),
            400);
    assertThat(kioskRefused.at("/errors/0/field").asText()).isEqualTo("phone");

    // One code already went to the phone: it counts against the same shared limit.
    assertThat(http.post(OTP, phoneBody("600111222")).statusCode()).isEqualTo(202);
    int filed = CitizenSms.PER_PHONE + 3;
    for (int i = 0; i < filed; i++) {
      HttpResponse<String> r =
          http.postForm("/open311/v2/requests.json", form(apiKey, "600111222"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      String id = json(r).get(0).get("service_request_id").asText();
      HttpResponse<String> closed =
          http.patch(
              "/api/v1/admin/service-requests/" + id,
              "{\"status\":\"closed\",\"statusNotes\":\"Limpio\"}",
              bearer(staff));
      assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    }
    assertThat(outbox.to("+34600111222", "notice")).hasSize(CitizenSms.PER_PHONE - 1);
    // The limit is shared: no more codes to that phone either.
    problem(http.post(OTP, phoneBody("600111222")), 429);
  }

  private static Map<String, String> form(String apiKey, String phone) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("api_key", apiKey);
    f.put("service_code", "graffiti");
    f.put("address_string", "Calle Alta 1");
    f.put("phone", phone);
    return f;
  }

  // --- finding 18: Open311 discovery and media_url

  @Test
  void discoveryNeverReflectsTheHostHeader() throws IOException {
    String raw;
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /open311/v2/discovery.json HTTP/1.1\r\nHost: evil.example\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(raw).startsWith("HTTP/1.1 200").doesNotContain("evil.example");
    assertThat(raw).contains("\"url\":\"/open311/v2\"");
  }

  @Test
  void mediaUrlMustBeAnAbsoluteHttpUrl() {
    String apiKey =
        json(http.post(
                "/api/v1/admin/open311/keys", "{\"name\":\"app\"}", bearer(TestServer.ADMIN_TOKEN)))
            .get("apiKey")
            .asText();
    for (String bad :
        List.of(
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "ftp://example.org/a.jpg",
            "/photos/a.jpg",
            "https://",
            "https://example.org/" + "a".repeat(ServiceRequestService.MAX_MEDIA_URL))) {
      Map<String, String> f = form(apiKey, "600111222");
      f.put("media_url", bad);
      HttpResponse<String> r = http.postForm("/open311/v2/requests.json", f);
      assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
      assertThat(json(r).get(0).get("description").asText()).startsWith("media_url:");
    }
    Map<String, String> f = form(apiKey, "600111222");
    f.put("media_url", "https://example.org/photos/a.jpg");
    HttpResponse<String> ok = http.postForm("/open311/v2/requests.json", f);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    String id = json(ok).get(0).get("service_request_id").asText();
    assertThat(
            json(http.get("/open311/v2/requests/" + id + ".json")).get(0).get("media_url").asText())
        .isEqualTo("https://example.org/photos/a.jpg");
  }
}
