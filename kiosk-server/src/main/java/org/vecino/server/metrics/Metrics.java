package org.vecino.server.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A small Prometheus registry: labelled counters, latency histograms and gauges, rendered in the
 * text exposition format at {@code /metrics}, plus the JVM's own figures. Thread-safe: counters are
 * {@link LongAdder}s in concurrent maps, cheap on hot paths.
 */
public final class Metrics {
  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  private record Family(String name, String help, String type) {}

  private final Map<String, Family> families = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Histogram>> histograms = new ConcurrentHashMap<>();
  private final Map<String, Map<String, DoubleSupplier>> gauges = new ConcurrentHashMap<>();

  /** Increments a counter; {@code labels} alternate name and value. */
  public void increment(String name, String help, String... labels) {
    add(name, help, 1, labels);
  }

  public void add(String name, String help, long amount, String... labels) {
    families.computeIfAbsent(name, n -> new Family(n, help, "counter"));
    counters
        .computeIfAbsent(name, n -> new ConcurrentHashMap<>())
        .computeIfAbsent(labelText(labels), l -> new LongAdder())
        .add(amount);
  }

  /** The current value of one counter (0 if never incremented). */
  public long counterValue(String name, String... labels) {
    Map<String, LongAdder> m = counters.get(name);
    if (m == null) {
      return 0;
    }
    LongAdder a = m.get(labelText(labels));
    return a == null ? 0 : a.sum();
  }

  /** Records a duration in seconds into a histogram. */
  public void observe(String name, String help, double seconds, String... labels) {
    families.computeIfAbsent(name, n -> new Family(n, help, "histogram"));
    histograms
        .computeIfAbsent(name, n -> new ConcurrentHashMap<>())
        .computeIfAbsent(labelText(labels), l -> new Histogram())
        .observe(seconds);
  }

  /** Registers a gauge read at every scrape. */
  public void gauge(String name, String help, DoubleSupplier value, String... labels) {
    families.computeIfAbsent(name, n -> new Family(n, help, "gauge"));
    gauges.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(labelText(labels), value);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    StringBuilder sb = new StringBuilder(4096);
    for (Family f : new TreeMap<>(families).values()) {
      sb.append("# HELP ").append(f.name()).append(' ').append(f.help()).append('\n');
      sb.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
      switch (f.type()) {
        case "counter" ->
            new TreeMap<>(counters.getOrDefault(f.name(), Map.of()))
                .forEach((l, v) -> line(sb, f.name(), l, v.sum()));
        case "gauge" ->
            new TreeMap<>(gauges.getOrDefault(f.name(), Map.of()))
                .forEach((l, v) -> line(sb, f.name(), l, v.getAsDouble()));
        default ->
            new TreeMap<>(histograms.getOrDefault(f.name(), Map.of()))
                .forEach((l, h) -> h.write(sb, f.name(), l));
      }
    }
    jvm(sb);
    return sb.toString();
  }

  private static void jvm(StringBuilder sb) {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    sb.append("# HELP jvm_memory_used_bytes Memory in use.\n# TYPE jvm_memory_used_bytes gauge\n");
    line(sb, "jvm_memory_used_bytes", "area=\"heap\"", mem.getHeapMemoryUsage().getUsed());
    line(sb, "jvm_memory_used_bytes", "area=\"nonheap\"", mem.getNonHeapMemoryUsage().getUsed());
    sb.append("# HELP jvm_memory_max_bytes Maximum heap.\n# TYPE jvm_memory_max_bytes gauge\n");
    line(sb, "jvm_memory_max_bytes", "area=\"heap\"", mem.getHeapMemoryUsage().getMax());
    sb.append("# HELP jvm_threads_live Live threads.\n# TYPE jvm_threads_live gauge\n");
    line(sb, "jvm_threads_live", "", threads.getThreadCount());
    sb.append("# HELP jvm_gc_collection_seconds_total Time spent in GC.\n")
        .append("# TYPE jvm_gc_collection_seconds_total counter\n");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      line(
          sb,
          "jvm_gc_collection_seconds_total",
          "gc=\"" + escape(gc.getName()) + "\"",
          gc.getCollectionTime() / 1000.0);
    }
    sb.append("# HELP process_uptime_seconds Uptime.\n# TYPE process_uptime_seconds gauge\n");
    line(
        sb,
        "process_uptime_seconds",
        "",
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
  }

  private static void line(StringBuilder sb, String name, String labels, double value) {
    sb.append(name);
    if (!labels.isEmpty()) {
      sb.append('{').append(labels).append('}');
    }
    sb.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      sb.append((long) value);
    } else {
      sb.append(value);
    }
    sb.append('\n');
  }

  private static String labelText(String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs");
    }
    List<String> parts = new ArrayList<>(labels.length / 2);
    for (int i = 0; i < labels.length; i += 2) {
      parts.add(labels[i] + "=\"" + escape(labels[i + 1]) + "\"");
    }
    return String.join(",", parts);
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static final class Histogram {
    private final LongAdder[] buckets = new LongAdder[LATENCY_BUCKETS.length];
    private final LongAdder count = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder sum =
        new java.util.concurrent.atomic.DoubleAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double v) {
      for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
        if (v <= LATENCY_BUCKETS[i]) {
          buckets[i].increment();
          break;
        }
      }
      count.increment();
      sum.add(v);
    }

    void write(StringBuilder sb, String name, String labels) {
      String sep = labels.isEmpty() ? "" : labels + ",";
      long cumulative = 0;
      for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
        cumulative += buckets[i].sum();
        line(sb, name + "_bucket", sep + "le=\"" + LATENCY_BUCKETS[i] + "\"", cumulative);
      }
      line(sb, name + "_bucket", sep + "le=\"+Inf\"", count.sum());
      line(sb, name + "_sum", labels, sum.sum());
      line(sb, name + "_count", labels, count.sum());
    }
  }
}
