package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.ApiClient;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestServer;

/**
 * The security review's HTTP findings: Jetty's own errors (bad %-encoding, bad UTF-8, NUL, long
 * URI, large header) are problem documents too (9); JSON bodies need {@code application/json} (15);
 * every answer says {@code nosniff} and {@code no-referrer} (18).
 */
class HttpHardeningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MosquittoBroker broker;
  private static TestServer server;
  private static ApiClient api;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    broker = MosquittoBroker.create().start();
    server = TestServer.start(dir, broker.url());
    api = new ApiClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
  }

  /** A raw HTTP/1.1 exchange: what the server answers, as written on the wire. */
  private record Raw(int status, Map<String, String> headers, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private static Raw raw(String target, String extraHeader) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + (extraHeader == null ? "" : extraHeader + "\r\n")
              + "Connection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      try {
        while ((n = in.read(buf)) > 0) {
          all.write(buf, 0, n);
        }
      } catch (java.net.SocketException e) {
        // the server may reset after answering a bad request; keep what arrived
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("an HTTP answer to %s", target).isPositive();
      String[] lines = text.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      String body = text.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunk(body);
      }
      return new Raw(status, headers, body);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < chunked.length()) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }

  private static void assertRawProblem(Raw r, int status) throws IOException {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
    assertThat(r.headers().get("x-content-type-options")).isEqualTo("nosniff");
    JsonNode p = r.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("type").asText()).startsWith("https://vecino.city/problems/");
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("<html").doesNotContain("Exception");
  }

  @Test
  void badPercentEncodingIsAProblem() throws Exception {
    assertRawProblem(raw("/api/v1/stops/%zz/arrivals", null), 400);
    assertRawProblem(raw("/open311/v2/services/%zz.json", null), 400);
  }

  @Test
  void invalidUtf8IsAProblem() throws Exception {
    assertRawProblem(raw("/api/v1/stops/%C3%28/arrivals", null), 400);
    assertRawProblem(raw("/ngsi-ld/v1/entities/%C3%28", null), 400);
  }

  @Test
  void nulInThePathIsAProblem() throws Exception {
    assertRawProblem(raw("/api/v1/stops/13%00/arrivals", null), 400);
    assertRawProblem(raw("/health%00", null), 400);
  }

  @Test
  void aLongUriIsAProblem() throws Exception {
    assertRawProblem(raw("/api/v1/stops?q=" + "a".repeat(20 * 1024), null), 414);
  }

  @Test
  void aLargeHeaderIsAProblem() throws Exception {
    assertRawProblem(raw("/api/v1/stops?q=x", "X-Big: " + "b".repeat(20 * 1024)), 431);
  }

  @Test
  void everyAnswerSaysNosniffAndNoReferrer() {
    for (HttpResponse<String> r :
        java.util.List.of(
            server.get("/health"),
            server.get("/api/v1/stops?q=ayunta"),
            server.get("/api/v1/no-such-endpoint"),
            server.get("/"),
            server.get("/openapi.json"))) {
      assertThat(r.headers().firstValue("X-Content-Type-Options"))
          .as(r.uri().toString())
          .hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy"))
          .as(r.uri().toString())
          .hasValue("no-referrer");
    }
  }

  private static HttpResponse<String> post(String path, String contentType, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    return contentType == null
        ? server.send(b, "Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        : server.send(
            b, "Authorization", "Bearer " + TestServer.ADMIN_TOKEN, "Content-Type", contentType);
  }

  @Test
  void jsonBodiesNeedTheJsonMediaType() throws Exception {
    String otp = "{\"phone\":\"600111222\"}";
    for (String type :
        new String[] {
          "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null
        }) {
      JsonNode p = ApiClient.problem(post("/api/v1/office/otp", type, otp), 415);
      assertThat(p.get("detail").asText()).contains("application/json");
      ApiClient.problem(post("/api/v1/sms/analyze", type, "{\"text\":\"hola\"}"), 415);
      ApiClient.problem(
          post("/api/v1/admin/tokens", type, "{\"name\":\"x\",\"roles\":[\"admin\"]}"), 415);
    }
    ApiClient.problem(
        post("/api/v1/sms/analyze", "application/json; charset=iso-8859-1", "{\"text\":\"h\"}"),
        415);
    HttpResponse<String> put =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/appointments/ct-1"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")),
            "Authorization",
            "Bearer " + TestServer.ADMIN_TOKEN,
            "Content-Type",
            "text/plain");
    ApiClient.problem(put, 415);
    // application/json, with or without a charset, is read as before.
    assertThat(post("/api/v1/sms/analyze", "application/json", "{\"text\":\"hola\"}").statusCode())
        .isEqualTo(200);
    assertThat(
            post("/api/v1/sms/analyze", "Application/JSON; charset=UTF-8", "{\"text\":\"hola\"}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void signedGatewayCallsAndOpen311FormsKeepTheirOwnMediaTypes() throws Exception {
    // The signed callbacks are checked by signature, not by media type (503 here: no secret).
    assertThat(post("/api/v1/sms/receipts", "text/plain", "{}").statusCode()).isEqualTo(503);
    assertThat(post("/api/v1/sms/inbound", "text/plain", "{}").statusCode()).isEqualTo(503);
    // Open311 takes the GeoReport form; a wrong api_key is a 4xx problem, not a 415.
    HttpResponse<String> form =
        post(
            "/open311/v2/requests.json",
            "application/x-www-form-urlencoded",
            "api_key=nope&service_code=x");
    assertThat(form.statusCode()).isNotEqualTo(415).isBetween(400, 499);
    ApiClient.problem(post("/open311/v2/requests.json", "text/plain", "api_key=nope"), 415);
  }
}
