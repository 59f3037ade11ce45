package org.vecino.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the running server over HTTP: the MQTT counters of {@code /metrics} and stop boards.
 * Thread-safe.
 */
final class ServerProbe {
  /** The counter of handled MQTT messages, labelled by {@code result} and {@code topic_kind}. */
  static final String METRIC = "vecino_mqtt_messages_total";

  static final String TOPIC_KIND = "transit.arrivals";
  static final String APPLIED = "applied";

  /**
   * Handled arrivals messages.
   *
   * @param applied those with {@code result="applied"}
   * @param handled all results (applied, rejected, out of order...)
   */
  record Counts(long applied, long handled) {
    Counts minus(Counts base) {
      return new Counts(applied - base.applied, handled - base.handled);
    }
  }

  private final String base;
  private final String topicKind;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  ServerProbe(String baseUrl) {
    this(baseUrl, TOPIC_KIND);
  }

  /** A probe counting the messages of another topic kind (e.g. {@code parking.spots}). */
  ServerProbe(String baseUrl, String topicKind) {
    this.base = baseUrl;
    this.topicKind = topicKind;
  }

  /** The arrivals counters now. */
  Counts counts() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics");
    if (r.statusCode() != 200) {
      throw new IOException("GET /metrics answered " + r.statusCode());
    }
    return parse(r.body(), topicKind);
  }

  /** Sums {@link #METRIC} samples of the arrivals topic kind, whatever the order of labels. */
  static Counts parse(String scrape) {
    return parse(scrape, TOPIC_KIND);
  }

  /** Sums {@link #METRIC} samples of one topic kind, whatever the order of labels. */
  static Counts parse(String scrape, String topicKind) {
    long applied = 0;
    long handled = 0;
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(METRIC + "{")) {
        continue;
      }
      int close = line.lastIndexOf('}');
      if (close < 0) {
        continue;
      }
      Map<String, String> labels = labels(line.substring(METRIC.length() + 1, close));
      if (!topicKind.equals(labels.get("topic_kind"))) {
        continue;
      }
      long value = (long) Double.parseDouble(line.substring(close + 1).trim().split(" ")[0]);
      handled += value;
      if (APPLIED.equals(labels.get("result"))) {
        applied += value;
      }
    }
    return new Counts(applied, handled);
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String v = pair.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        labels.put(pair.substring(0, eq).trim(), v);
      }
    }
    return labels;
  }

  /** The arrivals JSON of a stop, or null when the server does not answer 200. */
  String arrivals(String stopId) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v1/stops/" + stopId + "/arrivals");
    return r.statusCode() == 200 ? r.body() : null;
  }

  /** The weak ETag of a stop's arrivals, or null. */
  String arrivalsEtag(String stopId) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v1/stops/" + stopId + "/arrivals");
    return r.statusCode() == 200 ? r.headers().firstValue("ETag").orElse(null) : null;
  }

  /** GET of a path; the answer's status and body. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
