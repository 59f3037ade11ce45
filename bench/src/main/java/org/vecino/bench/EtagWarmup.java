package org.vecino.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vecino.bench.BenchArgs.StopEntry;

/**
 * Fetches the current ETag of the arrivals of about {@code --count} stops (spread over the stop
 * list) and writes {@code stopId<TAB>etag} lines for {@code bench/wrk/stops.lua}'s {@code etag}
 * mode, which sends them back as {@code If-None-Match}.
 *
 * <p>Usage: {@code EtagWarmup --http http://127.0.0.1:PORT --stops FILE --out FILE [--count 500]}.
 * Exits 1 when no stop answered with an ETag.
 */
public final class EtagWarmup {
  private EtagWarmup() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    BenchArgs a = BenchArgs.parse(args, 0);
    ServerProbe probe = new ServerProbe(a.loopbackUrl("http"));
    List<StopEntry> stops = BenchArgs.readStops(Path.of(a.string("stops", null)));
    int count = Math.min(a.integer("count", 500), stops.size());
    int step = Math.max(1, stops.size() / count);
    StringBuilder out = new StringBuilder();
    int tagged = 0;
    int missing = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < stops.size() && tagged + missing < count; i += step) {
      String id = stops.get(i).id();
      String etag = probe.arrivalsEtag(id);
      if (etag == null) {
        missing++;
      } else {
        out.append(id).append('\t').append(etag).append('\n');
        tagged++;
      }
    }
    Files.writeString(Path.of(a.string("out", null)), out, StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "ETags of %d stops fetched in %.2f s (%d without one)%n",
        tagged,
        (System.nanoTime() - t0) / 1e9,
        missing);
    System.exit(tagged > 0 ? 0 : 1);
  }
}
