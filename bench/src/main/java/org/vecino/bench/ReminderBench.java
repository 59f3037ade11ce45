package org.vecino.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vecino.server.db.Database;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SqlSmsOutbox;

/**
 * Reminder benchmark parts, run by {@code bench/run-reminders}. Every wait is bounded.
 *
 * <ul>
 *   <li>{@code gateway --port P --seconds S}: a local SMS gateway (JDK HttpServer, answers 200
 *       {@code {"messageId"}} and counts distinct ids) that first measures its own maximum request
 *       rate with a client on 1 and on 16 connections, then serves until killed, printing the count
 *       of messages every second ({@code GATEWAY n=<distinct ids>}).
 *   <li>{@code fill --db FILE --due-now N --later M}: an outbox with N messages due now and M due
 *       over the next 30 days, written through the server's own {@link SqlSmsOutbox}; then the time
 *       the dispatcher's queries take with that many rows ({@code nextAttemptAt}, {@code due}).
 * </ul>
 *
 * Lines starting with {@code RESULT} are for scripts.
 */
public final class ReminderBench {
  private static final long SECOND = 1_000_000_000L;

  private ReminderBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args, 1);
    switch (args[0]) {
      case "gateway" -> gateway(a.integer("port", 0), a.integer("seconds", 5));
      case "fill" ->
          fill(Path.of(a.string("db", null)), a.integer("due-now", 5000), a.integer("later", 0));
      case "book" ->
          book(
              a.loopbackUrl("http"),
              a.string("token", null),
              a.integer("count", 20_000),
              a.integer("threads", 16));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.exit(0);
  }

  // ---------------------------------------------------------------------------------------
  // booking through the API

  static void book(String base, String token, int count, int threads) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicLong next = new AtomicLong();
    AtomicLong created = new AtomicLong();
    AtomicLong other = new AtomicLong();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    Instant day = Instant.now().plus(Duration.ofDays(3));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      pool.execute(
          () -> {
            long i;
            while ((i = next.getAndIncrement()) < count) {
              // Appointments every 5 minutes of office hours over the next 60 days.
              Instant startsAt =
                  day.plus(Duration.ofDays(i % 60)).plus(Duration.ofMinutes(5 * (i / 60 % 100)));
              String body =
                  String.format(
                      Locale.ROOT,
                      "{\"phone\":\"+346%08d\",\"startsAt\":\"%s\",\"place\":\"Centro de"
                          + " Salud Cazoña\",\"kind\":\"%s\",\"language\":\"%s\"}",
                      i % 100_000_000,
                      startsAt,
                      i % 3 == 0 ? "municipal" : "medical",
                      i % 5 == 0 ? "en" : "es");
              long q0 = System.nanoTime();
              try {
                HttpResponse<String> r =
                    client.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/appointments/bench-" + i))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .PUT(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                  created.incrementAndGet();
                } else {
                  if (other.incrementAndGet() <= 3) {
                    System.out.println("booking answered " + r.statusCode() + ": " + r.body());
                  }
                }
              } catch (IOException | InterruptedException e) {
                other.incrementAndGet();
              }
              latencies.add(System.nanoTime() - q0);
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    System.out.printf(
        Locale.ROOT,
        "booking through PUT /api/v1/appointments/{id}: %,d created (%,d other answers) in %.1f s"
            + " on %d connections → %,.0f bookings/s; p50 %.1f ms, p99 %.1f ms%n",
        created.get(),
        other.get(),
        seconds,
        threads,
        created.get() / seconds,
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    System.out.printf(Locale.ROOT, "RESULT booking_rate=%.1f%n", created.get() / seconds);
  }

  // ---------------------------------------------------------------------------------------
  // the local gateway

  static void gateway(int port, int seconds) throws Exception {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    AtomicLong calls = new AtomicLong();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    ExecutorService executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext(
        "/sms",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String text = new String(body, StandardCharsets.UTF_8);
          int i = text.indexOf("\"id\":\"");
          String id = i < 0 ? "?" : text.substring(i + 6, text.indexOf('"', i + 6));
          ids.add(id);
          calls.incrementAndGet();
          byte[] answer = ("{\"messageId\":\"gw-" + id + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    int bound = server.getAddress().getPort();
    System.out.printf(Locale.ROOT, "gateway on http://127.0.0.1:%d/sms%n", bound);
    String url = "http://127.0.0.1:" + bound + "/sms";
    double one = maxRate(url, 1, seconds);
    double many = maxRate(url, 16, seconds);
    System.out.printf(
        Locale.ROOT,
        "gateway's own maximum (JDK HttpClient, the client Vecino uses): %,.0f req/s on 1"
            + " connection, %,.0f req/s on 16%n",
        one,
        many);
    System.out.printf(Locale.ROOT, "RESULT gateway_max_1=%.1f gateway_max_16=%.1f%n", one, many);
    ids.clear();
    calls.set(0);
    System.out.println("RESULT gateway_ready port=" + bound);
    System.out.flush();
    while (true) {
      Thread.sleep(1000);
      System.out.printf(Locale.ROOT, "GATEWAY n=%d calls=%d%n", ids.size(), calls.get());
      System.out.flush();
    }
  }

  private static double maxRate(String url, int threads, int seconds) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * SECOND;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      pool.execute(
          () -> {
            long n = 0;
            while (System.nanoTime() < end) {
              String body =
                  "{\"id\":\"max-"
                      + thread
                      + "-"
                      + n++
                      + "\",\"to\":\"+34600000000\",\"text\":\"x\",\"encoding\":\"GSM-7\","
                      + "\"segments\":1}";
              try {
                HttpResponse<String> r =
                    client.send(
                        HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                  done.incrementAndGet();
                }
              } catch (IOException | InterruptedException e) {
                return;
              }
            }
          });
    }
    long t0 = System.nanoTime();
    pool.shutdown();
    pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
    return done.get() / ((System.nanoTime() - t0) / 1e9);
  }

  // ---------------------------------------------------------------------------------------
  // a big outbox

  static void fill(Path file, int dueNow, int later) throws Exception {
    Files.deleteIfExists(file);
    Instant now = Instant.now();
    long t0 = System.nanoTime();
    try (Database db = Database.open(file)) {
      SqlSmsOutbox outbox = new SqlSmsOutbox(db, Clock.systemUTC(), Duration.ofDays(30));
      int batch = 10_000;
      int total = dueNow + later;
      for (int from = 0; from < total; from += batch) {
        int start = from;
        int end = Math.min(total, from + batch);
        db.inTransaction(
            (Connection tx) -> {
              for (int i = start; i < end; i++) {
                Instant due =
                    i < dueNow
                        ? now.minusSeconds(1)
                        : now.plus(Duration.ofMinutes(30 + (long) (i - dueNow) * 43_200 / later));
                outbox.enqueue(
                    tx,
                    new OutgoingSms(
                        String.format(Locale.ROOT, "rem-bench-%08d", i),
                        String.format(Locale.ROOT, "+346%08d", i % 100_000_000),
                        "Cita municipal el martes 1 de diciembre a las 9:30 en Oficina del"
                            + " Vecino Cazona. Responda SI para confirmar.",
                        due,
                        due.plus(Duration.ofDays(1)),
                        "reminder",
                        "bench-" + i));
              }
              return null;
            });
      }
      double fillSeconds = (System.nanoTime() - t0) / 1e9;
      // The dispatcher's two queries with that many rows waiting.
      List<Double> next = new ArrayList<>();
      List<Double> due = new ArrayList<>();
      for (int i = 0; i < 220; i++) {
        long q0 = System.nanoTime();
        outbox.nextAttemptAt();
        long q1 = System.nanoTime();
        outbox.due(Instant.now(), 100);
        long q2 = System.nanoTime();
        if (i >= 20) {
          next.add((q1 - q0) / 1e6);
          due.add((q2 - q1) / 1e6);
        }
      }
      next.sort(null);
      due.sort(null);
      System.out.printf(
          Locale.ROOT,
          "outbox of %,d messages (%,d due now) written in %.1f s (%,.0f/s); next due time found"
              + " in p50 %.3f ms (p99 %.3f ms); the next 100 due read in p50 %.3f ms (p99 %.3f"
              + " ms)%n",
          total,
          dueNow,
          fillSeconds,
          total / fillSeconds,
          next.get(next.size() / 2),
          next.get((int) (next.size() * 0.99)),
          due.get(due.size() / 2),
          due.get((int) (due.size() * 0.99)));
    }
    System.out.printf(Locale.ROOT, "RESULT outbox_bytes=%d%n", Files.size(file));
  }
}
