package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.sms.outbox.OutboxEntry;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.testing.FakeSmsGateway;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestServer;

/**
 * One-time codes in the durable outbox (security review, finding 5): with a real gateway the admin
 * view never shows a code and the outbox erases it once handed over (or failed); without one (the
 * demo, where the view is the delivery channel) the view shows it until its validity ends, and then
 * it is erased.
 */
class SecretSmsIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MosquittoBroker broker;
  private static FakeSmsGateway gateway;
  private static TestServer real;
  private static TestServer demo;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoBroker.create().start();
    gateway = FakeSmsGateway.start();
    real =
        TestServer.start(
            dir.resolve("real"),
            broker.url(),
            new SmsGatewaySettings(
                gateway.url(), "gateway-token-0123456789", "secret-0123456789", 8));
    demo = TestServer.start(dir.resolve("demo"), broker.url());
  }

  @AfterAll
  static void stop() {
    real.close();
    demo.close();
    gateway.close();
    broker.close();
  }

  private static void askCode(TestServer server, String phone) {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/office/otp"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}")),
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static OutboxEntry otp(TestServer server, String e164) {
    return server.vecino().smsOutbox().recent(null, 100).stream()
        .filter(e -> e164.equals(e.phone()) && e.purpose().equals("otp"))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode adminView(TestServer server, String id) throws Exception {
    JsonNode list = JSON.readTree(server.getAsAdmin("/api/v1/admin/sms/outbox").body());
    for (JsonNode e : list) {
      if (e.get("id").asText().equals(id)) {
        return e;
      }
    }
    throw new AssertionError("not in the admin view: " + id);
  }

  @Test
  void withARealGatewayTheViewNeverShowsACodeAndTheOutboxErasesItOnceSent() throws Exception {
    // The gateway is down at first: the code waits in the outbox, readable only by the dispatcher.
    gateway.answer(503);
    askCode(real, "600777001");
    String id = otp(real, "+34600777001").id();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gateway.calls().stream().anyMatch(c -> c.id().equals(id)));
    OutboxEntry waiting = real.vecino().smsOutbox().find(id).orElseThrow();
    assertThat(waiting.status()).isEqualTo(SmsStatus.SCHEDULED);
    assertThat(waiting.secret()).isTrue();
    String code = waiting.text().replaceAll("\\D+", " ").trim().split(" ")[0];
    assertThat(code).hasSize(6);
    JsonNode shown = adminView(real, id);
    assertThat(shown.get("text").asText()).isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    assertThat(shown.toString()).doesNotContain(code);

    // Once the gateway takes it, the code is gone from the database too.
    gateway.answer(200);
    real.clock().advance(Duration.ofMinutes(2));
    real.vecino().smsOutbox().wake();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> real.vecino().smsOutbox().find(id).orElseThrow().status() == SmsStatus.SENT);
    assertThat(gateway.calls().stream().filter(c -> c.id().equals(id)).toList())
        .last()
        .satisfies(c -> assertThat(c.text()).contains(code));
    assertThat(real.vecino().smsOutbox().find(id).orElseThrow().text())
        .isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    assertThat(adminView(real, id).toString()).doesNotContain(code);
  }

  @Test
  void withARealGatewayARejectedCodeIsErasedToo() {
    gateway.answer(400);
    askCode(real, "600777002");
    String id = otp(real, "+34600777002").id();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> real.vecino().smsOutbox().find(id).orElseThrow().status() == SmsStatus.FAILED);
    assertThat(real.vecino().smsOutbox().find(id).orElseThrow().text())
        .isEqualTo(SqlSmsOutbox.ERASED_SECRET);
    gateway.answer(200);
  }

  @Test
  void withoutAGatewayTheViewShowsTheCodeUntilItsValidityEnds() throws Exception {
    askCode(demo, "600777003");
    OutboxEntry sent = otp(demo, "+34600777003");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                demo.vecino().smsOutbox().find(sent.id()).orElseThrow().status() == SmsStatus.SENT);
    String code = sent.text().replaceAll("\\D+", " ").trim().split(" ")[0];
    assertThat(code).hasSize(6);
    assertThat(adminView(demo, sent.id()).get("text").asText()).contains(code);

    // The code is valid 10 minutes; after that the outbox keeps no readable copy.
    demo.clock().advance(Duration.ofMinutes(11));
    demo.vecino().smsOutbox().wake();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                SqlSmsOutbox.ERASED_SECRET.equals(
                    demo.vecino().smsOutbox().find(sent.id()).orElseThrow().text()));
    assertThat(adminView(demo, sent.id()).toString()).doesNotContain(code);
    demo.clock().set(TestServer.MONDAY_10AM);
  }
}
