package org.vecino.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.transit.Route;
import org.vecino.core.transit.ScheduledArrival;
import org.vecino.core.transit.Stop;
import org.vecino.core.transit.Timetable;

/**
 * An in-memory {@link Timetable} for tests, with two kinds of service that may be mixed:
 *
 * <ul>
 *   <li>explicit arrivals ({@link Builder#arrival}), each at a given instant;
 *   <li>periodic service ({@link Builder#serve}): a route calls at a stop at a fixed headway, all
 *       day, every day, so any window has arrivals. Trip ids are {@code routeId-epochMinute}.
 * </ul>
 *
 * <p>Built with {@link #builder()}; {@link #santander()} is a ready-made sample. Immutable once
 * built, hence safe for concurrent reads. The zone is {@code Europe/Madrid} unless set.
 */
public final class FakeTimetable implements Timetable {
  private record Service(Route route, long headwaySeconds, long offsetSeconds) {}

  private final ZoneId zone;
  private final List<Stop> stops;
  private final List<Route> routes;
  private final Map<String, List<ScheduledArrival>> arrivalsByStop;
  private final Map<String, List<Service>> servicesByStop;

  private FakeTimetable(Builder b) {
    this.zone = b.zone;
    this.stops = List.copyOf(b.stops.values());
    this.routes = List.copyOf(b.routes.values());
    Map<String, List<ScheduledArrival>> arrivals = new LinkedHashMap<>();
    b.arrivals.forEach(
        (stopId, list) -> {
          List<ScheduledArrival> sorted = new ArrayList<>(list);
          sorted.sort(Comparator.comparing(ScheduledArrival::arrivalTime));
          arrivals.put(stopId, List.copyOf(sorted));
        });
    this.arrivalsByStop = Collections.unmodifiableMap(arrivals);
    Map<String, List<Service>> services = new LinkedHashMap<>();
    b.services.forEach((stopId, list) -> services.put(stopId, List.copyOf(list)));
    this.servicesByStop = Collections.unmodifiableMap(services);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Three Santander stops: 47 (Ayuntamiento) served by line 1 every 10 minutes at :02 and line 7C1
   * every 15 minutes at :07; 48 (Puertochico) by line 1 every 10 minutes at :05; 99 (Cocheras) by
   * nothing. Routes {@code R1} (to Valdenoja) and {@code R7C1} (to Cueto).
   */
  public static FakeTimetable santander() {
    return builder()
        .stop("47", "Ayuntamiento", 43.4623, -3.8099)
        .stop("48", "Puertochico", 43.4641, -3.7990)
        .stop("99", "Cocheras", 43.4500, -3.8300)
        .route("R1", "1", "Valdenoja")
        .route("R7C1", "7C1", "Cueto")
        .serve("47", "R1", Duration.ofMinutes(10), Duration.ofMinutes(2))
        .serve("47", "R7C1", Duration.ofMinutes(15), Duration.ofMinutes(7))
        .serve("48", "R1", Duration.ofMinutes(10), Duration.ofMinutes(5))
        .build();
  }

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
    return stops.stream().filter(s -> s.id().equals(stopId)).findFirst();
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public Optional<Route> route(String idOrLabel) {
    Optional<Route> byId = routes.stream().filter(r -> r.id().equals(idOrLabel)).findFirst();
    return byId.isPresent()
        ? byId
        : routes.stream().filter(r -> r.label().equals(idOrLabel)).findFirst();
  }

  @Override
  public Set<String> linesAt(String stopId) {
    Set<String> lines = new LinkedHashSet<>();
    for (ScheduledArrival a : arrivalsByStop.getOrDefault(stopId, List.of())) {
      lines.add(a.line());
    }
    for (Service s : servicesByStop.getOrDefault(stopId, List.of())) {
      lines.add(s.route().label());
    }
    return Collections.unmodifiableSet(lines);
  }

  @Override
  public List<ScheduledArrival> arrivals(String stopId, Instant from, Instant to) {
    List<ScheduledArrival> out = new ArrayList<>();
    for (ScheduledArrival a : arrivalsByStop.getOrDefault(stopId, List.of())) {
      if (!a.arrivalTime().isBefore(from) && a.arrivalTime().isBefore(to)) {
        out.add(a);
      }
    }
    for (Service s : servicesByStop.getOrDefault(stopId, List.of())) {
      long headway = s.headwaySeconds();
      long first =
          Math.floorDiv(from.getEpochSecond() - s.offsetSeconds(), headway) * headway
              + s.offsetSeconds();
      for (long t = first; t < to.getEpochSecond(); t += headway) {
        Instant at = Instant.ofEpochSecond(t);
        if (!at.isBefore(from)) {
          Route r = s.route();
          out.add(
              new ScheduledArrival(r.label(), r.id(), r.longName(), at, r.id() + "-" + (t / 60)));
        }
      }
    }
    out.sort(Comparator.comparing(ScheduledArrival::arrivalTime));
    return out;
  }

  /**
   * Collects stops, routes, arrivals and periodic services. Add a route before its arrivals or
   * services. Not thread-safe; {@link #build()} copies, so later changes do not reach built
   * timetables.
   */
  public static final class Builder {
    private ZoneId zone = ZoneId.of("Europe/Madrid");
    private final Map<String, Stop> stops = new LinkedHashMap<>();
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, List<ScheduledArrival>> arrivals = new LinkedHashMap<>();
    private final Map<String, List<Service>> services = new LinkedHashMap<>();
    private int trips;

    private Builder() {}

    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    public Builder stop(Stop stop) {
      if (stops.putIfAbsent(stop.id(), stop) != null) {
        throw new IllegalArgumentException("stop " + stop.id() + " added twice");
      }
      return this;
    }

    /** A stop whose code is its id. */
    public Builder stop(String id, String name, double lat, double lon) {
      return stop(new Stop(id, id, name, new GeoPoint(lat, lon)));
    }

    /** A route without a long name. */
    public Builder route(String id, String label) {
      return route(id, label, "");
    }

    /** A route; periodic services of it go to {@code longName}. */
    public Builder route(String id, String label, String longName) {
      if (routes.putIfAbsent(id, new Route(id, label, longName)) != null) {
        throw new IllegalArgumentException("route " + id + " added twice");
      }
      return this;
    }

    /** An arrival of a route (by id) at a stop; the trip id is {@code routeId-n}. */
    public Builder arrival(String stopId, String routeId, String destination, Instant at) {
      return arrival(stopId, routeId, destination, at, routeId + "-" + (++trips));
    }

    /** An arrival of a route (by id) at a stop, on a given trip. */
    public Builder arrival(
        String stopId, String routeId, String destination, Instant at, String tripId) {
      Route route = route(routeId);
      arrivals
          .computeIfAbsent(stopId, k -> new ArrayList<>())
          .add(new ScheduledArrival(route.label(), route.id(), destination, at, tripId));
      return this;
    }

    /**
     * The route (by id) calls at the stop every {@code headway}, {@code offset} after each multiple
     * of it since the epoch, towards the route's long name.
     */
    public Builder serve(String stopId, String routeId, Duration headway, Duration offset) {
      if (headway.getSeconds() <= 0) {
        throw new IllegalArgumentException("headway must be at least a second: " + headway);
      }
      services
          .computeIfAbsent(stopId, k -> new ArrayList<>())
          .add(new Service(route(routeId), headway.getSeconds(), offset.getSeconds()));
      return this;
    }

    public FakeTimetable build() {
      return new FakeTimetable(this);
    }

    private Route route(String routeId) {
      Route route = routes.get(routeId);
      if (route == null) {
        throw new IllegalArgumentException("add route " + routeId + " first");
      }
      return route;
    }
  }
}
