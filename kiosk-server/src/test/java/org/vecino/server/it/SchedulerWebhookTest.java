package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vecino.server.testing.ApiClient.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.config.ReminderSettings;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.sms.Signatures;
import org.vecino.server.testing.ApiClient;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestServer;

/**
 * The webhook to the scheduling system against a real JDK HttpServer receiver: signed events on SI
 * and ANULAR, a retry after a 500, none after a 400.
 */
class SchedulerWebhookTest {
  private static final String GATEWAY_SECRET = "gateway-secret-0123456789";
  private static final String WEBHOOK_SECRET = "webhook-secret-0123456789";
  private static MosquittoBroker broker;
  private static TestServer server;
  private static HttpServer receiver;
  private static ApiClient api;
  private static String scheduler;
  @TempDir static Path dir;

  /** A request the receiver got. */
  record Received(String timestamp, String signature, byte[] body, JsonNode json) {}

  private static final List<Received> received = new CopyOnWriteArrayList<>();

  /** Statuses the receiver answers for an externalId, in order; 200 when none left. */
  private static final Map<String, Deque<Integer>> script = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          JsonNode json = ApiClient.JSON.readTree(body);
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst(Signatures.TIMESTAMP_HEADER),
                  exchange.getRequestHeaders().getFirst(Signatures.SIGNATURE_HEADER),
                  body,
                  json));
          Deque<Integer> q = script.get(json.path("externalId").asText());
          Integer status = q == null ? null : q.pollFirst();
          exchange.sendResponseHeaders(status == null ? 200 : status, -1);
          exchange.close();
        });
    receiver.start();
    broker = MosquittoBroker.create().start();
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    server =
        TestServer.start(
            dir,
            broker.url(),
            ReminderSettings.defaults().withWebhook(hook, WEBHOOK_SECRET),
            new SmsGatewaySettings(
                null, null, GATEWAY_SECRET, SmsGatewaySettings.DEFAULT_MAX_ATTEMPTS),
            TestServer.MONDAY_10AM);
    api = new ApiClient(server);
    scheduler = api.issue("health system", "scheduler");
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
    receiver.stop(0);
  }

  @BeforeEach
  void resetClock() {
    server.clock().set(TestServer.MONDAY_10AM);
  }

  private static void book(String id, String phone) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phone", phone);
    m.put("startsAt", "2026-12-01T12:30:00+01:00");
    m.put("place", "Cazoña");
    m.put("kind", "municipal");
    assertThat(api.call("PUT", "/api/v1/appointments/" + id, scheduler, write(m)).statusCode())
        .isEqualTo(201);
  }

  private static void reply(String phone, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messageId", UUID.randomUUID().toString());
    m.put("from", phone);
    m.put("text", text);
    long ts = server.clock().instant().getEpochSecond();
    assertThat(api.signedPost("/api/v1/sms/inbound", GATEWAY_SECRET, ts, write(m)).statusCode())
        .isEqualTo(200);
  }

  private static List<Received> receivedFor(String externalId) {
    return received.stream()
        .filter(r -> r.json().path("externalId").asText().equals(externalId))
        .toList();
  }

  @Test
  void aConfirmationIsPostedSignedWithTheWebhookSecret() {
    book("wh-1", "+34622000001");
    reply("+34622000001", "SI");
    await().atMost(Duration.ofSeconds(10)).until(() -> receivedFor("wh-1").size() == 1);
    Received r = receivedFor("wh-1").get(0);
    assertThat(r.json().get("type").asText()).isEqualTo("appointment.confirmed");
    assertThat(r.json().get("id").asText()).startsWith("evt-");
    assertThat(r.json().get("at").asText()).isEqualTo("2026-11-30T10:00:00+01:00");
    assertThat(r.json().size()).isEqualTo(4);
    assertThat(
            new Signatures(WEBHOOK_SECRET)
                .verify(r.timestamp(), r.signature(), r.body(), server.clock().instant()))
        .isTrue();
    assertThat(
            new Signatures(GATEWAY_SECRET)
                .verify(r.timestamp(), r.signature(), r.body(), server.clock().instant()))
        .isFalse();
    // Confirming again sends nothing more.
    reply("+34622000001", "SI");
    reply("+34622000001", "ANULAR");
    await().atMost(Duration.ofSeconds(10)).until(() -> receivedFor("wh-1").size() == 2);
    assertThat(receivedFor("wh-1").get(1).json().get("type").asText())
        .isEqualTo("appointment.cancelled");
  }

  @Test
  void a500IsRetriedWithTheSameEventIdAfterTheBackoff() throws Exception {
    script.put("wh-500", new ArrayDeque<>(List.of(500, 503)));
    book("wh-500", "+34622000002");
    reply("+34622000002", "ANULAR");
    await().atMost(Duration.ofSeconds(10)).until(() -> receivedFor("wh-500").size() == 1);
    // No retry before the backoff has passed on the clock.
    await()
        .during(Duration.ofMillis(1_500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receivedFor("wh-500").size() == 1);
    // The first retry waits 10 s ± 20 % of the clock, the second 20 s ± 20 %.
    server.clock().advance(Duration.ofSeconds(13));
    await().atMost(Duration.ofSeconds(10)).until(() -> receivedFor("wh-500").size() == 2);
    server.clock().advance(Duration.ofSeconds(25));
    await().atMost(Duration.ofSeconds(10)).until(() -> receivedFor("wh-500").size() == 3);
    List<Received> all = receivedFor("wh-500");
    assertThat(all)
        .extracting(r -> r.json().get("id").asText())
        .containsOnly(all.get(0).json().get("id").asText());
    server.clock().advance(Duration.ofHours(2));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> receivedFor("wh-500").size() == 3);
  }

  @Test
  void a400IsNotRetried() throws Exception {
    script.put("wh-400", new ArrayDeque<>(List.of(400)));
    book("wh-400", "+34622000003");
    reply("+34622000003", "SI");
    await().atMost(Duration.ofSeconds(10)).until(() -> receivedFor("wh-400").size() == 1);
    server.clock().advance(Duration.ofHours(3));
    await()
        .during(Duration.ofMillis(2_500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> receivedFor("wh-400").size() == 1);
  }
}
