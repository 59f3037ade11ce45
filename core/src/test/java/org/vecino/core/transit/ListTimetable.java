package org.vecino.core.transit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link Timetable} held in memory: the stops, the routes and every scheduled arrival of the
 * period a test covers, by stop. Immutable once built.
 */
public final class ListTimetable implements Timetable {
  private final ZoneId zone;
  private final List<Stop> stops;
  private final List<Route> routes;
  private final Map<String, List<ScheduledArrival>> arrivalsByStop;

  private ListTimetable(Builder b) {
    this.zone = b.zone;
    this.stops = List.copyOf(b.stops);
    this.routes = List.copyOf(b.routes);
    Map<String, List<ScheduledArrival>> byStop = new TreeMap<>();
    b.arrivals.forEach(
        (stopId, list) -> {
          List<ScheduledArrival> sorted = new ArrayList<>(list);
          sorted.sort(Comparator.comparing(ScheduledArrival::arrivalTime));
          byStop.put(stopId, List.copyOf(sorted));
        });
    this.arrivalsByStop = Map.copyOf(byStop);
  }

  public static Builder builder() {
    return new Builder();
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
    for (Stop s : stops) {
      if (s.id().equals(stopId)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public Optional<Route> route(String idOrLabel) {
    for (Route r : routes) {
      if (r.id().equals(idOrLabel)) {
        return Optional.of(r);
      }
    }
    for (Route r : routes) {
      if (r.label().equals(idOrLabel)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  @Override
  public Set<String> linesAt(String stopId) {
    Set<String> lines = new LinkedHashSet<>();
    for (ScheduledArrival a : arrivalsByStop.getOrDefault(stopId, List.of())) {
      lines.add(a.line());
    }
    return Set.copyOf(lines);
  }

  @Override
  public List<ScheduledArrival> arrivals(String stopId, Instant from, Instant to) {
    List<ScheduledArrival> result = new ArrayList<>();
    for (ScheduledArrival a : arrivalsByStop.getOrDefault(stopId, List.of())) {
      if (!a.arrivalTime().isBefore(from) && a.arrivalTime().isBefore(to)) {
        result.add(a);
      }
    }
    return result;
  }

  /** Collects stops, routes and arrivals; routes are added as their lines are first used. */
  public static final class Builder {
    private ZoneId zone = ZoneId.of("Europe/Madrid");
    private final List<Stop> stops = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, List<ScheduledArrival>> arrivals = new TreeMap<>();
    private int trips;

    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    public Builder stop(Stop stop) {
      stops.add(stop);
      return this;
    }

    public Builder route(String id, String label) {
      routes.add(new Route(id, label, ""));
      return this;
    }

    /** An arrival of a route (by id) at a stop; the trip id is generated. */
    public Builder arrival(String stopId, String routeId, String destination, Instant at) {
      return arrival(stopId, routeId, destination, at, routeId + "-" + (++trips));
    }

    /** An arrival of a route (by id) at a stop, on a given trip. */
    public Builder arrival(
        String stopId, String routeId, String destination, Instant at, String tripId) {
      Route route = null;
      for (Route r : routes) {
        if (r.id().equals(routeId)) {
          route = r;
        }
      }
      if (route == null) {
        throw new IllegalArgumentException("add route " + routeId + " first");
      }
      arrivals
          .computeIfAbsent(stopId, k -> new ArrayList<>())
          .add(new ScheduledArrival(route.label(), route.id(), destination, at, tripId));
      return this;
    }

    public ListTimetable build() {
      return new ListTimetable(this);
    }
  }
}
