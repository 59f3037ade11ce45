package org.vecino.server.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.parking.Facility;
import org.vecino.core.parking.FacilityType;
import org.vecino.core.parking.ParkingCatalog;
import org.vecino.core.parking.ParkingSpot;
import org.vecino.server.mqtt.MqttPublisher;

/**
 * Publishes live-looking parking data for demos and development, as the city's sensors would
 * ({@code mqtt.md}):
 *
 * <ul>
 *   <li>every tick, each car park's counter: occupancy drifts toward a typical level for the hour
 *       of the day (busy late morning and afternoon, quiet at night) with some noise; outside its
 *       opening hours it says {@code closed};
 *   <li>every tick, a few spots of each street zone change (arrivals and departures, more likely
 *       toward the same typical level); every {@link #RESEND} all spots re-send their state, with a
 *       battery level (a few sensors low).
 * </ul>
 *
 * <p>The publisher and the scheduler belong to the caller. Thread-safe.
 */
public final class ParkingSimulator implements AutoCloseable {
  /** Time between two ticks. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  /** How often every spot re-sends its state, even unchanged. */
  static final Duration RESEND = Duration.ofMinutes(5);

  static final int FLIPS_PER_ZONE_PER_TICK = 2;

  /** Typical share of occupied spaces by local hour, 0..23. */
  private static final double[] OCCUPANCY_BY_HOUR = {
    0.20, 0.15, 0.12, 0.10, 0.10, 0.12, 0.20, 0.40, 0.65, 0.80, 0.88, 0.93,
    0.95, 0.90, 0.80, 0.78, 0.82, 0.90, 0.94, 0.85, 0.70, 0.50, 0.35, 0.25
  };

  private static final Logger log = LoggerFactory.getLogger(ParkingSimulator.class);

  private final MqttPublisher publisher;
  private final String prefix;
  private final Clock clock;
  private final ZoneId zone;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final Random random;
  private final List<Facility> carParks = new ArrayList<>();
  private final List<Facility> zones = new ArrayList<>();

  // Guarded by this.
  private final Map<String, Integer> occupied = new HashMap<>();
  private final Map<String, Boolean> spotOccupied = new HashMap<>();
  private final Map<String, Integer> battery = new HashMap<>();
  private ScheduledFuture<?> task;
  private Instant lastResend;

  /**
   * @param publisher its own MQTT publisher
   * @param catalog the facilities to simulate
   * @param prefix the topic prefix, e.g. {@code city}
   * @param zone the city's zone (for the hour of the day)
   * @param seed makes a run repeatable
   */
  public ParkingSimulator(
      MqttPublisher publisher,
      ParkingCatalog catalog,
      String prefix,
      Clock clock,
      ZoneId zone,
      ScheduledExecutorService scheduler,
      Duration interval,
      long seed) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.random = new Random(seed);
    for (Facility f : catalog.facilities()) {
      if (f.type() == FacilityType.OFF_STREET) {
        carParks.add(f);
      } else {
        zones.add(f);
        for (ParkingSpot s : f.spots()) {
          battery.put(s.id(), 15 + random.nextInt(86));
        }
      }
    }
  }

  /** Starts publishing; does nothing when running already. */
  public synchronized void start() {
    if (task != null) {
      return;
    }
    task =
        scheduler.scheduleAtFixedRate(
            this::safeTick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "Parking simulator started: {} car parks, {} street zones, every {} ms, topics under {}/parking",
        carParks.size(),
        zones.size(),
        interval.toMillis(),
        prefix);
  }

  public synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
      log.info("Parking simulator stopped");
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Parking simulator tick failed", e);
    }
  }

  /** The typical occupied share at a moment. */
  private double typical(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    double a = OCCUPANCY_BY_HOUR[local.getHour()];
    double b = OCCUPANCY_BY_HOUR[(local.getHour() + 1) % 24];
    return a + (b - a) * local.getMinute() / 60.0;
  }

  /** One step: every car park's counter, a few spots per zone (all of them when due). */
  synchronized void tick() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    double target = typical(now);
    for (Facility f : carParks) {
      publishCarPark(f, now, target);
    }
    boolean resend = lastResend == null || !now.isBefore(lastResend.plus(RESEND));
    for (Facility z : zones) {
      List<ParkingSpot> spots = z.spots();
      if (resend) {
        for (ParkingSpot s : spots) {
          spotOccupied.computeIfAbsent(s.id(), k -> random.nextDouble() < target);
          publishSpot(s, now);
        }
      } else {
        for (int i = 0; i < FLIPS_PER_ZONE_PER_TICK; i++) {
          ParkingSpot s = spots.get(random.nextInt(spots.size()));
          spotOccupied.put(s.id(), random.nextDouble() < target);
          publishSpot(s, now);
        }
      }
    }
    if (resend) {
      lastResend = now;
    }
  }

  private void publishCarPark(Facility f, Instant now, double target) {
    String topic = prefix + "/parking/facilities/" + f.id();
    if (!f.hours().isOpen(now.atZone(zone))) {
      publisher.publish(
          topic, bytes("{\"timestamp\":\"" + now + "\",\"status\":\"closed\"}"), false);
      return;
    }
    int capacity = f.capacity();
    int current = occupied.computeIfAbsent(f.id(), k -> (int) Math.round(capacity * target));
    double drift = (capacity * target - current) * 0.1;
    double noise = random.nextGaussian() * Math.max(1, capacity * 0.01);
    int next = (int) Math.max(0, Math.min(capacity, Math.round(current + drift + noise)));
    occupied.put(f.id(), next);
    publisher.publish(
        topic,
        bytes(
            "{\"timestamp\":\""
                + now
                + "\",\"available\":"
                + (capacity - next)
                + ",\"status\":\"open\"}"),
        false);
  }

  private void publishSpot(ParkingSpot s, Instant now) {
    publisher.publish(
        prefix + "/parking/spots/" + s.id(),
        bytes(
            "{\"timestamp\":\""
                + now
                + "\",\"occupied\":"
                + spotOccupied.get(s.id())
                + ",\"batteryPercent\":"
                + battery.get(s.id())
                + "}"),
        false);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
