package org.vecino.core.parking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vecino.core.kernel.ApplyOutcome;

/**
 * The live parking state: the latest reading of every spot sensor and car park counter, and what
 * follows from it for each facility of the catalog.
 *
 * <p>Rules ({@code mqtt.md}, {@code http.md}):
 *
 * <ul>
 *   <li>Ordering, per spot or counter: a reading older than the one held (by the earlier of its
 *       timestamp and its reception) is {@link ApplyOutcome#OUT_OF_ORDER}; an equal one is applied
 *       again; one further than {@code maxFutureSkew} ahead is {@link
 *       ApplyOutcome#FUTURE_TIMESTAMP}.
 *   <li>A counter above capacity is clamped to it and reported as faulty. A counter reading without
 *       {@code total} keeps the last reported one (else the catalog's capacity).
 *   <li>A spot not heard from within its facility's stale limit is {@code unknown}, never free. A
 *       facility with no fresh sensor is stale, and its status {@code unknown}.
 *   <li>Status precedence: {@code closed} (opening hours in the city zone, or the counter) over
 *       {@code unknown} over {@code full} over {@code almostFull} over {@code open}, with the
 *       hysteresis of {@link StatusThresholds}. The band is remembered per facility and updated on
 *       each applied reading and each read.
 *   <li>Trend: free spaces now against about 15 minutes ago (a small ring of samples per facility);
 *       a change of at least {@link #trendThreshold} spaces is filling or emptying.
 * </ul>
 *
 * <p>Thread-safety: one writer (the ingest thread) and many readers; reads are lock-free apart from
 * a facility's small sample ring.
 */
public final class ParkingState {
  /** The trend's window. */
  public static final Duration TREND_WINDOW = Duration.ofMinutes(15);

  /** Samples closer together than this are merged (the later one kept). */
  static final Duration SAMPLE_SPACING = Duration.ofSeconds(20);

  static final int MAX_SAMPLES = 64;

  private record Sample(Instant at, int available) {}

  private final ParkingCatalog catalog;
  private final StatusThresholds thresholds;
  private final ZoneId zone;
  private final Clock clock;
  private final Duration maxFutureSkew;
  private final Map<String, SpotReading> spots = new ConcurrentHashMap<>();
  private final Map<String, CounterReading> counters = new ConcurrentHashMap<>();
  private final Map<String, Boolean> almostFullBand = new ConcurrentHashMap<>();
  private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong version =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param zone the city's zone, in which opening hours are read
   * @param maxFutureSkew how far ahead a timestamp may be (5 min by contract)
   */
  public ParkingState(
      ParkingCatalog catalog,
      StatusThresholds thresholds,
      ZoneId zone,
      Clock clock,
      Duration maxFutureSkew) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
  }

  public ParkingCatalog catalog() {
    return catalog;
  }

  private boolean inFuture(Instant timestamp) {
    return timestamp.isAfter(clock.instant().plus(maxFutureSkew));
  }

  /**
   * Applies a spot sensor's reading.
   *
   * @throws IllegalArgumentException when the spot is not in the catalog
   */
  public ApplyOutcome apply(SpotReading reading) {
    ParkingSpot spot =
        catalog
            .spot(reading.spotId())
            .orElseThrow(() -> new IllegalArgumentException("unknown spot " + reading.spotId()));
    if (inFuture(reading.timestamp())) {
      return ApplyOutcome.FUTURE_TIMESTAMP;
    }
    SpotReading current = spots.get(reading.spotId());
    if (current != null && reading.orderingTime().isBefore(current.orderingTime())) {
      return ApplyOutcome.OUT_OF_ORDER;
    }
    spots.put(reading.spotId(), reading);
    afterApply(spot.facilityId(), reading.orderingTime());
    version.incrementAndGet();
    return ApplyOutcome.APPLIED;
  }

  /**
   * Applies a car park counter's reading.
   *
   * @throws IllegalArgumentException when the facility is not a counted car park of the catalog
   */
  public ApplyOutcome apply(CounterReading reading) {
    Facility f =
        catalog
            .facility(reading.facilityId())
            .filter(x -> x.type() == FacilityType.OFF_STREET)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown car park " + reading.facilityId()));
    if (inFuture(reading.timestamp())) {
      return ApplyOutcome.FUTURE_TIMESTAMP;
    }
    CounterReading current = counters.get(f.id());
    if (current != null && reading.orderingTime().isBefore(current.orderingTime())) {
      return ApplyOutcome.OUT_OF_ORDER;
    }
    CounterReading kept =
        reading.total() == null && current != null && current.total() != null
            ? reading.withTotal(current.total())
            : reading;
    counters.put(f.id(), kept);
    afterApply(f.id(), reading.orderingTime());
    version.incrementAndGet();
    return ApplyOutcome.APPLIED;
  }

  private void afterApply(String facilityId, Instant at) {
    FacilityAvailability a = availability(facilityId).orElseThrow();
    if (a.available() != null) {
      addSample(facilityId, at, a.available());
    }
  }

  private void addSample(String facilityId, Instant at, int available) {
    Deque<Sample> ring = samples.computeIfAbsent(facilityId, k -> new ArrayDeque<>());
    synchronized (ring) {
      Sample last = ring.peekLast();
      Instant t = last != null && at.isBefore(last.at()) ? last.at() : at;
      if (last != null && Duration.between(last.at(), t).compareTo(SAMPLE_SPACING) < 0) {
        ring.pollLast();
        // Keep the earlier time so a steady stream of messages still moves the ring forward.
        t = last.at();
      }
      ring.addLast(new Sample(t, available));
      while (ring.size() > MAX_SAMPLES) {
        ring.pollFirst();
      }
    }
  }

  /**
   * A number that grows with every applied reading: equal versions mean no reading changed (time
   * may still have made a sensor stale or closed a car park).
   */
  public long version() {
    return version.get();
  }

  /** The latest reading of a spot, if any. */
  public Optional<SpotReading> spotReading(String spotId) {
    return Optional.ofNullable(spots.get(spotId));
  }

  /** The latest reading of a car park's counter, if any. */
  public Optional<CounterReading> counterReading(String facilityId) {
    return Optional.ofNullable(counters.get(facilityId));
  }

  /** Every facility of the catalog, in catalog order. */
  public List<FacilityAvailability> availabilities() {
    List<FacilityAvailability> out = new ArrayList<>();
    for (Facility f : catalog.facilities()) {
      out.add(availability(f, clock.instant()));
    }
    return out;
  }

  /** A facility now, empty when it is not in the catalog. */
  public Optional<FacilityAvailability> availability(String facilityId) {
    return catalog.facility(facilityId).map(f -> availability(f, clock.instant()));
  }

  private static boolean fresh(Instant orderingTime, Facility f, Instant now) {
    return Duration.between(orderingTime, now).compareTo(f.staleAfter()) <= 0;
  }

  private FacilityAvailability availability(Facility f, Instant now) {
    boolean openByHours = f.hours().isOpen(now.atZone(zone));
    int total;
    Integer available;
    Instant updatedAt = null;
    boolean stale;
    boolean faulty = false;
    boolean closedByCounter = false;
    List<SpotView> views = new ArrayList<>(f.spots().size());
    if (f.type() == FacilityType.OFF_STREET) {
      CounterReading c = counters.get(f.id());
      total = c != null && c.total() != null ? c.total() : f.capacity();
      if (c == null) {
        available = null;
        stale = true;
      } else {
        updatedAt = c.timestamp();
        stale = !fresh(c.orderingTime(), f, now);
        closedByCounter = c.closed();
        available = c.available();
        if (available != null && available > total) {
          available = total;
          faulty = true;
        }
      }
    } else {
      total = f.spots().size();
      int free = 0;
      boolean anyFresh = false;
      for (ParkingSpot s : f.spots()) {
        SpotReading r = spots.get(s.id());
        SpotStatus status = SpotStatus.UNKNOWN;
        if (r != null) {
          if (updatedAt == null || r.timestamp().isAfter(updatedAt)) {
            updatedAt = r.timestamp();
          }
          if (fresh(r.orderingTime(), f, now)) {
            anyFresh = true;
            status = r.occupied() ? SpotStatus.OCCUPIED : SpotStatus.FREE;
            if (!r.occupied()) {
              free++;
            }
          }
        }
        views.add(new SpotView(s.id(), status));
      }
      available = free;
      stale = !anyFresh;
    }
    ParkingStatus status = status(f.id(), total, available, !openByHours || closedByCounter, stale);
    return new FacilityAvailability(
        f, total, available, status, trend(f.id(), total, now), updatedAt, stale, faulty, views);
  }

  private ParkingStatus status(
      String facilityId, int total, Integer available, boolean closed, boolean stale) {
    boolean band = almostFullBand.getOrDefault(facilityId, false);
    if (available != null && !stale) {
      double free = (double) available / total;
      band = band ? free <= thresholds.leaveAbove() : free < thresholds.enterBelow();
      almostFullBand.put(facilityId, band);
    }
    if (closed) {
      return ParkingStatus.CLOSED;
    }
    if (stale || available == null) {
      return ParkingStatus.UNKNOWN;
    }
    if (available == 0) {
      return ParkingStatus.FULL;
    }
    return band ? ParkingStatus.ALMOST_FULL : ParkingStatus.OPEN;
  }

  /** The least change of free spaces over the window that is not "steady": 3 %, at least 2. */
  static int trendThreshold(int total) {
    return Math.max(2, (int) Math.ceil(total * 0.03));
  }

  private Trend trend(String facilityId, int total, Instant now) {
    Deque<Sample> ring = samples.get(facilityId);
    if (ring == null) {
      return Trend.STEADY;
    }
    Instant windowStart = now.minus(TREND_WINDOW);
    Sample reference = null;
    Sample latest;
    synchronized (ring) {
      latest = ring.peekLast();
      for (Iterator<Sample> it = ring.iterator(); it.hasNext(); ) {
        Sample s = it.next();
        if (reference == null || !s.at().isAfter(windowStart)) {
          reference = s;
        }
        if (s.at().isAfter(windowStart)) {
          break;
        }
      }
    }
    if (latest == null || reference == null || latest == reference) {
      return Trend.STEADY;
    }
    int delta = latest.available() - reference.available();
    int threshold = trendThreshold(total);
    if (delta <= -threshold) {
      return Trend.FILLING;
    }
    if (delta >= threshold) {
      return Trend.EMPTYING;
    }
    return Trend.STEADY;
  }

  /** Faulty counters, low batteries and silent sensors, in catalog order. */
  public SensorReport sensorReport() {
    Instant now = clock.instant();
    List<SensorReport.FaultyCounter> faulty = new ArrayList<>();
    List<SensorReport.LowBattery> low = new ArrayList<>();
    List<SensorReport.Silent> silent = new ArrayList<>();
    for (Facility f : catalog.facilities()) {
      if (f.type() == FacilityType.OFF_STREET) {
        CounterReading c = counters.get(f.id());
        int total = c != null && c.total() != null ? c.total() : f.capacity();
        if (c != null && c.available() != null && c.available() > total) {
          faulty.add(new SensorReport.FaultyCounter(f.id(), c.available(), total, c.timestamp()));
        }
        if (c == null || !fresh(c.orderingTime(), f, now)) {
          silent.add(new SensorReport.Silent(f.id(), f.id(), c == null ? null : c.timestamp()));
        }
      }
      for (ParkingSpot s : f.spots()) {
        SpotReading r = spots.get(s.id());
        if (r != null
            && r.batteryPercent() != null
            && r.batteryPercent() < SensorReport.LOW_BATTERY_PERCENT) {
          low.add(new SensorReport.LowBattery(s.id(), f.id(), r.batteryPercent(), r.timestamp()));
        }
        if (r == null || !fresh(r.orderingTime(), f, now)) {
          silent.add(new SensorReport.Silent(s.id(), f.id(), r == null ? null : r.timestamp()));
        }
      }
    }
    return new SensorReport(faulty, low, silent);
  }
}
