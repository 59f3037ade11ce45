package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vecino.server.testing.OfficeHttp.bearer;
import static org.vecino.server.testing.OfficeHttp.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.OfficeHttp;
import org.vecino.server.testing.TestServer;

/**
 * Many citizens press "book" on the same slot at the same moment: exactly as many as the slot's
 * capacity get it, every other one gets 409 slot-taken, and the slot is then full.
 */
class ParallelBookingTest {
  private static final int CITIZENS = 16;
  private static final String SLOT = "2026-12-01T11:00:00+01:00";

  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();
  @TempDir Path dir;
  private TestServer server;
  private OfficeHttp http;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, broker.url());
    http = new OfficeHttp(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int free(String procedure, String date, String start) {
    JsonNode day =
        json(
            http.get(
                "/api/v1/office/offices/of-cazona/slots?procedure=" + procedure + "&date=" + date));
    for (JsonNode s : day.get("slots")) {
      if (s.get("start").asText().equals(start)) {
        return s.get("free").asInt();
      }
    }
    return 0;
  }

  private List<Integer> fireTogether(String procedure, List<String> sessions) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(sessions.size()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String body =
        "{\"officeId\":\"of-cazona\",\"procedureId\":\""
            + procedure
            + "\",\"start\":\""
            + SLOT
            + "\"}";
    CountDownLatch ready = new CountDownLatch(sessions.size());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (String token : sessions) {
        futures.add(
            pool.submit(
                () -> {
                  HttpRequest request =
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:" + server.port() + "/api/v1/office/bookings"))
                          .header("Content-Type", "application/json")
                          .headers(bearer(token))
                          .timeout(Duration.ofSeconds(30))
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build();
                  ready.countDown();
                  go.await();
                  CompletableFuture<HttpResponse<String>> f =
                      client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                  HttpResponse<String> r = f.get();
                  if (r.statusCode() == 409) {
                    assertThat(json(r).get("type").asText()).endsWith("/slot-taken");
                  }
                  return r.statusCode();
                }));
      }
      ready.await();
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<String> sessions(String prefix) {
    // The codes are asked at the Cazoña kiosk, proven by its device token.
    String device = http.kioskToken("k-cazona");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < CITIZENS; i++) {
      out.add(http.session(String.format("%s%02d", prefix, i), bearer(device)));
      if (i % 2 == 1) {
        // Stay within the 30 codes per kiosk per hour.
        server.clock().advance(Duration.ofMinutes(1));
      }
    }
    return out;
  }

  @Test
  void exactlyCapacityBookingsSucceedTheRestGet409() throws Exception {
    // Empadronamiento at Cazoña: 2 places per slot.
    assertThat(free("padron-registration", "2026-12-01", SLOT)).isEqualTo(2);
    List<Integer> statuses = fireTogether("padron-registration", sessions("6440000"));
    Map<Integer, Long> counts =
        statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertThat(counts).containsOnlyKeys(201, 409);
    assertThat(counts.get(201)).isEqualTo(2);
    assertThat(counts.get(409)).isEqualTo(CITIZENS - 2);
    assertThat(free("padron-registration", "2026-12-01", SLOT)).isZero();
    // Each booking is reminded through the real reminder service.
    assertThat(server.vecino().reminders().counts()).containsEntry("appointment.booked", 2L);
  }

  @Test
  void theLastFreePlaceGoesToExactlyOneCitizen() throws Exception {
    // Registro general at Cazoña: 2 places; one is taken first, then everybody races for the last.
    String first = http.session("655000000");
    assertThat(
            http.post(
                    "/api/v1/office/bookings",
                    "{\"officeId\":\"of-cazona\",\"procedureId\":\"general-registry\",\"start\":\""
                        + SLOT
                        + "\"}",
                    bearer(first))
                .statusCode())
        .isEqualTo(201);
    assertThat(free("general-registry", "2026-12-01", SLOT)).isEqualTo(1);
    List<Integer> statuses = fireTogether("general-registry", sessions("6660000"));
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(CITIZENS - 1);
    assertThat(free("general-registry", "2026-12-01", SLOT)).isZero();
  }
}
