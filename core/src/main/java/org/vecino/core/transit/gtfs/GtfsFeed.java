package org.vecino.core.transit.gtfs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.vecino.core.transit.Route;
import org.vecino.core.transit.ScheduledArrival;
import org.vecino.core.transit.Stop;
import org.vecino.core.transit.Timetable;

/**
 * A loaded GTFS static feed: the {@link Timetable} of its stops, lines and trips, plus the problems
 * found while loading it. Built by {@link GtfsLoader}.
 *
 * <p>Immutable and safe for concurrent reads. Each stop's arrivals are kept as primitive arrays
 * sorted by the time since the start of the service day, so a query is two binary searches per
 * service day; the services active on a date are computed on first use and kept in a small
 * lock-free cache.
 *
 * <p>Service days follow GTFS: a stop time {@code HH:MM:SS} counts from noon minus 12 hours of the
 * service date in the agency's zone, which stays right on daylight-saving days, and may pass
 * 24:00:00 into the next calendar day.
 */
public final class GtfsFeed implements Timetable {
  private static final int DAY_CACHE_SIZE = 64;
  private static final int SECONDS_PER_DAY = 86_400;
  private static final Comparator<ScheduledArrival> ORDER =
      Comparator.comparing(ScheduledArrival::arrivalTime)
          .thenComparing(ScheduledArrival::line, LineOrder.INSTANCE);

  private final ZoneId zone;
  private final ZoneRules rules;
  private final List<Stop> stops;
  private final Map<String, Integer> stopIndex;
  private final List<Route> routes;
  private final Map<String, Route> routesById;
  private final Map<String, Route> routesByLabel;
  private final String[] routeIds;
  private final String[] routeLabels;
  private final String[] tripIds;
  private final int[] tripRoute;
  private final int[] tripService;
  private final int[] stopStart;
  private final int[] eventTime;
  private final int[] eventTrip;
  private final int[] eventDestination;
  private final String[] destinations;
  private final List<Set<String>> lines;
  private final ServiceCalendar calendar;
  private final int minTime;
  private final int maxTime;
  private final List<GtfsProblem> problems;
  private final AtomicReferenceArray<Day> days = new AtomicReferenceArray<>(DAY_CACHE_SIZE);

  /** The services of one date and when its service day starts. Immutable once published. */
  private static final class Day {
    final long epochDay;
    final long startSecond;
    final BitSet active;

    Day(long epochDay, long startSecond, BitSet active) {
      this.epochDay = epochDay;
      this.startSecond = startSecond;
      this.active = active;
    }
  }

  /** The trips of a feed, indexed 0..n-1. */
  record Trips(String[] ids, int[] route, int[] service) {}

  /**
   * The stop events: those of stop {@code s} are at {@code [stopStart[s], stopStart[s + 1])},
   * sorted by time, then line.
   */
  record Events(
      int[] stopStart, int[] time, int[] trip, int[] destination, String[] destinations) {}

  GtfsFeed(
      ZoneId zone,
      List<Stop> stops,
      List<Route> routes,
      Trips trips,
      Events events,
      List<Set<String>> lines,
      ServiceCalendar calendar,
      List<GtfsProblem> problems) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.stops = List.copyOf(stops);
    Map<String, Integer> si = new HashMap<>(stops.size() * 2);
    for (int i = 0; i < stops.size(); i++) {
      si.put(stops.get(i).id(), i);
    }
    this.stopIndex = si;
    this.routes = List.copyOf(routes);
    Map<String, Route> byId = new HashMap<>();
    Map<String, Route> byLabel = new HashMap<>();
    routeIds = new String[routes.size()];
    routeLabels = new String[routes.size()];
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      byId.put(r.id(), r);
      byLabel.putIfAbsent(r.label(), r);
      routeIds[i] = r.id();
      routeLabels[i] = r.label();
    }
    this.routesById = byId;
    this.routesByLabel = byLabel;
    this.tripIds = trips.ids();
    this.tripRoute = trips.route();
    this.tripService = trips.service();
    this.stopStart = events.stopStart();
    this.eventTime = events.time();
    this.eventTrip = events.trip();
    this.eventDestination = events.destination();
    this.destinations = events.destinations();
    this.lines = List.copyOf(lines);
    this.calendar = calendar;
    int min = 0;
    int max = 0;
    for (int t : eventTime) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    this.minTime = min;
    this.maxTime = max;
    this.problems = List.copyOf(problems);
  }

  /** The zone of the first agency ({@code agency_timezone}). */
  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public List<Stop> stops() {
    return stops;
  }

  @Override
  public Optional<Stop> stop(String stopId) {
    Integer i = stopIndex.get(stopId);
    return i == null ? Optional.empty() : Optional.of(stops.get(i));
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public Optional<Route> route(String idOrLabel) {
    Route r = routesById.get(idOrLabel);
    return Optional.ofNullable(r != null ? r : routesByLabel.get(idOrLabel));
  }

  /** The labels of the lines calling at a stop, in line order (2 before 10). */
  @Override
  public Set<String> linesAt(String stopId) {
    Integer i = stopIndex.get(stopId);
    return i == null ? Set.of() : lines.get(i);
  }

  /**
   * Timetabled arrivals with {@code from <= arrivalTime < to}, sorted by time then line. Frequency
   * based trips appear once per departure, with the template trip's id.
   */
  @Override
  public List<ScheduledArrival> arrivals(String stopId, Instant from, Instant to) {
    Integer stop = stopIndex.get(stopId);
    if (stop == null || !from.isBefore(to)) {
      return List.of();
    }
    int first = stopStart[stop];
    int end = stopStart[stop + 1];
    if (first == end) {
      return List.of();
    }
    long fromSecond = from.getEpochSecond();
    long toSecond = to.getEpochSecond();
    // Whole seconds t with from <= dayStart + t < to.
    long fromCeil = fromSecond + (from.getNano() > 0 ? 1 : 0);
    long toCeil = toSecond + (to.getNano() > 0 ? 1 : 0);
    long firstDay =
        Math.max(
            calendar.firstDay(), localEpochDay(from) - Math.floorDiv(maxTime, SECONDS_PER_DAY) - 1);
    long lastDay =
        Math.min(
            calendar.lastDay(),
            localEpochDay(to) + 1 + (-minTime + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
    ArrayList<ScheduledArrival> out = null;
    int daysWithArrivals = 0;
    for (long d = firstDay; d <= lastDay; d++) {
      Day day = day(d);
      if (day.active.isEmpty()) {
        continue;
      }
      long lo = fromCeil - day.startSecond;
      long hi = toCeil - day.startSecond;
      if (hi <= minTime || lo > maxTime) {
        continue;
      }
      int i = lowerBound(first, end, (int) Math.max(lo, Integer.MIN_VALUE));
      int j = lowerBound(i, end, (int) Math.min(hi, Integer.MAX_VALUE));
      int before = out == null ? 0 : out.size();
      for (int k = i; k < j; k++) {
        int trip = eventTrip[k];
        if (day.active.get(tripService[trip])) {
          if (out == null) {
            out = new ArrayList<>(Math.min(j - k, 64));
          }
          int route = tripRoute[trip];
          out.add(
              new ScheduledArrival(
                  routeLabels[route],
                  routeIds[route],
                  destinations[eventDestination[k]],
                  Instant.ofEpochSecond(day.startSecond + eventTime[k]),
                  tripIds[trip]));
        }
      }
      if (out != null && out.size() > before) {
        daysWithArrivals++;
      }
    }
    if (out == null) {
      return List.of();
    }
    if (daysWithArrivals > 1) {
      out.sort(ORDER);
    }
    return Collections.unmodifiableList(out);
  }

  /** The ids of the services that run on a date, sorted. */
  public Set<String> activeServices(LocalDate date) {
    BitSet active = day(date.toEpochDay()).active;
    TreeSet<String> ids = new TreeSet<>();
    for (int s = active.nextSetBit(0); s >= 0; s = active.nextSetBit(s + 1)) {
      ids.add(calendar.id(s));
    }
    return Collections.unmodifiableSet(ids);
  }

  /**
   * The rows reported and skipped while loading, in the order found (each file in line order; the
   * checks across a trip's stop times last). At most 10,000, then one entry counting the rest.
   */
  public List<GtfsProblem> problems() {
    return problems;
  }

  /**
   * The instant a service day starts: noon minus 12 hours of the date in the agency's zone, as GTFS
   * counts stop times from it.
   */
  public Instant serviceDayStart(LocalDate date) {
    return Instant.ofEpochSecond(day(date.toEpochDay()).startSecond);
  }

  @Override
  public String toString() {
    return "GtfsFeed[zone="
        + zone
        + ", stops="
        + stops.size()
        + ", routes="
        + routes.size()
        + ", trips="
        + tripIds.length
        + ", stopEvents="
        + eventTime.length
        + ", problems="
        + problems.size()
        + "]";
  }

  private long localEpochDay(Instant instant) {
    long local = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
    return Math.floorDiv(local, SECONDS_PER_DAY);
  }

  private Day day(long epochDay) {
    int slot = Math.floorMod(epochDay, DAY_CACHE_SIZE);
    Day day = days.get(slot);
    if (day == null || day.epochDay != epochDay) {
      long start =
          LocalDate.ofEpochDay(epochDay)
              .atTime(LocalTime.NOON)
              .atZone(zone)
              .minusHours(12)
              .toEpochSecond();
      day = new Day(epochDay, start, calendar.activeOn(epochDay));
      days.set(slot, day);
    }
    return day;
  }

  /** The first index in {@code [from, to)} whose event time is {@code >= time}. */
  private int lowerBound(int from, int to, int time) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (eventTime[mid] < time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
