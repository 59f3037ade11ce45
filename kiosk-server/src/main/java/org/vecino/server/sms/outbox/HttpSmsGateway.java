package org.vecino.server.sms.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.retry.RetryAfter;

/**
 * The SMS gateway of {@code http.md} over HTTP: {@code POST <url>} with {@code Authorization:
 * Bearer <token>} and {@code {"id","to","text","encoding","segments"}}. 2xx with a {@code
 * messageId} is accepted; 408, 429 (with {@code Retry-After} in seconds or as an HTTP date), 5xx, a
 * timeout or a failed connection are to be retried; any other status is a rejection. Thread-safe;
 * the token is never shown.
 */
public final class HttpSmsGateway implements SmsGateway {
  /** How long one call may take, connection included. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The longest {@code Retry-After} honoured. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final URI url;
  private final String token;
  private final Duration timeout;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final HttpClient client;

  public HttpSmsGateway(URI url, String token, Duration timeout, ObjectMapper mapper, Clock clock) {
    this.url = Objects.requireNonNull(url, "url");
    this.token = Objects.requireNonNull(token, "token");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public GatewayOutcome send(GatewayRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", request.id());
    body.put("to", request.to());
    body.put("text", request.text());
    body.put("encoding", request.encoding());
    body.put("segments", request.segments());
    HttpResponse<String> response;
    try {
      HttpRequest http =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
              .build();
      response = client.send(http, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      return new GatewayOutcome.Retry(
          null, "connection timed out", GatewayOutcome.RetryKind.UNREACHABLE, false);
    } catch (HttpTimeoutException e) {
      return new GatewayOutcome.Retry(
          null,
          "no answer within " + timeout.toSeconds() + " s",
          GatewayOutcome.RetryKind.TIMEOUT,
          true);
    } catch (ConnectException e) {
      return new GatewayOutcome.Retry(
          null, "connection refused", GatewayOutcome.RetryKind.UNREACHABLE, false);
    } catch (IOException | UnresolvedAddressException e) {
      return new GatewayOutcome.Retry(
          null,
          "connection failed (" + e.getClass().getSimpleName() + ")",
          GatewayOutcome.RetryKind.UNREACHABLE,
          true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new GatewayOutcome.Retry(
          null, "interrupted (stopping)", GatewayOutcome.RetryKind.TIMEOUT, true);
    }
    return outcome(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Retry-After").orElse(null));
  }

  GatewayOutcome outcome(int status, String body, String retryAfter) {
    if (status >= 200 && status < 300) {
      String messageId = messageId(body);
      if (messageId == null) {
        return new GatewayOutcome.Retry(
            null,
            "HTTP " + status + " without a messageId",
            GatewayOutcome.RetryKind.SERVER_ERROR,
            true);
      }
      return new GatewayOutcome.Accepted(messageId);
    }
    if (status == 408 || status == 429) {
      return new GatewayOutcome.Retry(
          RetryAfter.parse(retryAfter, clock.instant(), MAX_RETRY_AFTER),
          "HTTP " + status,
          GatewayOutcome.RetryKind.THROTTLED,
          false);
    }
    if (status >= 500 && status < 600) {
      return new GatewayOutcome.Retry(
          RetryAfter.parse(retryAfter, clock.instant(), MAX_RETRY_AFTER),
          "HTTP " + status,
          GatewayOutcome.RetryKind.SERVER_ERROR,
          true);
    }
    return new GatewayOutcome.Rejected(status, "rejected by the gateway: HTTP " + status);
  }

  private String messageId(String body) {
    try {
      JsonNode node = mapper.readTree(body);
      JsonNode id = node == null ? null : node.get("messageId");
      if (id != null && id.isTextual() && !id.asText().isBlank() && id.asText().length() <= 200) {
        return id.asText();
      }
    } catch (IOException e) {
      // not JSON: no message id
    }
    return null;
  }

  @Override
  public Duration callTimeout() {
    return timeout;
  }

  @Override
  public String mode() {
    return "http";
  }

  @Override
  public String toString() {
    return "HttpSmsGateway[" + SmsGatewaySettings.safeUrl(url) + ", token=***]";
  }
}
