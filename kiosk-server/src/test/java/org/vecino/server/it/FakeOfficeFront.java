package org.vecino.server.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A JDK HTTP server in front of the real Vecino for the kiosk's browser tests: it answers the
 * office endpoints of {@code office-api.md} (kiosk info, heartbeat, procedures, offices, slots,
 * one-time code, session, appointments, bookings with one taken slot, kiosk service requests,
 * Open311 services and status) as that contract says, and relays everything else (the pages, the
 * transit and parking API) to the real server. It stands in for the office backend until that is on
 * this branch, and records what the kiosk sent. Thread-safe.
 */
final class FakeOfficeFront implements AutoCloseable {
  static final String SESSION = "sess-test-1";
  static final String CODE = "123456";
  static final String PHONE = "600111222";

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicBoolean firstNineTaken = new AtomicBoolean(true);
  private final HttpServer http;
  private final int target;
  private final HttpClient client = HttpClient.newHttpClient();

  FakeOfficeFront(int target) throws IOException {
    this.target = target;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::handle);
    http.start();
  }

  int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      String query =
          ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String kiosk = ex.getRequestHeaders().getFirst("X-Kiosk-Id");
      boolean en = query.contains("lang=en");
      boolean office =
          path.startsWith("/api/v1/office/")
              || path.startsWith("/api/v1/kiosks/")
              || path.startsWith("/open311/");
      if (office) {
        calls.add(method + " " + path + "?" + query + " auth=" + auth + " kiosk=" + kiosk);
        if (!body.isEmpty()) {
          bodies.add(path + " " + body);
        }
      }
      String date = query.replaceAll(".*date=([0-9-]{10}).*", "$1");
      if (!query.contains("date=")) {
        date = "2026-11-30"; // the server's today (its clock), not the browser's
      }
      switch (method + " " + path) {
        case "GET /api/v1/kiosks/k-cazona" ->
            json(
                ex,
                200,
                "{\"id\":\"k-cazona\","
                    + "\"name\":\"Oficina del Vecino Cazoña\",\"location\":{\"lat\":43.4577,\"lon\":-3.8556},"
                    + "\"stops\":[\"13\",\"1\"],\"parking\":[\"pz-italia\"],\"officeId\":\"of-cazona\"}");
        case "POST /api/v1/kiosks/k-cazona/heartbeat" -> json(ex, 204, null);
        case "POST /api/v1/office/otp" -> {
          if (body.contains("\"" + PHONE + "\"")) {
            json(
                ex,
                202,
                "{\"expiresAt\":\"2026-11-30T10:10:00+01:00\",\"phone\":\"+34*****1222\"}");
          } else {
            problem(
                ex,
                400,
                "{\"type\":\"about:blank\",\"title\":\"Invalid\",\"status\":400,"
                    + "\"errors\":[{\"field\":\"phone\",\"message\":\"not a phone number\"}]}");
          }
        }
        case "POST /api/v1/office/session" -> {
          if (body.contains("\"" + CODE + "\"")) {
            json(
                ex,
                201,
                "{\"sessionToken\":\""
                    + SESSION
                    + "\","
                    + "\"expiresAt\":\"2026-11-30T10:15:00+01:00\",\"phone\":\"+34*****1222\"}");
          } else {
            problem(ex, 401, "{\"type\":\"about:blank\",\"title\":\"Wrong code\",\"status\":401}");
          }
        }
        case "DELETE /api/v1/office/session" -> json(ex, 204, null);
        case "GET /api/v1/office/my/appointments" -> {
          if (!("Bearer " + SESSION).equals(auth)) {
            problem(ex, 401, "{\"type\":\"about:blank\",\"title\":\"No session\",\"status\":401}");
          } else {
            json(
                ex,
                200,
                "[{\"id\":\"b-7\",\"kind\":\"office\",\"title\":\""
                    + (en ? "Registration certificate" : "Certificado de empadronamiento")
                    + "\",\"place\":\"Oficina del Vecino Cazoña\","
                    + "\"startsAt\":\"2026-12-01T09:30:00+01:00\",\"status\":\"booked\","
                    + "\"cancellable\":true},{\"id\":\"m-1\",\"kind\":\"medical\",\"title\":\""
                    + (en ? "Medical appointment" : "Cita médica")
                    + "\",\"place\":\"Centro de Salud Cazoña\",\"startsAt\":\"2026-12-02T11:00:00+01:00\","
                    + "\"status\":\"confirmed\",\"cancellable\":false}]");
          }
        }
        case "GET /api/v1/office/procedures" -> json(ex, 200, "[" + procedure(en) + "]");
        case "GET /api/v1/office/procedures/padron-certificate" -> json(ex, 200, procedure(en));
        case "GET /api/v1/office/offices" ->
            json(
                ex,
                200,
                "[{\"id\":\"of-cazona\","
                    + "\"name\":\"Oficina del Vecino Cazoña\",\"address\":\"Calle Cazoña 1\","
                    + "\"location\":{\"lat\":43.4577,\"lon\":-3.8556},\"hours\":\"L-V 9:00-14:00\"}]");
        case "GET /api/v1/office/offices/of-cazona/slots" ->
            json(
                ex,
                200,
                "{\"officeId\":\"of-cazona\",\"procedureId\":\"padron-certificate\",\"date\":\""
                    + date
                    + "\",\"slots\":[{\"start\":\""
                    + date
                    + "T09:00:00+01:00\",\"free\":1},"
                    + "{\"start\":\""
                    + date
                    + "T09:15:00+01:00\",\"free\":2}]}");
        case "POST /api/v1/office/bookings" -> {
          if (body.contains("T09:00:00") && firstNineTaken.getAndSet(false)) {
            problem(
                ex,
                409,
                "{\"type\":\"https://vecino.example/problems/slot-taken\","
                    + "\"title\":\"Slot taken\",\"status\":409}");
          } else {
            String start = body.replaceAll(".*\"start\":\"([^\"]+)\".*", "$1");
            json(
                ex,
                201,
                "{\"id\":\"b-8\",\"officeId\":\"of-cazona\","
                    + "\"procedureId\":\"padron-certificate\",\"start\":\""
                    + start
                    + "\",\"end\":\""
                    + start
                    + "\",\"status\":\"booked\",\"place\":\"Oficina del Vecino Cazoña\"}");
          }
        }
        case "GET /open311/v2/services.json" ->
            json(
                ex,
                200,
                "[{\"service_code\":\"streetlight\","
                    + "\"service_name\":\""
                    + (en ? "Street light out" : "Farola apagada")
                    + "\","
                    + "\"description\":\""
                    + (en ? "A street light does not work" : "Una farola no funciona")
                    + "\",\"metadata\":true,\"type\":\"realtime\",\"keywords\":\"\",\"group\":\"street\"}]");
        case "GET /open311/v2/services/streetlight.json" ->
            json(
                ex,
                200,
                "{\"service_code\":\"streetlight\",\"attributes\":[{\"variable\":true,\"code\":\"kind\","
                    + "\"datatype\":\"singlevaluelist\",\"required\":true,\"order\":1,\"description\":\""
                    + (en ? "What happens" : "Qué le pasa")
                    + "\",\"values\":[{\"key\":\"off\",\"name\":\""
                    + (en ? "It is off" : "Está apagada")
                    + "\"},{\"key\":\"flicker\",\"name\":\""
                    + (en ? "It flickers" : "Parpadea")
                    + "\"}]}]}");
        case "POST /api/v1/office/requests" ->
            json(
                ex,
                201,
                "{\"serviceRequestId\":\"1001\",\"status\":\"open\",\"serviceName\":\"Farola apagada\"}");
        case "GET /open311/v2/requests/1001.json" ->
            json(
                ex,
                200,
                "[{\"service_request_id\":\"1001\","
                    + "\"status\":\"open\",\"status_notes\":\""
                    + (en ? "Crew assigned" : "Equipo asignado")
                    + "\",\"service_name\":\"Farola apagada\"}]");
        default -> relay(ex, method, path, query, body);
      }
    } finally {
      ex.close();
    }
  }

  private static String procedure(boolean en) {
    return "{\"id\":\"padron-certificate\",\"name\":\""
        + (en ? "Registration certificate" : "Certificado de empadronamiento")
        + "\",\"summary\":\""
        + (en ? "Proof of where you live." : "Prueba de dónde vive.")
        + "\",\"who\":\""
        + (en ? "Anyone registered." : "Cualquier persona empadronada.")
        + "\",\"documents\":[\"DNI\"],\"fee\":\""
        + (en ? "Free" : "Gratuito")
        + "\",\"channel\":\"appointment\",\"slotMinutes\":15}";
  }

  private static void json(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "application/json", body);
  }

  private static void problem(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "application/problem+json", body);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void relay(HttpExchange ex, String method, String path, String query, String body)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + target + path + (query.isEmpty() ? "" : "?" + query)));
    b.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    for (String h : List.of("If-None-Match", "Content-Type", "Authorization", "X-Kiosk-Id")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        b.header(h, v);
      }
    }
    HttpResponse<byte[]> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    for (String h : List.of("Content-Type", "ETag", "Content-Security-Policy", "Cache-Control")) {
      r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
    }
    byte[] bytes = r.body();
    if (r.statusCode() == 304 || bytes.length == 0) {
      ex.sendResponseHeaders(r.statusCode(), -1);
      return;
    }
    ex.sendResponseHeaders(r.statusCode(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
