package org.vecino.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * A tiny in-memory {@link Timetable} for tests: routes that call at stops at a fixed headway, all
 * day, every day. Trip ids are {@code routeId-epochMinute}. Immutable once built.
 */
public final class TestTimetable implements Timetable {
  private record Service(
      Route route, String destination, long headwaySeconds, long offsetSeconds) {}

  private final Map<String, Stop> stops = new LinkedHashMap<>();
  private final Map<String, Route> routes = new LinkedHashMap<>();
  private final Map<String, List<Service>> services = new LinkedHashMap<>();

  public static TestTimetable create() {
    return new TestTimetable();
  }

  /** Three Santander stops: 47 and 48 served by lines 1 and 7C1, 99 served by nothing. */
  public static TestTimetable santander() {
    return create()
        .stop("47", "Ayuntamiento", 43.4623, -3.8099)
        .stop("48", "Puertochico", 43.4641, -3.7990)
        .stop("99", "Cocheras", 43.4500, -3.8300)
        .route("R1", "1", "Valdenoja")
        .route("R7C1", "7C1", "Cueto")
        .serve("47", "R1", Duration.ofMinutes(10), Duration.ofMinutes(2))
        .serve("47", "R7C1", Duration.ofMinutes(15), Duration.ofMinutes(7))
        .serve("48", "R1", Duration.ofMinutes(10), Duration.ofMinutes(5));
  }

  public TestTimetable stop(String id, String name, double lat, double lon) {
    stops.put(id, new Stop(id, id, name, new GeoPoint(lat, lon)));
    return this;
  }

  /** A route whose trips all go to {@code destination}. */
  public TestTimetable route(String id, String label, String destination) {
    routes.put(id, new Route(id, label, destination));
    return this;
  }

  /** The route calls at the stop every {@code headway}, {@code offset} after each multiple. */
  public TestTimetable serve(String stopId, String routeId, Duration headway, Duration offset) {
    Route r = routes.get(routeId);
    services
        .computeIfAbsent(stopId, k -> new ArrayList<>())
        .add(new Service(r, r.longName(), headway.getSeconds(), offset.getSeconds()));
    return this;
  }

  @Override
  public ZoneId zone() {
    return ZoneId.of("Europe/Madrid");
  }

  @Override
  public List<Stop> stops() {
    return List.copyOf(stops.values());
  }

  @Override
  public Optional<Stop> stop(String stopId) {
    return Optional.ofNullable(stops.get(stopId));
  }

  @Override
  public List<Route> routes() {
    return List.copyOf(routes.values());
  }

  @Override
  public Optional<Route> route(String idOrLabel) {
    Route r = routes.get(idOrLabel);
    if (r != null) {
      return Optional.of(r);
    }
    return routes.values().stream().filter(x -> x.label().equals(idOrLabel)).findFirst();
  }

  @Override
  public Set<String> linesAt(String stopId) {
    Set<String> out = new LinkedHashSet<>();
    for (Service s : services.getOrDefault(stopId, List.of())) {
      out.add(s.route().label());
    }
    return out;
  }

  @Override
  public List<ScheduledArrival> arrivals(String stopId, Instant from, Instant to) {
    List<ScheduledArrival> out = new ArrayList<>();
    for (Service s : services.getOrDefault(stopId, List.of())) {
      long first =
          Math.floorDiv(from.getEpochSecond() - s.offsetSeconds(), s.headwaySeconds())
                  * s.headwaySeconds()
              + s.offsetSeconds();
      for (long t = first; t < to.getEpochSecond(); t += s.headwaySeconds()) {
        Instant at = Instant.ofEpochSecond(t);
        if (!at.isBefore(from)) {
          out.add(
              new ScheduledArrival(
                  s.route().label(),
                  s.route().id(),
                  s.destination(),
                  at,
                  s.route().id() + "-" + (t / 60)));
        }
      }
    }
    out.sort(Comparator.comparing(ScheduledArrival::arrivalTime));
    return out;
  }
}
