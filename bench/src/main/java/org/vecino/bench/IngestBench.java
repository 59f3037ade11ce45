package org.vecino.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vecino.bench.BenchArgs.StopEntry;
import org.vecino.bench.ServerProbe.Counts;

/**
 * MQTT ingest benchmark: arrival predictions published to a Mosquitto on 127.0.0.1, QoS 1, across
 * the stops of a stop list. Run by {@code bench/run}; every wait is bounded.
 *
 * <ul>
 *   <li>{@code bare}: a bare Paho subscriber counts M messages published as fast as the broker
 *       acknowledges them (at most 1,000 in flight) → {@code rate_bare}, msg/s from the first
 *       publish to the last message received. Run it while Vecino is not connected.
 *   <li>{@code seed}: one snapshot per stop, stamped at the start of the minute with ETAs in whole
 *       minutes (so boards, and their ETags, change only on the minute), then waits until Vecino
 *       has handled them. Gives the HTTP benchmark real-time rows.
 *   <li>{@code server}: with Vecino subscribed, (b) the same M messages → {@code rate_vecino},
 *       msg/s from the first publish until the applied counter of {@code /metrics} has grown by M;
 *       (c) a paced 5,000 msg/s for 30 s, sampling the backlog (published − applied) every second;
 *       (d) freshness at 1,000 msg/s for 20 s: one message in 50 names a unique vehicle, and a
 *       poller reads the stop's arrivals until it shows, giving publish→visible latency.
 * </ul>
 *
 * <p>Usage: {@code IngestBench bare|seed|server --mqtt tcp://127.0.0.1:PORT --stops FILE [--http
 * http://127.0.0.1:PORT] [--prefix city] [--messages 100000] [--bare-rate R] [--sustained-rate
 * 5000] [--sustained-seconds 30] [--fresh-rate 1000] [--fresh-seconds 20] [--fresh-sample 50]}.
 * Lines starting with {@code RESULT} are for scripts.
 */
public final class IngestBench {
  private static final long SECOND = 1_000_000_000L;
  private static final long MAX_PHASE_NANOS = 300 * SECOND;
  private static final long STALL_NANOS = 20 * SECOND;
  private static final long FRESH_TIMEOUT_NANOS = 2 * SECOND;

  private final String mqtt;
  private final String prefix;
  private final List<StopEntry> stops;
  private final ServerProbe probe;
  private boolean allPassed = true;

  private IngestBench(String mqtt, String prefix, List<StopEntry> stops, ServerProbe probe) {
    this.mqtt = mqtt;
    this.prefix = prefix;
    this.stops = stops;
    this.probe = probe;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: IngestBench bare|seed|server --mqtt URL --stops FILE [...]");
      System.exit(2);
    }
    BenchArgs a = BenchArgs.parse(args, 1);
    String mode = args[0];
    ServerProbe probe = mode.equals("bare") ? null : new ServerProbe(a.loopbackUrl("http"));
    IngestBench bench =
        new IngestBench(
            a.loopbackUrl("mqtt"),
            a.string("prefix", "city"),
            BenchArgs.readStops(Path.of(a.string("stops", null))),
            probe);
    int messages = a.integer("messages", 100_000);
    switch (mode) {
      case "bare" -> bench.bare(messages);
      case "seed" -> bench.seed();
      case "server" -> {
        bench.throughput(messages, a.decimal("bare-rate", 0));
        bench.sustained(a.integer("sustained-rate", 5_000), a.integer("sustained-seconds", 30));
        bench.freshness(
            a.integer("fresh-rate", 1_000),
            a.integer("fresh-seconds", 20),
            a.integer("fresh-sample", 50));
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    if (!bench.allPassed) {
      System.out.println("ingest " + mode + ": not every target met (MISS or INCOMPLETE above)");
    }
    // Exits 0 once measured, misses included; an error ends it with an exception (status 1).
    System.exit(0);
  }

  // ---------------------------------------------------------------------------------------
  // (a) bare subscriber

  private void bare(int m) throws Exception {
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
    sub.subscribe(prefix + "/transit/stops/+/arrivals", 1).waitForCompletion(10_000);
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      long t0 = System.nanoTime();
      publishFlat(pub, m);
      double publishS = (System.nanoTime() - t0) / 1e9;
      boolean complete = all.await(MAX_PHASE_NANOS, TimeUnit.NANOSECONDS);
      long end = complete ? lastNanos.get() : System.nanoTime();
      double seconds = (end - t0) / 1e9;
      double rate = (complete ? m : received.get()) / seconds;
      System.out.printf(
          Locale.ROOT,
          "(a) bare Paho subscriber, QoS 1: %,d messages published in %.2f s; received %,d in"
              + " %.2f s → %,.0f msg/s%s%n",
          m,
          publishS,
          received.get(),
          seconds,
          rate,
          complete ? "" : " (INCOMPLETE: not all received within the time limit)");
      System.out.printf(Locale.ROOT, "RESULT rate_bare=%.1f%n", rate);
      allPassed &= complete;
    } finally {
      sub.disconnect().waitForCompletion(10_000);
      sub.close();
    }
  }

  /** Publishes {@code m} snapshots round-robin over the stops, as fast as the window allows. */
  private void publishFlat(BenchPublisher pub, int m) throws Exception {
    int n = stops.size();
    for (int i = 0; i < m; i++) {
      StopEntry s = stops.get(i % n);
      pub.publish(s.id(), BenchPublisher.payload(s.lines(), i, BenchPublisher.now(), null, 60));
    }
    pub.awaitAcks(60_000);
  }

  // ---------------------------------------------------------------------------------------
  // seed

  private void seed() throws Exception {
    awaitSubscribed();
    Counts base = probe.counts();
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long t0 = System.nanoTime();
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      for (int i = 0; i < stops.size(); i++) {
        StopEntry s = stops.get(i);
        pub.publish(s.id(), BenchPublisher.payload(s.lines(), i, minute, null, 60 * (1 + i % 10)));
      }
      pub.awaitAcks(30_000);
    }
    Counts d = awaitHandled(base, stops.size(), t0 + 60 * SECOND);
    System.out.printf(
        Locale.ROOT,
        "seeded %,d stops with predictions stamped %s: %,d applied, %,d handled in %.2f s%n",
        stops.size(),
        minute,
        d.applied(),
        d.handled(),
        (System.nanoTime() - t0) / 1e9);
    allPassed &= d.handled() >= stops.size();
  }

  /**
   * Waits (at most 60 s) until Vecino handles a message: its subscription exists only once it has
   * connected, and a message published before that would be lost to it.
   */
  private void awaitSubscribed() throws Exception {
    long deadline = System.nanoTime() + 60 * SECOND;
    StopEntry s = stops.get(0);
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      while (System.nanoTime() < deadline) {
        Counts base = probe.counts();
        pub.publish(
            s.id(),
            BenchPublisher.payload(
                s.lines(), 0, Instant.now().truncatedTo(ChronoUnit.MINUTES), null, 60));
        Counts d = awaitHandled(base, 1, System.nanoTime() + SECOND / 2);
        if (d.handled() > 0) {
          return;
        }
      }
    }
    throw new IllegalStateException(
        "Vecino handled no MQTT message within 60 s: not subscribed, or no "
            + ServerProbe.METRIC
            + "{result=\"applied\",topic_kind=\"transit.arrivals\"} in /metrics");
  }

  // ---------------------------------------------------------------------------------------
  // (b) throughput through Vecino

  private void throughput(int m, double bareRate) throws Exception {
    Counts base = probe.counts();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long t0;
    long reached = -1;
    Counts d = new Counts(0, 0);
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      Thread publisher = thread("publisher", failure, () -> publishFlat(pub, m));
      t0 = System.nanoTime();
      publisher.start();
      long lastProgress = t0;
      long lastHandled = 0;
      while (System.nanoTime() - t0 < MAX_PHASE_NANOS && failure.get() == null) {
        LockSupport.parkNanos(50_000_000L);
        d = probe.counts().minus(base);
        long now = System.nanoTime();
        if (d.applied() >= m) {
          reached = now;
          break;
        }
        if (d.handled() > lastHandled) {
          lastHandled = d.handled();
          lastProgress = now;
        }
        if (!publisher.isAlive() && d.handled() >= m) {
          break; // everything handled, not all applied
        }
        if (now - lastProgress > STALL_NANOS) {
          System.out.println(
              "(b) no progress for 20 s: is "
                  + ServerProbe.METRIC
                  + "{result=\"applied\",topic_kind=\"transit.arrivals\"} exported?");
          break;
        }
      }
      publisher.join(60_000);
    }
    rethrow(failure);
    boolean complete = reached > 0;
    double seconds = ((complete ? reached : System.nanoTime()) - t0) / 1e9;
    double rate = (complete ? m : d.applied()) / seconds;
    System.out.printf(
        Locale.ROOT,
        "(b) through Vecino: %,d published, %,d applied, %,d handled in %.2f s → %,.0f msg/s"
            + " applied%s%n",
        m,
        d.applied(),
        d.handled(),
        seconds,
        rate,
        complete ? "" : " (INCOMPLETE)");
    System.out.printf(Locale.ROOT, "RESULT rate_vecino=%.1f%n", rate);
    if (bareRate > 0) {
      double ratio = rate / bareRate;
      boolean pass = complete && ratio >= 0.5;
      allPassed &= pass;
      System.out.printf(
          Locale.ROOT,
          "    ratio to bare subscriber: %.2f× (target ≥ 0.5×) %s%n",
          ratio,
          pass ? "PASS" : "MISS");
      System.out.printf(Locale.ROOT, "RESULT ingest_ratio=%.3f%n", ratio);
    } else {
      allPassed &= complete;
    }
    awaitHandled(base, m, System.nanoTime() + 60 * SECOND);
  }

  // ---------------------------------------------------------------------------------------
  // (c) sustained rate

  private void sustained(int rate, int seconds) throws Exception {
    Counts base = probe.counts();
    long total = (long) rate * seconds;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Long> backlogs = new ArrayList<>();
    long maxBacklog = 0;
    long endBacklog;
    double achieved;
    double drainS = -1;
    Counts d;
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      AtomicLong lastPublish = new AtomicLong();
      long t0 = System.nanoTime();
      Thread publisher =
          thread(
              "paced-publisher",
              failure,
              () -> lastPublish.set(publishPaced(pub, rate, total, t0, null)));
      publisher.start();
      // Sample at each whole second; stop sampling as soon as the publisher is done.
      for (int k = 1; k <= seconds + 5 && failure.get() == null; k++) {
        long wake = t0 + k * SECOND;
        for (long w = wake - System.nanoTime();
            w > 0 && publisher.isAlive();
            w = wake - System.nanoTime()) {
          publisher.join(Math.max(1, w / 1_000_000));
        }
        if (!publisher.isAlive()) {
          break;
        }
        long sent = pub.sent();
        d = probe.counts().minus(base);
        long backlog = Math.max(0, sent - d.applied());
        backlogs.add(backlog);
        maxBacklog = Math.max(maxBacklog, backlog);
      }
      publisher.join(60_000);
      rethrow(failure);
      long end = lastPublish.get() > 0 ? lastPublish.get() : System.nanoTime();
      d = probe.counts().minus(base);
      endBacklog = Math.max(0, pub.sent() - d.applied());
      maxBacklog = Math.max(maxBacklog, endBacklog);
      achieved = pub.sent() / ((end - t0) / 1e9);
      long deadline = System.nanoTime() + 60 * SECOND;
      while (d.handled() < pub.sent() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(10_000_000L);
        d = probe.counts().minus(base);
      }
      if (d.handled() >= pub.sent()) {
        drainS = Math.max(0, (System.nanoTime() - end) / 1e9);
      }
      pub.awaitAcks(60_000);
    }
    boolean rateOk = achieved >= 0.95 * rate;
    boolean pass = rateOk && maxBacklog <= rate && drainS >= 0 && drainS <= 1.0;
    allPassed &= pass;
    System.out.printf(
        Locale.ROOT,
        "(c) sustained %,d msg/s for %d s: published at %,.0f msg/s; backlog (published −"
            + " applied) max %,d, at end %,d; all handled %s after the last publish;"
            + " not applied %,d%n",
        rate,
        seconds,
        achieved,
        maxBacklog,
        endBacklog,
        drainS < 0 ? "NOT within 60 s" : String.format(Locale.ROOT, "%.2f s", drainS),
        d.handled() - d.applied());
    System.out.println("    backlog each second: " + backlogs);
    System.out.printf(
        Locale.ROOT,
        "    target: never more than 1 s (%,d msgs) behind, drained within 1 s %s%s%n",
        rate,
        pass ? "PASS" : "MISS",
        rateOk ? "" : " (the publisher did not reach the rate: machine saturated)");
    System.out.printf(
        Locale.ROOT,
        "RESULT sustained_rate=%.1f sustained_backlog_max=%d sustained_backlog_end=%d%n",
        achieved,
        maxBacklog,
        endBacklog);
  }

  /** A sampled message of the freshness run: the vehicle to look for, and when it was sent. */
  private record Sample(String stopId, String vehicle, long publishedNanos) {}

  /**
   * Publishes {@code total} snapshots at {@code rate} msg/s from {@code t0}, round-robin over the
   * stops. Every {@code sampleEvery}-th message (when {@code onSample} is set) names a unique
   * vehicle, due in 30 s, and is handed to {@code onSample} once published. Returns when the last
   * is published (not yet acknowledged).
   */
  private long publishPaced(BenchPublisher pub, int rate, long total, long t0, SampleSink onSample)
      throws Exception {
    long interval = SECOND / rate;
    int n = stops.size();
    long i = 0;
    long hardEnd = t0 + (total / rate) * SECOND + 60 * SECOND;
    while (i < total && System.nanoTime() < hardEnd) {
      long due = Math.min(total, (System.nanoTime() - t0) / interval + 1);
      for (; i < due; i++) {
        StopEntry s = stops.get((int) (i % n));
        boolean sample = onSample != null && i % onSample.every() == 0;
        String vehicle = sample ? "fresh-" + i : null;
        byte[] payload =
            BenchPublisher.payload(s.lines(), i, BenchPublisher.now(), vehicle, sample ? 30 : 90);
        long before = System.nanoTime();
        pub.publish(s.id(), payload);
        if (sample) {
          onSample.accept(new Sample(s.id(), vehicle, before));
        }
      }
      long wait = t0 + i * interval - System.nanoTime();
      if (wait > 0 && i < total) {
        LockSupport.parkNanos(wait);
      }
    }
    return System.nanoTime();
  }

  /** Receives sampled messages. */
  private interface SampleSink {
    int every();

    void accept(Sample sample);
  }

  // ---------------------------------------------------------------------------------------
  // (d) freshness

  private void freshness(int rate, int seconds, int sampleEvery) throws Exception {
    Counts base = probe.counts();
    long total = (long) rate * seconds;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger timeouts = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService pollers =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "freshness-poller");
              t.setDaemon(true);
              return t;
            });
    SampleSink sink =
        new SampleSink() {
          @Override
          public int every() {
            return sampleEvery;
          }

          @Override
          public void accept(Sample s) {
            pollers.execute(() -> pollUntilVisible(s, latencies, timeouts, failure));
          }
        };
    try (BenchPublisher pub = new BenchPublisher(mqtt, prefix)) {
      long t0 = System.nanoTime();
      publishPaced(pub, rate, total, t0, sink);
      pub.awaitAcks(60_000);
    } finally {
      pollers.shutdown();
      if (!pollers.awaitTermination(30, TimeUnit.SECONDS)) {
        pollers.shutdownNow();
      }
    }
    rethrow(failure);
    awaitHandled(base, total, System.nanoTime() + 60 * SECOND);
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    int samples = sorted.size() + timeouts.get();
    double p50 = percentileMs(sorted, samples, 0.50);
    double p99 = percentileMs(sorted, samples, 0.99);
    double max =
        timeouts.get() > 0 || sorted.isEmpty()
            ? Double.POSITIVE_INFINITY
            : ms(sorted.get(sorted.size() - 1));
    boolean pass = samples > 0 && p99 < 100;
    allPassed &= pass;
    System.out.printf(
        Locale.ROOT,
        "(d) freshness at %,d msg/s for %d s: %d samples (1 in %d), publish→visible p50 %s,"
            + " p99 %s, max %s; not visible within 2 s: %d%n",
        rate,
        seconds,
        samples,
        sampleEvery,
        fmtMs(p50),
        fmtMs(p99),
        fmtMs(max),
        timeouts.get());
    System.out.printf(Locale.ROOT, "    target: p99 < 100 ms %s%n", pass ? "PASS" : "MISS");
    System.out.printf(
        Locale.ROOT,
        "RESULT fresh_p50_ms=%.1f fresh_p99_ms=%.1f fresh_timeouts=%d%n",
        p50,
        p99,
        timeouts.get());
  }

  private void pollUntilVisible(
      Sample s, List<Long> latencies, AtomicInteger timeouts, AtomicReference<Throwable> failure) {
    String needle = "\"" + s.vehicle() + "\"";
    try {
      while (System.nanoTime() - s.publishedNanos() < FRESH_TIMEOUT_NANOS) {
        String body = probe.arrivals(s.stopId());
        if (body != null && body.contains(needle)) {
          latencies.add(System.nanoTime() - s.publishedNanos());
          return;
        }
        LockSupport.parkNanos(1_000_000L);
      }
      timeouts.incrementAndGet();
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }

  /** The p-th percentile; samples beyond {@code sorted} (timeouts) count as infinitely slow. */
  private static double percentileMs(List<Long> sorted, int samples, double p) {
    if (samples == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * samples) - 1;
    return index < sorted.size() ? ms(sorted.get(Math.max(0, index))) : Double.POSITIVE_INFINITY;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static String fmtMs(double ms) {
    return Double.isInfinite(ms) ? ">2000 ms" : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  // ---------------------------------------------------------------------------------------
  // helpers

  /** Waits (polling /metrics every 20 ms, until {@code deadline}) until n more are handled. */
  private Counts awaitHandled(Counts base, long n, long deadline) throws Exception {
    Counts d = probe.counts().minus(base);
    while (d.handled() < n && System.nanoTime() < deadline) {
      LockSupport.parkNanos(20_000_000L);
      d = probe.counts().minus(base);
    }
    return d;
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Thread thread(String name, AtomicReference<Throwable> failure, Work work) {
    Thread t =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (Throwable e) {
                failure.compareAndSet(null, e);
              }
            },
            name);
    t.setDaemon(true);
    return t;
  }

  private static void rethrow(AtomicReference<Throwable> failure) throws Exception {
    Throwable t = failure.get();
    if (t instanceof Exception e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }
}
