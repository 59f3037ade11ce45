package org.vecino.server.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How the gateway's answers map to outcomes. */
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
}
