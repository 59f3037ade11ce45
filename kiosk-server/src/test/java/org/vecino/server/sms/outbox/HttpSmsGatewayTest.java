package org.vecino.server.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How the gateway's answers map to outcomes, and {@code Retry-After}. */
class HttpSmsGatewayTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private final HttpSmsGateway gateway =
      new HttpSmsGateway(
          URI.create("http://127.0.0.1:1/sms"),
          "gateway-token-0123456789",
          Duration.ofSeconds(10),
          new ObjectMapper(),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    assertThat(HttpSmsGateway.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(HttpSmsGateway.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    assertThat(HttpSmsGateway.retryAfter("Mon, 30 Nov 2026 09:05:00 GMT", NOW))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(HttpSmsGateway.retryAfter("Mon, 30 Nov 2026 08:00:00 GMT", NOW))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpSmsGateway.retryAfter("999999", NOW)).isEqualTo(Duration.ofHours(1));
    assertThat(HttpSmsGateway.retryAfter("soon", NOW)).isNull();
    assertThat(HttpSmsGateway.retryAfter("-5", NOW)).isNull();
    assertThat(HttpSmsGateway.retryAfter(null, NOW)).isNull();
  }

  @Test
  void statusesMapToOutcomes() {
    assertThat(gateway.outcome(200, "{\"messageId\":\"gw-1\"}", null))
        .isEqualTo(new GatewayOutcome.Accepted("gw-1"));
    assertThat(gateway.outcome(202, "{\"messageId\":\"gw-1\"}", null))
        .isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(gateway.outcome(200, "not json", null))
        .isInstanceOfSatisfying(
            GatewayOutcome.Retry.class,
            r -> assertThat(r.kind()).isEqualTo(GatewayOutcome.RetryKind.SERVER_ERROR));
    assertThat(gateway.outcome(429, "", "30"))
        .isEqualTo(
            new GatewayOutcome.Retry(
                Duration.ofSeconds(30), "HTTP 429", GatewayOutcome.RetryKind.THROTTLED, false));
    assertThat(gateway.outcome(408, "", null))
        .isInstanceOfSatisfying(
            GatewayOutcome.Retry.class,
            r -> assertThat(r.kind()).isEqualTo(GatewayOutcome.RetryKind.THROTTLED));
    assertThat(gateway.outcome(503, "", null))
        .isInstanceOfSatisfying(
            GatewayOutcome.Retry.class, r -> assertThat(r.kind().gatewayDown()).isTrue());
    assertThat(gateway.outcome(400, "", null))
        .isEqualTo(new GatewayOutcome.Rejected(400, "rejected by the gateway: HTTP 400"));
    assertThat(gateway.outcome(401, "", null)).isInstanceOf(GatewayOutcome.Rejected.class);
    assertThat(gateway.outcome(404, "", null)).isInstanceOf(GatewayOutcome.Rejected.class);
    assertThat(gateway.outcome(301, "", null)).isInstanceOf(GatewayOutcome.Rejected.class);
    assertThat(gateway.toString()).doesNotContain("gateway-token");
  }

  @Test
  void backoffHasFullJitterUnderAnExponentialCap() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 1.0);
    assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(b.delay(8)).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.delay(1000)).isEqualTo(Duration.ofMinutes(10));
    assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 0.0).delay(6))
        .isZero();
    assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 0.5).delay(3))
        .isEqualTo(Duration.ofSeconds(10));
    Backoff random = Backoff.standard();
    for (int i = 0; i < 200; i++) {
      assertThat(random.delay(3)).isBetween(Duration.ZERO, Duration.ofSeconds(20));
    }
  }
}
