package org.vecino.core.transit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Texts;

/**
 * Finds stops by name or by position. Built once from a {@link Timetable} (its stops and their
 * normalised names are precomputed); immutable and thread-safe.
 */
public final class StopSearch {
  /** The mean Earth radius {@link GeoPoint#distanceMeters} uses. */
  private static final double EARTH_RADIUS_METERS = 6_371_008.8;

  private static final Comparator<Candidate> BY_RANK =
      Comparator.comparingInt(Candidate::rank)
          .thenComparing(Candidate::key)
          .thenComparing(c -> c.stop().name())
          .thenComparing(c -> c.stop().id());

  private static final Comparator<Candidate> BY_DISTANCE =
      Comparator.comparingDouble(Candidate::distance)
          .thenComparing(Candidate::key)
          .thenComparing(c -> c.stop().id());

  private final Stop[] stops;
  private final String[] keys;
  private final String[] codes;

  public StopSearch(Timetable timetable) {
    List<Stop> all = timetable.stops();
    stops = all.toArray(new Stop[0]);
    keys = new String[stops.length];
    codes = new String[stops.length];
    for (int i = 0; i < stops.length; i++) {
      keys[i] = Texts.searchKey(stops[i].name());
      codes[i] = Texts.searchKey(stops[i].code());
    }
  }

  /**
   * Stops whose name contains every word of the query, accents and case ignored ({@code "italia"}
   * and {@code "ITÁLIA"} find "Plaza de Italia"; so does {@code "plaza italia"}). A query equal to
   * a stop's code (the number on its pole) also finds that stop. Ranked: the code or the whole name
   * matched exactly, then names starting with the query, then the others; then by name.
   *
   * @return at most {@code limit} matches, without distance; empty for a blank query
   * @throws IllegalArgumentException when limit &lt; 1
   */
  public List<StopMatch> byName(String query, int limit) {
    requireLimit(limit);
    String q = query == null ? "" : Texts.searchKey(query);
    if (q.isEmpty()) {
      return List.of();
    }
    String[] words = q.split(" ");
    List<Candidate> found = new ArrayList<>();
    for (int i = 0; i < stops.length; i++) {
      String key = keys[i];
      int rank;
      if (key.equals(q) || codes[i].equals(q)) {
        rank = 0;
      } else if (containsAll(key, words)) {
        rank = key.startsWith(q) ? 1 : 2;
      } else {
        continue;
      }
      found.add(new Candidate(stops[i], key, rank, 0));
    }
    found.sort(BY_RANK);
    int n = Math.min(limit, found.size());
    List<StopMatch> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(new StopMatch(found.get(i).stop, null));
    }
    return result;
  }

  /**
   * Stops within {@code radiusMeters} of a point (great-circle distance), nearest first.
   *
   * @return at most {@code limit} matches, each with its distance rounded to whole metres
   * @throws IllegalArgumentException when the radius is not a positive number or limit &lt; 1
   */
  public List<StopMatch> near(GeoPoint point, double radiusMeters, int limit) {
    Objects.requireNonNull(point, "point");
    if (!(radiusMeters > 0) || Double.isInfinite(radiusMeters)) {
      throw new IllegalArgumentException("radius must be a positive number, was " + radiusMeters);
    }
    requireLimit(limit);
    // Bounding box: no point within the radius is further in latitude than the angle, nor in
    // longitude than asin(sin(angle) / cos(lat)); a small margin absorbs rounding.
    double angle = radiusMeters / EARTH_RADIUS_METERS;
    double maxDLat = Math.toDegrees(angle) * 1.0001 + 1e-9;
    double cosLat = Math.cos(Math.toRadians(point.lat()));
    double sinAngle = Math.sin(Math.min(angle, Math.PI / 2));
    double maxDLon =
        angle >= Math.PI / 2 || sinAngle >= cosLat
            ? 360 // a pole is within reach: every longitude
            : Math.toDegrees(Math.asin(sinAngle / cosLat)) * 1.0001 + 1e-9;

    List<Candidate> found = new ArrayList<>();
    for (int i = 0; i < stops.length; i++) {
      GeoPoint p = stops[i].location();
      if (Math.abs(p.lat() - point.lat()) > maxDLat) {
        continue;
      }
      double dLon = Math.abs(p.lon() - point.lon());
      if (dLon > 180) {
        dLon = 360 - dLon;
      }
      if (dLon > maxDLon) {
        continue;
      }
      double d = point.distanceMeters(p);
      if (d <= radiusMeters) {
        found.add(new Candidate(stops[i], keys[i], 0, d));
      }
    }
    found.sort(BY_DISTANCE);
    int n = Math.min(limit, found.size());
    List<StopMatch> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Candidate c = found.get(i);
      result.add(new StopMatch(c.stop, (int) Math.round(c.distance)));
    }
    return result;
  }

  private static boolean containsAll(String key, String[] words) {
    for (String w : words) {
      if (!key.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
  }

  private record Candidate(Stop stop, String key, int rank, double distance) {}
}
