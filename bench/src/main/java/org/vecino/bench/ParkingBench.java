package org.vecino.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vecino.bench.ServerProbe.Counts;
import org.vecino.server.db.Database;
import org.vecino.server.parking.ParkingRepository;
import org.vecino.server.parking.ParkingRepository.HistoryWrite;

/**
 * Parking benchmark, run by {@code bench/run-parking}: a city of 20,000 single-space sensors in 200
 * street zones and 50 counted car parks. Every wait is bounded.
 *
 * <ul>
 *   <li>{@code catalog --out FILE}: writes that city's parking catalog (deterministic).
 *   <li>{@code bare}: a bare Paho subscriber counts M spot messages published as fast as the broker
 *       acknowledges them → {@code rate_bare}. Run it while Vecino is not connected.
 *   <li>{@code server}: with Vecino subscribed, (b) the same M messages → {@code rate_vecino},
 *       until {@code vecino_mqtt_messages_total{topic_kind="parking.spots"}} has grown by M; (c) a
 *       paced 2,000 msg/s for 60 s, sampling the backlog (published − handled) every second.
 *   <li>{@code history --db FILE --days N}: N simulated days of five-minute history of the 250
 *       facilities written through the server's own {@link ParkingRepository} (rolled up as in
 *       service), then the database size and the time to read one facility's day.
 * </ul>
 *
 * Lines starting with {@code RESULT} are for scripts.
 */
public final class ParkingBench {
  static final int ZONES = 200;
  static final int SPOTS_PER_ZONE = 100;
  static final int CAR_PARKS = 50;
  private static final long SECOND = 1_000_000_000L;
  private static final long MAX_PHASE_NANOS = 300 * SECOND;

  private ParkingBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ParkingBench catalog|bare|server|history [--name value ...]");
      System.exit(2);
    }
    BenchArgs a = BenchArgs.parse(args, 1);
    switch (args[0]) {
      case "catalog" -> writeCatalog(Path.of(a.string("out", null)));
      case "bare" ->
          bare(a.loopbackUrl("mqtt"), a.string("prefix", "city"), a.integer("messages", 120_000));
      case "server" -> {
        String mqtt = a.loopbackUrl("mqtt");
        ServerProbe probe = new ServerProbe(a.loopbackUrl("http"), "parking.spots");
        String prefix = a.string("prefix", "city");
        throughput(mqtt, prefix, probe, a.integer("messages", 120_000), a.decimal("bare-rate", 0));
        int rate = a.integer("sustained-rate", 2_000);
        sustained(mqtt, prefix, probe, rate, a.integer("sustained-seconds", 60), "(c)");
        int loaded = a.integer("loaded-seconds", 0);
        if (loaded > 0) {
          // The same ingest while signs and kiosks poll the API at a fixed rate.
          String http = a.loopbackUrl("http");
          List<Poller> pollers =
              List.of(
                  new Poller(http, "/health/live", a.integer("poll-live", 100)),
                  new Poller(http, "/api/v1/parking?spots=false", a.integer("poll-counts", 100)),
                  new Poller(http, "/api/v1/parking", a.integer("poll-list", 5)));
          pollers.forEach(Poller::start);
          sustained(mqtt, prefix, probe, rate, loaded, "(d)");
          for (Poller poller : pollers) {
            poller.stop();
          }
          Poller live = pollers.get(0);
          for (Poller poller : pollers) {
            poller.report(live);
          }
        }
      }
      case "history" -> history(Path.of(a.string("db", null)), a.integer("days", 30));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.exit(0);
  }

  static String zoneId(int z) {
    return String.format(Locale.ROOT, "zb-%03d", z);
  }

  static String spotId(int i) {
    return String.format(Locale.ROOT, "zb-%03d-%03d", i / SPOTS_PER_ZONE, i % SPOTS_PER_ZONE);
  }

  static String carParkId(int c) {
    return String.format(Locale.ROOT, "cp-%02d", c);
  }

  static int spots() {
    return ZONES * SPOTS_PER_ZONE;
  }

  /** All facility ids: the car parks, then the zones. */
  static List<String> facilityIds() {
    List<String> ids = new ArrayList<>();
    for (int c = 0; c < CAR_PARKS; c++) {
      ids.add(carParkId(c));
    }
    for (int z = 0; z < ZONES; z++) {
      ids.add(zoneId(z));
    }
    return ids;
  }

  // ---------------------------------------------------------------------------------------
  // catalog

  static void writeCatalog(Path out) throws IOException {
    StringBuilder sb = new StringBuilder(1 << 20);
    sb.append("{\"$comment\":\"Benchmark city: ")
        .append(CAR_PARKS)
        .append(" car parks, ")
        .append(ZONES)
        .append(" zones of ")
        .append(SPOTS_PER_ZONE)
        .append(" sensors (generated by ParkingBench)\",\"staleAfter\":\"30m\",\"facilities\":[");
    Random random = new Random(42);
    for (int c = 0; c < CAR_PARKS; c++) {
      sb.append(c == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(carParkId(c))
          .append("\",\"name\":\"Aparcamiento ")
          .append(c + 1)
          .append("\",\"type\":\"offStreet\",\"location\":")
          .append(location(random))
          .append(",\"capacity\":")
          .append(150 + random.nextInt(500))
          .append('}');
    }
    for (int z = 0; z < ZONES; z++) {
      sb.append(",{\"id\":\"")
          .append(zoneId(z))
          .append("\",\"name\":\"Zona ")
          .append(z + 1)
          .append("\",\"type\":\"onStreet\",\"location\":")
          .append(location(random))
          .append(",\"spots\":[");
      for (int s = 0; s < SPOTS_PER_ZONE; s++) {
        sb.append(s == 0 ? "" : ",").append('"').append(spotId(z * SPOTS_PER_ZONE + s)).append('"');
      }
      sb.append("]}");
    }
    sb.append("]}\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, sb, StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "catalog %s: %d car parks, %d zones, %,d spots%n",
        out,
        CAR_PARKS,
        ZONES,
        spots());
  }

  private static String location(Random r) {
    return String.format(
        Locale.ROOT,
        "{\"lat\":%.5f,\"lon\":%.5f}",
        43.455 + r.nextDouble() * 0.025,
        -3.83 + r.nextDouble() * 0.05);
  }

  // ---------------------------------------------------------------------------------------
  // publishing

  static String topic(String prefix, int spot) {
    return prefix + "/parking/spots/" + spotId(spot);
  }

  /** A spot message: occupied or not by the message's number, stamped now to the millisecond. */
  static byte[] payload(long seq) {
    return ("{\"timestamp\":\""
            + BenchPublisher.now()
            + "\",\"occupied\":"
            + ((seq / spots()) % 2 == 0)
            + ",\"batteryPercent\":"
            + (40 + seq % 60)
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Publishes {@code m} messages round-robin over the spots, as fast as the window allows. */
  private static void publishFlat(BenchPublisher pub, String prefix, int m, long firstSeq)
      throws Exception {
    int n = spots();
    for (int i = 0; i < m; i++) {
      long seq = firstSeq + i;
      pub.publishTo(topic(prefix, (int) (seq % n)), payload(seq));
    }
    pub.awaitAcks(60_000);
  }

  // ---------------------------------------------------------------------------------------
  // (a) bare subscriber

  static void bare(String mqtt, String prefix, int m) throws Exception {
    AtomicLong received = new AtomicLong();
    AtomicLong lastNanos = new AtomicLong();
    CountDownLatch all = new CountDownLatch(1);
    MqttAsyncClient sub =
        new MqttAsyncClient(mqtt, "vecino-bench-sub-" + UUID.randomUUID(), new MemoryPersistence());
    sub.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {
            System.out.println("bare subscriber lost its connection: " + cause);
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            if (received.incrementAndGet() == m) {
              lastNanos.set(System.nanoTime());
              all.countDown();
            }
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(30);
    sub.connect(o).waitForCompletion(10_000);
    sub.subscribe(prefix + "/parking/spots/+", 1).waitForCompletion(10_000);
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      long t0 = System.nanoTime();
      publishFlat(pub, prefix, m, 0);
      boolean complete = all.await(MAX_PHASE_NANOS, TimeUnit.NANOSECONDS);
      long end = complete ? lastNanos.get() : System.nanoTime();
      double seconds = (end - t0) / 1e9;
      double rate = (complete ? m : received.get()) / seconds;
      System.out.printf(
          Locale.ROOT,
          "(a) bare Paho subscriber, QoS 1, %,d spot messages over %,d spots: received %,d in"
              + " %.2f s → %,.0f msg/s%s%n",
          m,
          spots(),
          received.get(),
          seconds,
          rate,
          complete ? "" : " (INCOMPLETE)");
      System.out.printf(Locale.ROOT, "RESULT parking_rate_bare=%.1f%n", rate);
    } finally {
      sub.disconnect().waitForCompletion(10_000);
      sub.close();
    }
  }

  // ---------------------------------------------------------------------------------------
  // (b) throughput through Vecino

  private static void throughput(
      String mqtt, String prefix, ServerProbe probe, int m, double bareRate) throws Exception {
    Counts base = probe.counts();
    long t0 = System.nanoTime();
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      publishFlat(pub, prefix, m, 1_000_000L);
    }
    Counts d = base;
    long deadline = t0 + MAX_PHASE_NANOS;
    long lastChange = System.nanoTime();
    long lastHandled = -1;
    while (System.nanoTime() < deadline) {
      d = probe.counts().minus(base);
      if (d.handled() >= m) {
        break;
      }
      if (d.handled() != lastHandled) {
        lastHandled = d.handled();
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > 20 * SECOND) {
        break;
      }
      LockSupport.parkNanos(50_000_000L);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double rate = d.handled() / seconds;
    String verdict =
        bareRate <= 0
            ? "-"
            : (rate / bareRate >= 0.5 && d.handled() >= m ? "PASS" : "MISS") + " (target ≥ 0.5×)";
    System.out.printf(
        Locale.ROOT,
        "(b) through Vecino: %,d published, %,d handled (%,d applied) in %.2f s → %,.0f msg/s,"
            + " %.2f× the bare subscriber: %s%n",
        m,
        d.handled(),
        d.applied(),
        seconds,
        rate,
        bareRate > 0 ? rate / bareRate : 0,
        verdict);
    System.out.printf(Locale.ROOT, "RESULT parking_rate_vecino=%.1f%n", rate);
  }

  // ---------------------------------------------------------------------------------------
  // (c) sustained

  private static void sustained(
      String mqtt, String prefix, ServerProbe probe, int rate, int seconds, String label)
      throws Exception {
    Counts base = probe.counts();
    long maxBacklog = 0;
    long[] backlogs = new long[seconds];
    long sent = 0;
    long seq = 5_000_000L;
    long start = System.nanoTime();
    long interval = SECOND / rate;
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      long next = start;
      for (int s = 0; s < seconds; s++) {
        long secondEnd = start + (s + 1) * SECOND;
        while (next < secondEnd) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          pub.publishTo(topic(prefix, (int) (seq % spots())), payload(seq));
          seq++;
          sent++;
          next += interval;
        }
        long backlog = sent - probe.counts().minus(base).handled();
        backlogs[s] = backlog;
        maxBacklog = Math.max(maxBacklog, backlog);
      }
      pub.awaitAcks(30_000);
    }
    double publishSeconds = (System.nanoTime() - start) / 1e9;
    long lastPublish = System.nanoTime();
    Counts d = probe.counts().minus(base);
    while (d.handled() < sent && System.nanoTime() - lastPublish < 30 * SECOND) {
      LockSupport.parkNanos(20_000_000L);
      d = probe.counts().minus(base);
    }
    double drain = (System.nanoTime() - lastPublish) / 1e9;
    long half = Arrays.stream(backlogs, 0, seconds / 2).max().orElse(0);
    long lastHalf = Arrays.stream(backlogs, seconds / 2, seconds).max().orElse(0);
    boolean pass = d.handled() >= sent && maxBacklog <= rate && lastHalf <= Math.max(half, rate);
    System.out.printf(
        Locale.ROOT,
        "%s sustained %,d msg/s for %d s%s: %,d published in %.1f s (%,.0f msg/s), %,d handled"
            + " (%,d applied); backlog max %,d messages (first half %,d, second half %,d), drained"
            + " %.2f s after the last publish: %s (target: no backlog growth, ≤ 1 s behind)%n",
        label,
        rate,
        seconds,
        label.equals("(d)") ? " while the API is polled" : "",
        sent,
        publishSeconds,
        sent / publishSeconds,
        d.handled(),
        d.applied(),
        maxBacklog,
        half,
        lastHalf,
        drain,
        pass ? "PASS" : "MISS");
    System.out.printf(
        Locale.ROOT, "RESULT parking_sustained%s_max_backlog=%d%n", label, maxBacklog);
  }

  // ---------------------------------------------------------------------------------------
  // history size and reads

  static void history(Path file, int days) throws Exception {
    Files.deleteIfExists(file);
    List<String> ids = facilityIds();
    int[] capacity = new int[ids.size()];
    Random random = new Random(7);
    for (int i = 0; i < capacity.length; i++) {
      capacity[i] = i < CAR_PARKS ? 150 + random.nextInt(500) : SPOTS_PER_ZONE;
    }
    Instant end = Instant.parse("2026-11-30T00:00:00Z");
    Instant start = end.minus(Duration.ofDays(days));
    long rows = 0;
    long t0 = System.nanoTime();
    try (Database db = Database.open(file)) {
      ParkingRepository repo = new ParkingRepository(db, Duration.ofDays(400));
      for (int d = 0; d < days; d++) {
        Instant dayStart = start.plus(Duration.ofDays(d));
        List<HistoryWrite> writes = new ArrayList<>(288 * ids.size());
        for (int b = 0; b < 288; b++) {
          Instant t = dayStart.plus(Duration.ofMinutes(5L * b));
          double load = 0.5 + 0.4 * Math.sin(Math.PI * (b - 96) / 144.0);
          for (int f = 0; f < ids.size(); f++) {
            int cap = capacity[f];
            int free = (int) Math.max(0, Math.min(cap, cap * (1 - load) + random.nextInt(7) - 3));
            writes.add(new HistoryWrite(ids.get(f), t, free, cap));
          }
        }
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        db.inTransaction(
            tx -> {
              repo.recordHistory(tx, writes, dayEnd);
              return null;
            });
        rows += writes.size();
      }
    }
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    long bytes = Files.size(file);
    // Reads: one facility's day, as GET /api/v1/parking/{id}/history does by default.
    List<Double> millis = new ArrayList<>();
    int points = 0;
    try (Database db = Database.open(file)) {
      ParkingRepository repo = new ParkingRepository(db, Duration.ofDays(400));
      Random r = new Random(11);
      for (int i = 0; i < 1200; i++) {
        String id = ids.get(r.nextInt(ids.size()));
        Instant from = end.minus(Duration.ofDays(1 + r.nextInt(Math.min(days, 28))));
        long q0 = System.nanoTime();
        points = repo.history(id, from, from.plus(Duration.ofDays(1))).size();
        if (i >= 200) { // the first 200 warm the JIT and the page cache
          millis.add((System.nanoTime() - q0) / 1e6);
        }
      }
    }
    millis.sort(null);
    double p50 = millis.get(millis.size() / 2);
    double p99 = millis.get((int) (millis.size() * 0.99));
    System.out.printf(
        Locale.ROOT,
        "(e) history of %d days, %d facilities: %,d five-minute values written in %.1f s;"
            + " database %,.1f MB (%.1f bytes per value written); one facility's day (%d"
            + " buckets) read in p50 %.2f ms, p99 %.2f ms%n",
        days,
        ids.size(),
        rows,
        writeSeconds,
        bytes / 1e6,
        (double) bytes / rows,
        points,
        p50,
        p99);
    System.out.printf(
        Locale.ROOT,
        "RESULT parking_history_days=%d bytes=%d day_read_p50_ms=%.3f day_read_p99_ms=%.3f%n",
        days,
        bytes,
        p50,
        p99);
  }

  /**
   * Polls one path at a fixed rate from 8 threads and records each answer's latency from the moment
   * it was due (so a slow answer also delays the next ones' figures: no coordinated omission).
   */
  static final class Poller {
    private final java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String base;
    private final String path;
    private final int rate;
    private final java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean running;
    private Thread scheduler;

    Poller(String base, String path, int rate) {
      this.base = base;
      this.path = path;
      this.rate = rate;
    }

    void start() {
      running = true;
      scheduler =
          new Thread(
              () -> {
                long interval = SECOND / rate;
                long next = System.nanoTime();
                while (running) {
                  long due = next;
                  pool.execute(() -> get(due));
                  next += interval;
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                }
              },
              "poller " + path);
      scheduler.start();
    }

    private void get(long due) {
      try {
        java.net.http.HttpResponse<byte[]> r =
            client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          errors.incrementAndGet();
        }
        bytes.set(r.body().length);
      } catch (Exception e) {
        errors.incrementAndGet();
      }
      latencies.add(System.nanoTime() - due);
    }

    void stop() throws InterruptedException {
      running = false;
      scheduler.join();
      pool.shutdown();
      pool.awaitTermination(20, TimeUnit.SECONDS);
    }

    double percentile(double p) {
      List<Long> sorted = new ArrayList<>(latencies);
      sorted.sort(null);
      return sorted.isEmpty()
          ? 0
          : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size())) / 1e6;
    }

    void report(Poller baseline) {
      double p99 = percentile(0.99);
      System.out.printf(
          Locale.ROOT,
          "(d) GET %-28s %4d req/s: %,6d answers (%,d bytes each), p50 %7.2f ms, p99 %7.2f ms"
              + " (%.2f× the baseline's p99), max %7.2f ms, %d errors%n",
          path,
          rate,
          latencies.size(),
          bytes.get(),
          percentile(0.5),
          p99,
          p99 / Math.max(0.001, baseline.percentile(0.99)),
          percentile(1.0),
          errors.get());
    }
  }
}
