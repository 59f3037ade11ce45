package org.vecino.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.vecino.server.sms.Signatures;

/** Small helpers for the reminder tests: tokens, JSON calls, signed gateway calls. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final TestServer server;

  public ApiClient(TestServer server) {
    this.server = server;
  }

  /** Issues a token with one role through the admin endpoint. */
  public String issue(String name, String role) {
    String body = write(Map.of("name", name, "roles", new String[] {role}));
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/admin/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            "Authorization",
            "Bearer " + TestServer.ADMIN_TOKEN,
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("token").asText();
  }

  public HttpResponse<String> call(String method, String path, String token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token == null) {
      return server.send(b, "Content-Type", "application/json");
    }
    return server.send(b, "Authorization", "Bearer " + token, "Content-Type", "application/json");
  }

  /** A gateway call signed with {@code secret} at {@code unixSeconds}. */
  public HttpResponse<String> signedPost(
      String path, String secret, long unixSeconds, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
        "Content-Type",
        "application/json",
        Signatures.TIMESTAMP_HEADER,
        Long.toString(unixSeconds),
        Signatures.SIGNATURE_HEADER,
        new Signatures(secret).sign(unixSeconds, bytes));
  }

  public static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts a problem document of {@code status} and returns it. */
  public static JsonNode problem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode p = json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    return p;
  }
}
