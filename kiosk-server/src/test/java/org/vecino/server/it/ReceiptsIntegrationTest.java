package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.sms.Signatures;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.sms.outbox.SqlSmsOutbox;
import org.vecino.server.testing.FakeSmsGateway;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestServer;

/**
 * A real server sending to a real test gateway: the signed delivery receipts (signed, unsigned,
 * wrongly signed, old, replayed, invalid), the admin outbox view, {@code /health} and {@code
 * /metrics}; and a server without a secret refusing receipts with 503.
 */
class ReceiptsIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "receipt-secret-0123456789";
  private static final String PATH = "/api/v1/sms/receipts";
  private static MosquittoBroker broker;
  private static FakeSmsGateway gateway;
  private static TestServer server;
  private static SqlSmsOutbox outbox;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoBroker.create().start();
    gateway = FakeSmsGateway.start();
    server =
        TestServer.start(
            dir.resolve("a"),
            broker.url(),
            new SmsGatewaySettings(gateway.url(), "gateway-token-0123456789", SECRET, 8));
    outbox = server.vecino().smsOutbox();
    Instant now = server.clock().instant();
    outbox
        .database()
        .inTransaction(
            c -> {
              for (int i = 1; i <= 6; i++) {
                outbox.enqueue(
                    c,
                    new OutgoingSms(
                        "rem-" + i,
                        "+34600111222",
                        "Cita " + i + " mañana a las 9:30",
                        now,
                        now.plus(Duration.ofHours(2)),
                        "reminder",
                        "apt-" + i));
              }
              return null;
            });
    outbox.wake();
    await().atMost(Duration.ofSeconds(10)).until(() -> outbox.counts().get(SmsStatus.SENT) == 6);
  }

  @AfterAll
  static void stop() {
    server.close();
    gateway.close();
    broker.close();
  }

  private static String receipt(String messageId, String id, String status) {
    return "{\"messageId\":\""
        + messageId
        + "\",\"id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"timestamp\":\"2026-11-30T09:00:05Z\"}";
  }

  private static HttpResponse<String> post(TestServer s, String body, String secret, long ts) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(s.uri(PATH))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (secret == null) {
      return s.send(b, "Content-Type", "application/json");
    }
    String signature = new Signatures(secret).sign(ts, body.getBytes(StandardCharsets.UTF_8));
    return s.send(
        b,
        "Content-Type",
        "application/json",
        Signatures.TIMESTAMP_HEADER,
        Long.toString(ts),
        Signatures.SIGNATURE_HEADER,
        signature);
  }

  private static HttpResponse<String> signed(String body) {
    return post(server, body, SECRET, server.clock().instant().getEpochSecond());
  }

  private static SmsStatus status(String id) {
    return outbox.find(id).orElseThrow().status();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void aSignedReceiptMarksTheMessageDelivered() throws Exception {
    HttpResponse<String> r = signed(receipt("gw-r-1", "rem-1", "delivered"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("result").asText()).isEqualTo("applied");
    assertThat(status("rem-1")).isEqualTo(SmsStatus.DELIVERED);
  }

  @Test
  void failedAndExpiredReceiptsMarkTheMessageFailed() throws Exception {
    assertThat(signed(receipt("gw-r-2", "rem-2", "failed")).statusCode()).isEqualTo(200);
    assertThat(status("rem-2")).isEqualTo(SmsStatus.FAILED);
    assertThat(signed(receipt("gw-r-3", "rem-3", "expired")).statusCode()).isEqualTo(200);
    assertThat(status("rem-3")).isEqualTo(SmsStatus.FAILED);
    assertThat(outbox.find("rem-3").orElseThrow().lastError()).isEqualTo("receipt: expired");
  }

  @Test
  void unsignedWronglySignedOrOldReceiptsAre401AndChangeNothing() throws Exception {
    String body = receipt("gw-r-4", "rem-4", "delivered");
    long now = server.clock().instant().getEpochSecond();
    for (HttpResponse<String> r :
        new HttpResponse[] {
          post(server, body, null, now),
          post(server, body, "another-secret-0123456789", now),
          post(server, body, SECRET, now - 301),
          post(server, body, SECRET, now + 301)
        }) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(json(r).get("status").asInt()).isEqualTo(401);
    }
    // A body changed after signing.
    String signature = new Signatures(SECRET).sign(now, body.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> tampered =
        server.send(
            HttpRequest.newBuilder(server.uri(PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("rem-4", "rem-5"))),
            Signatures.TIMESTAMP_HEADER,
            Long.toString(now),
            Signatures.SIGNATURE_HEADER,
            signature);
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(status("rem-4")).isEqualTo(SmsStatus.SENT);
    assertThat(status("rem-5")).isEqualTo(SmsStatus.SENT);
    // Nothing was recorded either: the same messageId, properly signed, is applied now.
    assertThat(json(signed(body)).get("result").asText()).isEqualTo("applied");
    // Within the 5-minute window is fine.
    assertThat(
            post(server, receipt("gw-r-4b", "rem-4", "delivered"), SECRET, now - 299).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aReplayedMessageIdIsAnswered200AndNotAppliedAgain() throws Exception {
    HttpResponse<String> first = signed(receipt("gw-r-6", "rem-6", "failed"));
    assertThat(json(first).get("result").asText()).isEqualTo("applied");
    assertThat(status("rem-6")).isEqualTo(SmsStatus.FAILED);
    // The same receipt again, and the same messageId with other content: nothing more happens.
    HttpResponse<String> again = signed(receipt("gw-r-6", "rem-6", "failed"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("result").asText()).isEqualTo("duplicate");
    HttpResponse<String> other = signed(receipt("gw-r-6", "rem-6", "delivered"));
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(json(other).get("result").asText()).isEqualTo("duplicate");
    assertThat(status("rem-6")).isEqualTo(SmsStatus.FAILED);
  }

  @Test
  void anUnknownMessageIsAnsweredWithoutChange() throws Exception {
    HttpResponse<String> r = signed(receipt("gw-r-7", "rem-unknown", "delivered"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("result").asText()).isEqualTo("unknownMessage");
  }

  @Test
  void invalidReceiptsAre400Problems() throws Exception {
    HttpResponse<String> missing = signed("{\"messageId\":\"gw-x\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json(missing).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("id", "status", "timestamp");
    HttpResponse<String> bad =
        signed(
            "{\"messageId\":\"gw-y\",\"id\":\"rem-1\",\"status\":\"read\",\"timestamp\":\"yesterday\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("status", "timestamp");
    assertThat(signed("not json").statusCode()).isEqualTo(400);
    assertThat(signed("[1,2]").statusCode()).isEqualTo(400);
    assertThat(
            signed(
                    "{\"messageId\":5,\"id\":\"rem-1\",\"status\":\"delivered\",\"timestamp\":\"2026-11-30T09:00:05Z\"}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void theAdminViewShowsTheOutboxNewestFirstWithThePhoneMasked() throws Exception {
    assertThat(server.get("/api/v1/admin/sms/outbox").statusCode()).isEqualTo(401);
    HttpResponse<String> r = server.getAsAdmin("/api/v1/admin/sms/outbox?limit=3");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode list = json(r);
    assertThat(list).hasSize(3);
    JsonNode first = list.get(0);
    assertThat(first.get("to").asText()).isEqualTo("+34*****1222");
    assertThat(r.body()).doesNotContain("+34600111222");
    assertThat(first.get("text").asText()).startsWith("Cita ").endsWith("mañana a las 9:30");
    assertThat(first.get("encoding").asText()).isEqualTo("GSM-7");
    assertThat(first.get("segments").asInt()).isEqualTo(1);
    assertThat(first.get("gatewayMessageId").asText()).startsWith("gw-");
    assertThat(first.get("createdAt").asText()).endsWith("+01:00");
    HttpResponse<String> unknown = server.getAsAdmin("/api/v1/admin/sms/outbox?status=lost");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("errors").get(0).get("field").asText()).isEqualTo("status");
    assertThat(server.getAsAdmin("/api/v1/admin/sms/outbox?limit=0").statusCode()).isEqualTo(400);
    JsonNode cancelled = json(server.getAsAdmin("/api/v1/admin/sms/outbox?status=cancelled"));
    assertThat(cancelled).isEmpty();
  }

  @Test
  void healthAndMetricsShowTheGateway() throws Exception {
    JsonNode health = json(server.get("/health"));
    JsonNode sms = health.findValue("smsGateway");
    assertThat(sms).as(health.toString()).isNotNull();
    assertThat(sms.toString()).contains("\"mode\":\"http\"").contains("\"breaker\":\"closed\"");
    String metrics = server.get("/metrics").body();
    assertThat(metrics)
        .contains("vecino_sms_gateway_calls_total{result=\"accepted\"} 6")
        .contains("vecino_sms_gateway_calls_total{result=\"unreachable\"} 0")
        .containsPattern("vecino_sms_messages\\{status=\"scheduled\"\\} 0");
  }

  @Test
  void withoutASecretReceiptsAre503AndTheLogGatewayAccepts() throws Exception {
    try (TestServer plain = TestServer.start(dir.resolve("b"), broker.url())) {
      long now = plain.clock().instant().getEpochSecond();
      HttpResponse<String> r = post(plain, receipt("gw-1", "rem-1", "delivered"), SECRET, now);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      SqlSmsOutbox logOutbox = plain.vecino().smsOutbox();
      Instant t = plain.clock().instant();
      logOutbox
          .database()
          .inTransaction(
              c ->
                  logOutbox.enqueue(
                      c,
                      new OutgoingSms(
                          "otp-1",
                          "+34600999888",
                          "Código 1234",
                          t,
                          t.plusSeconds(600),
                          "otp",
                          null)));
      logOutbox.wake();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> logOutbox.find("otp-1").orElseThrow().status() == SmsStatus.SENT);
      assertThat(logOutbox.find("otp-1").orElseThrow().gatewayMessageId()).isEqualTo("log-otp-1");
      JsonNode view = json(plain.getAsAdmin("/api/v1/admin/sms/outbox"));
      assertThat(view.get(0).get("text").asText()).isEqualTo("Código 1234");
      assertThat(json(plain.get("/health")).findValue("smsGateway").get("mode").asText())
          .isEqualTo("log");
    }
  }
}
