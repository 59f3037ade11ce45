package org.vecino.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** HTTP helpers for the office tests: JSON and form calls, problems, citizen sessions. */
public final class OfficeHttp {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final TestServer server;
  private final OutboxReader outbox;

  public OfficeHttp(TestServer server) {
    this.server = server;
    this.outbox = new OutboxReader(server);
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }

  public static String[] bearer(String token, String... more) {
    List<String> h = new ArrayList<>(List.of("Authorization", "Bearer " + token));
    h.addAll(List.of(more));
    return h.toArray(String[]::new);
  }

  public HttpResponse<String> get(String path, String... headers) {
    return server.get(path, headers);
  }

  public HttpResponse<String> post(String path, String json, String... headers) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  public HttpResponse<String> patch(String path, String json, String... headers) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  public HttpResponse<String> delete(String path, String... headers) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).DELETE(), headers);
  }

  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public HttpResponse<String> postForm(String path, Map<String, String> fields) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
  }

  /** Asserts a problem+json answer of {@code status}; returns it. */
  public static JsonNode problem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode p = json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception");
    return p;
  }

  /**
   * Asks a code for {@code phone} (with {@code otpHeaders}, e.g. a kiosk's device token) and opens
   * a session with it; returns the session token.
   */
  public String session(String phone, String... otpHeaders) {
    HttpResponse<String> otp =
        post("/api/v1/office/otp", "{\"phone\":\"" + phone + "\"}", otpHeaders);
    assertThat(otp.statusCode()).as(otp.body()).isEqualTo(202);
    String e164 = "+34" + phone;
    HttpResponse<String> s =
        post(
            "/api/v1/office/session",
            "{\"phone\":\"" + phone + "\",\"code\":\"" + outbox.lastCode(e164) + "\"}");
    assertThat(s.statusCode()).as(s.body()).isEqualTo(201);
    return json(s).get("sessionToken").asText();
  }

  /** Issues a device token bound to kiosk {@code kioskId} as admin; returns its secret. */
  public String kioskToken(String kioskId) {
    return issueToken(
        "{\"name\":\"kiosk "
            + kioskId
            + "\",\"roles\":[\"kiosk\"],\"kioskId\":\""
            + kioskId
            + "\"}");
  }

  /** The headers of a kiosk page's call: its device token and its id. */
  public static String[] kiosk(String deviceToken, String kioskId) {
    return bearer(deviceToken, "X-Kiosk-Id", kioskId);
  }

  /** Issues a bearer token with {@code body} as admin; returns its secret. */
  public String issueToken(String body) {
    HttpResponse<String> r =
        post("/api/v1/admin/tokens", body, "Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("token").asText();
  }
}
