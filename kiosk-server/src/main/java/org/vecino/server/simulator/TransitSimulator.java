package org.vecino.server.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.transit.Route;
import org.vecino.core.transit.ScheduledArrival;
import org.vecino.core.transit.Stop;
import org.vecino.core.transit.Timetable;
import org.vecino.server.json.Json;
import org.vecino.server.mqtt.MqttPublisher;

/**
 * Publishes live-looking transit data for demos and development, through its own MQTT publisher,
 * exactly as the fleet system would (see {@code mqtt.md}):
 *
 * <ul>
 *   <li>for each stop with timetabled arrivals in the next hour, about every {@code interval}, a
 *       prediction snapshot ({@code etaSeconds}, vehicle ids, distances) derived from the timetable
 *       with a per-trip delay of -1..+4 min that drifts slowly;
 *   <li>every {@value #VEHICLE_EVERY}th snapshot, the position of the first bus it predicts;
 *   <li>one retained sample service alert (es and en) active for three hours, re-sent every ten
 *       minutes like any sensor state.
 * </ul>
 *
 * <p>Publishes are spread evenly over the interval, one stop at a time, and never faster than
 * {@value #MAX_MESSAGES_PER_SECOND} stops per second (a large feed then cycles more slowly). When
 * the publisher is not connected, messages are dropped; the next round repairs them.
 *
 * <p>The publisher and the scheduler belong to the caller, who starts and closes them. Thread-safe.
 */
public final class TransitSimulator implements AutoCloseable {
  /** Default time between two snapshots of the same stop. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  /** The id of the sample alert. */
  public static final String ALERT_ID = "simulated-roadworks";

  static final int MAX_MESSAGES_PER_SECOND = 50;
  static final int MAX_ARRIVALS_PER_MESSAGE = 10;
  static final int VEHICLE_EVERY = 4;
  static final Duration HORIZON = Duration.ofMinutes(60);
  static final Duration ALERT_RESEND = Duration.ofMinutes(10);
  static final Duration ALERT_ACTIVE = Duration.ofHours(3);
  private static final int STOPS_TRIED_PER_TICK = 8;
  private static final double BUS_SPEED_METERS_PER_SECOND = 5.5;
  private static final double METERS_PER_DEGREE = 111_320;

  private static final Logger log = LoggerFactory.getLogger(TransitSimulator.class);

  private final MqttPublisher publisher;
  private final Timetable timetable;
  private final String prefix;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final ObjectMapper mapper = Json.newMapper();

  private final List<Stop> stops;

  // Guarded by this.
  private ScheduledFuture<?> task;
  private int cursor;
  private long snapshots;
  private Instant alertSentAt;
  private Instant alertFrom;
  private Instant alertUntil;

  /**
   * @param publisher its own MQTT publisher (not the subscriber's client)
   * @param timetable the static network the data is derived from
   * @param prefix the topic prefix, e.g. {@code city}
   * @param clock "now"
   * @param scheduler runs the publishing
   * @param interval time between two snapshots of the same stop
   */
  public TransitSimulator(
      MqttPublisher publisher,
      Timetable timetable,
      String prefix,
      Clock clock,
      ScheduledExecutorService scheduler,
      Duration interval) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.timetable = Objects.requireNonNull(timetable, "timetable");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.stops = List.copyOf(timetable.stops());
  }

  /** With {@link #DEFAULT_INTERVAL}. */
  public TransitSimulator(
      MqttPublisher publisher,
      Timetable timetable,
      String prefix,
      Clock clock,
      ScheduledExecutorService scheduler) {
    this(publisher, timetable, prefix, clock, scheduler, DEFAULT_INTERVAL);
  }

  /** Starts publishing; does nothing when running already. */
  public synchronized void start() {
    if (task != null) {
      return;
    }
    long period = tickPeriod(interval, stops.size()).toMillis();
    task = scheduler.scheduleAtFixedRate(this::safeTick, 0, period, TimeUnit.MILLISECONDS);
    log.info(
        "Transit simulator started: {} stops, one every {} ms, topics under {}/transit",
        stops.size(),
        period,
        prefix);
  }

  /** Stops publishing (the retained alert stays on the broker). */
  public synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
      log.info("Transit simulator stopped");
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The time between two publishes: the interval spread over the stops, but not too fast. */
  static Duration tickPeriod(Duration interval, int stopCount) {
    long perStop = interval.toMillis() / Math.max(1, stopCount);
    return Duration.ofMillis(Math.max(1000 / MAX_MESSAGES_PER_SECOND, perStop));
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Transit simulator tick failed", e);
    }
  }

  /** One step: the alert when due, then the next stop that has arrivals to predict. */
  synchronized void tick() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    maybePublishAlert(now);
    if (stops.isEmpty()) {
      return;
    }
    for (int tried = 0; tried < STOPS_TRIED_PER_TICK && tried < stops.size(); tried++) {
      Stop stop = stops.get(cursor);
      cursor = (cursor + 1) % stops.size();
      if (publishStop(stop, now)) {
        return;
      }
    }
  }

  private void maybePublishAlert(Instant now) {
    if (alertSentAt != null && now.isBefore(alertSentAt.plus(ALERT_RESEND))) {
      return;
    }
    if (alertUntil == null || !now.isBefore(alertUntil)) {
      alertFrom = now;
      alertUntil = now.plus(ALERT_ACTIVE);
    }
    byte[] payload = alertPayload(now, alertFrom, alertUntil);
    if (publisher.publish(prefix + "/transit/alerts/" + ALERT_ID, payload, true)) {
      alertSentAt = now;
    }
  }

  /** Publishes a stop's snapshot (and sometimes a vehicle); false when it has no arrivals. */
  private boolean publishStop(Stop stop, Instant now) {
    List<Predicted> predicted = predict(stop, now);
    if (predicted.isEmpty()) {
      return false;
    }
    publisher.publish(
        prefix + "/transit/stops/" + stop.id() + "/arrivals",
        arrivalsPayload(now, predicted),
        false);
    snapshots++;
    if (snapshots % VEHICLE_EVERY == 0) {
      Predicted first = predicted.get(0);
      publisher.publish(
          prefix + "/transit/vehicles/" + first.vehicle() + "/position",
          vehiclePayload(now, stop, first),
          false);
    }
    return true;
  }

  /** A simulated prediction. */
  record Predicted(ScheduledArrival scheduled, int etaSeconds, String vehicle) {}

  /** The next buses at a stop as the fleet system would predict them, soonest first. */
  List<Predicted> predict(Stop stop, Instant now) {
    List<ScheduledArrival> scheduled =
        timetable.arrivals(stop.id(), now.minus(Duration.ofMinutes(5)), now.plus(HORIZON));
    return scheduled.stream()
        .map(
            a -> {
              Instant expected = a.arrivalTime().plusSeconds(delaySeconds(a.tripId(), now));
              long eta = Duration.between(now, expected).getSeconds();
              return new Predicted(a, (int) eta, vehicleId(a.tripId()));
            })
        .filter(p -> p.etaSeconds() >= 0 && p.etaSeconds() <= HORIZON.getSeconds())
        .sorted((x, y) -> Integer.compare(x.etaSeconds(), y.etaSeconds()))
        .limit(MAX_ARRIVALS_PER_MESSAGE)
        .toList();
  }

  /** A trip's delay, -60..+240 s, the same for a given trip and minute and drifting slowly. */
  static int delaySeconds(String tripId, Instant now) {
    int h = tripId.hashCode();
    double phase = (h & 0xffff) / 65536.0 * 2 * Math.PI;
    double base = 30 + Math.floorMod(h >>> 16, 120);
    double drift = 90 * Math.sin(phase + now.getEpochSecond() / 60 / 10.0);
    return (int) Math.max(-60, Math.min(240, Math.round(base + drift)));
  }

  /** A stable fleet number for a trip. */
  static String vehicleId(String tripId) {
    return Integer.toString(100 + Math.floorMod(tripId.hashCode(), 300));
  }

  byte[] arrivalsPayload(Instant now, List<Predicted> predicted) {
    ObjectNode root = mapper.createObjectNode();
    root.put("timestamp", now.toString());
    ArrayNode arrivals = root.putArray("arrivals");
    for (Predicted p : predicted) {
      ObjectNode a = arrivals.addObject();
      a.put("line", p.scheduled().line());
      if (!p.scheduled().destination().isEmpty()) {
        a.put("destination", p.scheduled().destination());
      }
      a.put("etaSeconds", p.etaSeconds());
      a.put("vehicle", p.vehicle());
      if (p.etaSeconds() <= 15 * 60) {
        a.put("distanceMeters", distanceMeters(p.etaSeconds()));
      }
      a.put("trip", p.scheduled().tripId());
    }
    return write(root);
  }

  byte[] vehiclePayload(Instant now, Stop stop, Predicted p) {
    int h = p.scheduled().tripId().hashCode();
    int bearing = Math.floorMod(h, 360);
    GeoPoint at = behind(stop.location(), bearing, distanceMeters(p.etaSeconds()));
    ObjectNode root = mapper.createObjectNode();
    root.put("timestamp", now.toString());
    root.put("line", p.scheduled().line());
    root.put("lat", Math.round(at.lat() * 1e6) / 1e6);
    root.put("lon", Math.round(at.lon() * 1e6) / 1e6);
    root.put("speedKmh", 12 + Math.floorMod(h >>> 8, 20));
    root.put("bearing", bearing);
    return write(root);
  }

  byte[] alertPayload(Instant now, Instant from, Instant until) {
    ObjectNode root = mapper.createObjectNode();
    root.put("timestamp", now.toString());
    root.put("severity", "warning");
    List<Route> routes = timetable.routes();
    if (!routes.isEmpty()) {
      root.putArray("lines").add(routes.get(0).label());
    }
    root.put("activeFrom", from.toString());
    root.put("activeUntil", until.toString());
    ObjectNode header = root.putObject("header");
    header.put("es", "Obras en la calzada: posibles retrasos (simulación)");
    header.put("en", "Roadworks: possible delays (simulation)");
    ObjectNode description = root.putObject("description");
    description.put(
        "es", "Aviso de ejemplo publicado por el simulador de Vecino. No es un aviso real.");
    description.put("en", "Sample alert published by the Vecino simulator. Not a real alert.");
    return write(root);
  }

  private static int distanceMeters(int etaSeconds) {
    return (int) Math.round(etaSeconds * BUS_SPEED_METERS_PER_SECOND / 10.0) * 10;
  }

  /** The point {@code meters} before {@code stop} for a bus heading {@code bearing} degrees. */
  private static GeoPoint behind(GeoPoint stop, int bearing, double meters) {
    double theta = Math.toRadians(bearing);
    double dLat = -meters * Math.cos(theta) / METERS_PER_DEGREE;
    double cosLat = Math.max(0.01, Math.cos(Math.toRadians(stop.lat())));
    double dLon = -meters * Math.sin(theta) / (METERS_PER_DEGREE * cosLat);
    double lat = Math.max(-90, Math.min(90, stop.lat() + dLat));
    double lon = stop.lon() + dLon;
    if (lon > 180) {
      lon -= 360;
    } else if (lon < -180) {
      lon += 360;
    }
    return new GeoPoint(lat, lon);
  }

  private byte[] write(ObjectNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write simulated JSON", e);
    }
  }
}
