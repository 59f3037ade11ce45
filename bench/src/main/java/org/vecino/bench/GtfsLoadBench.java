package org.vecino.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vecino.core.transit.gtfs.GtfsFeed;
import org.vecino.core.transit.gtfs.GtfsLoader;

/**
 * Loads a GTFS feed a few times and prints, per load, the time it took, the heap the loaded feed
 * retains after full GCs, and the peak heap during the load. Run it with the heap a city server
 * would get ({@code -Xmx512m}) to show the feed fits.
 *
 * <p>{@code main(feedDir [runs])}; runs defaults to 3. The previous feed is dropped before each
 * load, so a load never competes with an older copy.
 */
public final class GtfsLoadBench {
  private GtfsLoadBench() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: GtfsLoadBench <feedDir|feed.zip> [runs]");
      System.exit(2);
    }
    Path feedPath = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<MemoryPoolMXBean> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    System.out.printf(
        Locale.ROOT,
        "GTFS load: %s, %d runs, max heap %d MiB, %s %s, %d CPUs%n",
        feedPath,
        runs,
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());

    GtfsFeed feed = null;
    long before = usedAfterGc(memory);
    double[] seconds = new double[runs];
    long retained = 0;
    for (int run = 1; run <= runs; run++) {
      feed = null;
      before = usedAfterGc(memory);
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
      long t0 = System.nanoTime();
      feed = GtfsLoader.load(feedPath);
      seconds[run - 1] = (System.nanoTime() - t0) / 1e9;
      // An upper bound: the pools peak at different moments.
      long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      retained = usedAfterGc(memory) - before;
      System.out.printf(
          Locale.ROOT,
          "run %d: load %.2f s, retained heap %d MiB, peak heap during load <= %d MiB, %s%n",
          run,
          seconds[run - 1],
          retained >> 20,
          peak >> 20,
          feed);
    }
    Reference.reachabilityFence(feed);
    double best = Double.MAX_VALUE;
    for (double s : seconds) {
      best = Math.min(best, s);
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT gtfs_load_best_s=%.2f gtfs_load_last_s=%.2f gtfs_retained_mib=%d%n",
        best,
        seconds[runs - 1],
        retained >> 20);
  }

  /** Heap in use after a few full collections (the JVM may skip one, so ask more than once). */
  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
