package org.vecino.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of the bench mains, and the stop list they share. */
final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  private BenchArgs() {}

  /** Parses {@code --name value} pairs; anything else is an error. */
  static BenchArgs parse(String[] args, int from) {
    BenchArgs a = new BenchArgs();
    for (int i = from; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
      }
      a.values.put(args[i].substring(2), args[i + 1]);
    }
    return a;
  }

  String string(String name, String fallback) {
    String v = values.get(name);
    if (v == null && fallback == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v != null ? v : fallback;
  }

  int integer(String name, int fallback) {
    String v = values.get(name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  double decimal(String name, double fallback) {
    String v = values.get(name);
    return v == null ? fallback : Double.parseDouble(v);
  }

  /** A URL option whose host must be 127.0.0.1: the benchmarks never leave the machine. */
  String loopbackUrl(String name) {
    String url = string(name, null);
    String host = URI.create(url).getHost();
    if (!"127.0.0.1".equals(host)) {
      throw new IllegalArgumentException("--" + name + " must point at 127.0.0.1, was " + url);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * A stop of the list written by {@link CityFeedGenerator}.
   *
   * @param id the GTFS stop_id
   * @param lines the labels of the lines calling there (at least one)
   */
  record StopEntry(String id, List<String> lines) {}

  /** Reads a stop list: {@code stopId<TAB>line,line,...} per line. */
  static List<StopEntry> readStops(Path file) {
    List<StopEntry> stops = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
          continue;
        }
        List<String> lines = parts.length > 1 ? List.of(parts[1].split(",")) : List.of("1");
        stops.add(new StopEntry(parts[0], lines));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (stops.isEmpty()) {
      throw new IllegalArgumentException("no stops in " + file);
    }
    return stops;
  }
}
