package org.vecino.core.transit.gtfs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.transit.Route;
import org.vecino.core.transit.Stop;

/**
 * Loads a GTFS static feed, from a {@code .zip} file or a folder of {@code .txt} files, into a
 * {@link GtfsFeed}.
 *
 * <p>Reads agency, stops, routes, trips, stop_times, calendar, calendar_dates and frequencies;
 * other files are ignored. agency, stops, routes, trips and stop_times are required, and at least
 * one of calendar and calendar_dates; a missing required file or column throws {@link
 * GtfsLoadException}. A bad row (a bad time or number, a missing value, an unknown reference, a
 * duplicate) is reported as a {@link GtfsProblem} and skipped. Stop times without times between
 * timed ones are interpolated evenly.
 *
 * <p>Files are read as streams into primitive arrays, so a city-size feed loads in seconds in a few
 * hundred megabytes. Stateless and thread-safe; each call loads afresh.
 */
public final class GtfsLoader {
  private static final String AGENCY = "agency.txt";
  private static final String STOPS = "stops.txt";
  private static final String ROUTES = "routes.txt";
  private static final String TRIPS = "trips.txt";
  private static final String STOP_TIMES = "stop_times.txt";
  private static final String CALENDAR = "calendar.txt";
  private static final String CALENDAR_DATES = "calendar_dates.txt";
  private static final String FREQUENCIES = "frequencies.txt";
  private static final String[] WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
  };

  private GtfsLoader() {}

  /**
   * Loads the feed at {@code path}, a zip file or a folder.
   *
   * @throws GtfsLoadException when the feed is unreadable or lacks a required file or column
   */
  public static GtfsFeed load(Path path) {
    try (FeedSource source = FeedSource.open(path)) {
      return new Load(source, path).run();
    } catch (IOException e) {
      throw new GtfsLoadException(null, "cannot read GTFS feed " + path + ": " + e.getMessage(), e);
    }
  }

  /** The state of one load. Not thread-safe. */
  private static final class Load {
    private final FeedSource source;
    private final Path path;
    private final Problems problems = new Problems();
    private String reading;

    private ZoneId zone;
    private final List<Stop> stops = new ArrayList<>();
    private final Map<String, Integer> stopIndex = new HashMap<>();
    private final Map<String, String> otherLocations = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Integer> routeIndex = new HashMap<>();
    private final ServiceCalendar.Builder services = new ServiceCalendar.Builder();
    private final Map<String, Integer> tripIndex = new HashMap<>();
    private final List<String> tripIds = new ArrayList<>();
    private final IntList tripRoute = new IntList(1024);
    private final IntList tripService = new IntList(1024);
    private final IntList tripHeadsign = new IntList(1024);
    private final Map<String, Integer> destinationIndex = new HashMap<>();
    private final List<String> destinations = new ArrayList<>();

    // stop_times.txt, one entry per good row; freed once the stop events are built.
    private IntList rowTrip = new IntList(1 << 16);
    private IntList rowStop = new IntList(1 << 16);
    private IntList rowSequence = new IntList(1 << 16);
    private IntList rowArrival = new IntList(1 << 16);
    private IntList rowDeparture = new IntList(1 << 16);
    private IntList rowHeadsign = new IntList(1 << 16);
    private IntList rowLine = new IntList(1 << 16);

    private final IntList freqTrip = new IntList(64);
    private final IntList freqStart = new IntList(64);
    private final IntList freqEnd = new IntList(64);
    private final IntList freqHeadway = new IntList(64);

    Load(FeedSource source, Path path) {
      this.source = source;
      this.path = path;
    }

    GtfsFeed run() {
      try {
        readAgency();
        readStops();
        readRoutes();
        readCalendars();
        readTrips();
        readStopTimes();
        readFrequencies();
      } catch (IOException e) {
        throw new GtfsLoadException(
            reading, "cannot read " + reading + " of " + path + ": " + e.getMessage(), e);
      }
      return build();
    }

    private GtfsTable open(String file) throws IOException {
      reading = file;
      return GtfsTable.open(source, file, problems);
    }

    private GtfsTable openIfPresent(String file) throws IOException {
      reading = file;
      return GtfsTable.openIfPresent(source, file, problems);
    }

    private void readAgency() throws IOException {
      try (GtfsTable t = open(AGENCY)) {
        int tz = t.require("agency_timezone");
        while (t.next()) {
          String value = t.get(tz);
          ZoneId z = zoneOrNull(value);
          if (zone == null) {
            if (z == null) {
              throw new GtfsLoadException(
                  AGENCY,
                  "agency_timezone",
                  AGENCY
                      + " line "
                      + t.line()
                      + ": the first agency's agency_timezone '"
                      + value
                      + "' is not a time zone");
            }
            zone = z;
          } else if (!zone.equals(z)) {
            t.problem(
                "agency_timezone",
                "'" + value + "' differs from the first agency's " + zone + ", which is used");
          }
        }
        if (zone == null) {
          throw new GtfsLoadException(AGENCY, null, AGENCY + " has no agency");
        }
      }
    }

    private static ZoneId zoneOrNull(String id) {
      if (id.isEmpty()) {
        return null;
      }
      try {
        return ZoneId.of(id);
      } catch (DateTimeException e) {
        return null;
      }
    }

    private void readStops() throws IOException {
      try (GtfsTable t = open(STOPS)) {
        int idCol = t.require("stop_id");
        int nameCol = t.require("stop_name");
        int latCol = t.require("stop_lat");
        int lonCol = t.require("stop_lon");
        int codeCol = t.column("stop_code");
        int typeCol = t.column("location_type");
        while (t.next()) {
          String id = t.required(idCol, "stop_id");
          if (id == null) {
            continue;
          }
          if (stopIndex.containsKey(id) || otherLocations.containsKey(id)) {
            t.problem("stop_id", "duplicate stop_id '" + id + "'");
            continue;
          }
          String type = t.get(typeCol);
          if (!type.isEmpty() && !type.equals("0")) {
            if (type.length() == 1 && type.charAt(0) >= '1' && type.charAt(0) <= '4') {
              otherLocations.put(id, type);
            } else {
              t.problem("location_type", "must be 0 to 4, was '" + type + "'");
            }
            continue;
          }
          String name = t.required(nameCol, "stop_name");
          if (name == null) {
            continue;
          }
          Double lat = number(t, latCol, "stop_lat");
          Double lon = lat == null ? null : number(t, lonCol, "stop_lon");
          if (lon == null) {
            continue;
          }
          GeoPoint location;
          try {
            location = new GeoPoint(lat, lon);
          } catch (IllegalArgumentException e) {
            t.problem(Math.abs(lat) > 90 ? "stop_lat" : "stop_lon", e.getMessage());
            continue;
          }
          stopIndex.put(id, stops.size());
          stops.add(new Stop(id, t.get(codeCol), name, location));
        }
      }
    }

    private static Double number(GtfsTable t, int col, String name) {
      String v = t.required(col, name);
      if (v == null) {
        return null;
      }
      try {
        double d = Double.parseDouble(v);
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      t.problem(name, "not a number: '" + v + "'");
      return null;
    }

    private void readRoutes() throws IOException {
      try (GtfsTable t = open(ROUTES)) {
        int idCol = t.require("route_id");
        int shortCol = t.column("route_short_name");
        int longCol = t.column("route_long_name");
        while (t.next()) {
          String id = t.required(idCol, "route_id");
          if (id == null) {
            continue;
          }
          if (routeIndex.containsKey(id)) {
            t.problem("route_id", "duplicate route_id '" + id + "'");
            continue;
          }
          String shortName = t.get(shortCol);
          String longName = t.get(longCol);
          String label = !shortName.isEmpty() ? shortName : !longName.isEmpty() ? longName : id;
          routeIndex.put(id, routes.size());
          routes.add(new Route(id, label, longName));
        }
      }
    }

    private void readCalendars() throws IOException {
      boolean any = false;
      try (GtfsTable t = openIfPresent(CALENDAR)) {
        if (t != null) {
          any = true;
          readCalendar(t);
        }
      }
      try (GtfsTable t = openIfPresent(CALENDAR_DATES)) {
        if (t != null) {
          any = true;
          readCalendarDates(t);
        }
      }
      if (!any) {
        throw new GtfsLoadException(
            CALENDAR,
            null,
            "required file "
                + CALENDAR
                + " (or "
                + CALENDAR_DATES
                + ") is missing: a feed needs at least one of them");
      }
    }

    private void readCalendar(GtfsTable t) throws IOException {
      int idCol = t.require("service_id");
      int[] dayCols = new int[7];
      for (int d = 0; d < 7; d++) {
        dayCols[d] = t.require(WEEKDAYS[d]);
      }
      int startCol = t.require("start_date");
      int endCol = t.require("end_date");
      rows:
      while (t.next()) {
        String id = t.required(idCol, "service_id");
        if (id == null) {
          continue;
        }
        int mask = 0;
        for (int d = 0; d < 7; d++) {
          String v = t.get(dayCols[d]);
          if (v.equals("1")) {
            mask |= 1 << d;
          } else if (!v.equals("0")) {
            t.problem(WEEKDAYS[d], "must be 0 or 1, was '" + v + "'");
            continue rows;
          }
        }
        long start = date(t, startCol, "start_date");
        long end = start == Long.MIN_VALUE ? Long.MIN_VALUE : date(t, endCol, "end_date");
        if (end == Long.MIN_VALUE) {
          continue;
        }
        if (end < start) {
          t.problem("end_date", "is before start_date");
          continue;
        }
        int s = services.find(id);
        if (s >= 0 && services.hasPattern(s)) {
          t.problem("service_id", "duplicate service_id '" + id + "'");
          continue;
        }
        services.pattern(services.service(id), mask, start, end);
      }
    }

    private void readCalendarDates(GtfsTable t) throws IOException {
      int idCol = t.require("service_id");
      int dateCol = t.require("date");
      int typeCol = t.require("exception_type");
      while (t.next()) {
        String id = t.required(idCol, "service_id");
        if (id == null) {
          continue;
        }
        long day = date(t, dateCol, "date");
        if (day == Long.MIN_VALUE) {
          continue;
        }
        String type = t.required(typeCol, "exception_type");
        if (type == null) {
          continue;
        }
        if (!type.equals("1") && !type.equals("2")) {
          t.problem("exception_type", "must be 1 (added) or 2 (removed), was '" + type + "'");
          continue;
        }
        services.exception(services.service(id), day, type.equals("1"));
      }
    }

    /** The epoch day of a {@code YYYYMMDD} value, or Long.MIN_VALUE after reporting it. */
    private static long date(GtfsTable t, int col, String name) {
      String v = t.required(col, name);
      if (v == null) {
        return Long.MIN_VALUE;
      }
      if (v.length() == 8 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
        try {
          return LocalDate.of(
                  Integer.parseInt(v.substring(0, 4)),
                  Integer.parseInt(v.substring(4, 6)),
                  Integer.parseInt(v.substring(6, 8)))
              .toEpochDay();
        } catch (DateTimeException e) {
          // reported below
        }
      }
      t.problem(name, "not a date YYYYMMDD: '" + v + "'");
      return Long.MIN_VALUE;
    }

    private void readTrips() throws IOException {
      try (GtfsTable t = open(TRIPS)) {
        int routeCol = t.require("route_id");
        int serviceCol = t.require("service_id");
        int idCol = t.require("trip_id");
        int headsignCol = t.column("trip_headsign");
        while (t.next()) {
          String id = t.required(idCol, "trip_id");
          String routeId = id == null ? null : t.required(routeCol, "route_id");
          String serviceId = routeId == null ? null : t.required(serviceCol, "service_id");
          if (serviceId == null) {
            continue;
          }
          if (tripIndex.containsKey(id)) {
            t.problem("trip_id", "duplicate trip_id '" + id + "'");
            continue;
          }
          Integer route = routeIndex.get(routeId);
          if (route == null) {
            t.problem("route_id", "unknown route_id '" + routeId + "'");
            continue;
          }
          int service = services.find(serviceId);
          if (service < 0) {
            t.problem(
                "service_id",
                "unknown service_id '"
                    + serviceId
                    + "': not in "
                    + CALENDAR
                    + " or "
                    + CALENDAR_DATES);
            continue;
          }
          String headsign = t.get(headsignCol);
          tripIndex.put(id, tripIds.size());
          tripIds.add(id);
          tripRoute.add(route);
          tripService.add(service);
          tripHeadsign.add(headsign.isEmpty() ? -1 : destination(headsign));
        }
      }
    }

    private int destination(String text) {
      Integer i = destinationIndex.get(text);
      if (i == null) {
        i = destinations.size();
        destinations.add(text);
        destinationIndex.put(text, i);
      }
      return i;
    }

    private void readStopTimes() throws IOException {
      try (GtfsTable t = open(STOP_TIMES)) {
        int tripCol = t.require("trip_id");
        int arrivalCol = t.column("arrival_time");
        int departureCol = t.column("departure_time");
        if (arrivalCol < 0 && departureCol < 0) {
          throw new GtfsLoadException(
              STOP_TIMES,
              "arrival_time",
              STOP_TIMES + ": required column arrival_time (or departure_time) is missing");
        }
        int stopCol = t.require("stop_id");
        int sequenceCol = t.require("stop_sequence");
        int headsignCol = t.column("stop_headsign");
        String lastTripId = null;
        int lastTrip = -1;
        while (t.next()) {
          String tripId = t.required(tripCol, "trip_id");
          if (tripId == null) {
            continue;
          }
          int trip;
          if (tripId.equals(lastTripId)) {
            trip = lastTrip;
          } else {
            Integer i = tripIndex.get(tripId);
            if (i == null) {
              t.problem("trip_id", "unknown trip_id '" + tripId + "'");
              continue;
            }
            trip = i;
            lastTripId = tripId;
            lastTrip = trip;
          }
          String stopId = t.required(stopCol, "stop_id");
          if (stopId == null) {
            continue;
          }
          Integer stop = stopIndex.get(stopId);
          if (stop == null) {
            String type = otherLocations.get(stopId);
            t.problem(
                "stop_id",
                type == null
                    ? "unknown stop_id '" + stopId + "'"
                    : "stop_id '" + stopId + "' is not a stop (location_type " + type + ")");
            continue;
          }
          String sequenceText = t.required(sequenceCol, "stop_sequence");
          if (sequenceText == null) {
            continue;
          }
          int sequence = nonNegativeInt(sequenceText);
          if (sequence < 0) {
            t.problem("stop_sequence", "not a non-negative whole number: '" + sequenceText + "'");
            continue;
          }
          int arrival = time(t, arrivalCol, "arrival_time");
          int departure = arrival == GtfsTime.INVALID ? 0 : time(t, departureCol, "departure_time");
          if (arrival == GtfsTime.INVALID || departure == GtfsTime.INVALID) {
            continue;
          }
          String headsign = t.get(headsignCol);
          rowTrip.add(trip);
          rowStop.add(stop);
          rowSequence.add(sequence);
          rowArrival.add(arrival);
          rowDeparture.add(departure);
          rowHeadsign.add(headsign.isEmpty() ? -1 : destination(headsign));
          rowLine.add((int) Math.min(t.line(), Integer.MAX_VALUE));
        }
      }
    }

    /** Seconds of an optional time column: -1 when empty, INVALID after reporting it bad. */
    private static int time(GtfsTable t, int col, String name) {
      String v = t.get(col);
      if (v.isEmpty()) {
        return -1;
      }
      int s = GtfsTime.parse(v);
      if (s == GtfsTime.INVALID) {
        t.problem(name, "not a time H:MM:SS: '" + v + "'");
      }
      return s;
    }

    /** A non-negative int, or -1 when the text is not one. */
    private static int nonNegativeInt(String s) {
      if (s.isEmpty() || s.length() > 9) {
        return -1;
      }
      int v = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }

    private void readFrequencies() throws IOException {
      try (GtfsTable t = openIfPresent(FREQUENCIES)) {
        if (t == null) {
          return;
        }
        int tripCol = t.require("trip_id");
        int startCol = t.require("start_time");
        int endCol = t.require("end_time");
        int headwayCol = t.require("headway_secs");
        int exactCol = t.column("exact_times");
        while (t.next()) {
          String tripId = t.required(tripCol, "trip_id");
          if (tripId == null) {
            continue;
          }
          Integer trip = tripIndex.get(tripId);
          if (trip == null) {
            t.problem("trip_id", "unknown trip_id '" + tripId + "'");
            continue;
          }
          int start = requiredTime(t, startCol, "start_time");
          int end = start < 0 ? -1 : requiredTime(t, endCol, "end_time");
          if (end < 0) {
            continue;
          }
          String headwayText = t.required(headwayCol, "headway_secs");
          if (headwayText == null) {
            continue;
          }
          int headway = nonNegativeInt(headwayText);
          if (headway <= 0) {
            t.problem(
                "headway_secs", "not a positive whole number of seconds: '" + headwayText + "'");
            continue;
          }
          if (end <= start) {
            t.problem("end_time", "is not after start_time");
            continue;
          }
          String exact = t.get(exactCol);
          if (!exact.isEmpty() && !exact.equals("0") && !exact.equals("1")) {
            t.problem("exact_times", "must be 0 or 1, was '" + exact + "'");
            continue;
          }
          freqTrip.add(trip);
          freqStart.add(start);
          freqEnd.add(end);
          freqHeadway.add(headway);
        }
      }
    }

    /** Seconds of a required time column, or -1 after reporting it missing or bad. */
    private static int requiredTime(GtfsTable t, int col, String name) {
      if (t.required(col, name) == null) {
        return -1;
      }
      int s = time(t, col, name);
      return s == GtfsTime.INVALID ? -1 : s;
    }

    // ---------------------------------------------------------------------------------------
    // Building the stop events

    private GtfsFeed build() {
      reading = null;
      int tripCount = tripIds.size();
      TripStops ts = tripStops(tripCount);
      Events events = stopEvents(tripCount, ts);
      int[] routeOfTrip = tripRoute.toArray();
      List<Set<String>> lines = linesAtStops(events, routeOfTrip);
      return new GtfsFeed(
          zone,
          stops,
          routes,
          new GtfsFeed.Trips(tripIds.toArray(new String[0]), routeOfTrip, tripService.toArray()),
          new GtfsFeed.Events(
              events.stopStart,
              events.time,
              events.trip,
              events.destination,
              destinations.toArray(new String[0])),
          lines,
          services.build(),
          problems.toList());
    }

    /**
     * The good stop times of every trip, in stop_sequence order: those of trip {@code t} are at
     * {@code [start[t], start[t + 1])}. {@code base} is each trip's first departure.
     */
    private record TripStops(int[] start, int[] stop, int[] time, int[] destination, int[] base) {}

    private TripStops tripStops(int tripCount) {
      int n = rowTrip.size();
      int[] trip = rowTrip.array();
      int[] sequence = rowSequence.array();
      int[] arrival = rowArrival.array();
      int[] departure = rowDeparture.array();
      int[] headsign = rowHeadsign.array();
      int[] stop = rowStop.array();
      int[] line = rowLine.array();
      rowTrip = rowSequence = rowArrival = rowDeparture = rowHeadsign = rowStop = rowLine = null;

      // Group the rows by trip (a counting sort keeps the file order within a trip).
      int[] rowsStart = new int[tripCount + 1];
      for (int i = 0; i < n; i++) {
        rowsStart[trip[i] + 1]++;
      }
      for (int t = 0; t < tripCount; t++) {
        rowsStart[t + 1] += rowsStart[t];
      }
      int[] order = new int[n];
      int[] cursor = Arrays.copyOf(rowsStart, tripCount);
      for (int i = 0; i < n; i++) {
        order[cursor[trip[i]]++] = i;
      }
      cursor = null;
      trip = null;

      int[] start = new int[tripCount + 1];
      int[] outStop = new int[n];
      int[] outTime = new int[n];
      int[] outDestination = new int[n];
      int[] base = new int[tripCount];
      int[] kept = new int[16];
      long[] keys = new long[16];
      int k = 0;
      for (int t = 0; t < tripCount; t++) {
        start[t] = k;
        int a = rowsStart[t];
        int b = rowsStart[t + 1];
        if (a == b) {
          continue;
        }
        if (b - a > kept.length) {
          kept = new int[b - a];
          keys = new long[b - a];
        }
        sortBySequence(order, a, b, sequence, keys);

        // Drop duplicate sequences and times that go backwards.
        int m = 0;
        int previousSequence = -1;
        int previousTime = -1;
        for (int p = a; p < b; p++) {
          int r = order[p];
          if (sequence[r] == previousSequence) {
            problem(
                line[r],
                "stop_sequence",
                "duplicate stop_sequence " + sequence[r] + " in trip '" + tripIds.get(t) + "'");
            continue;
          }
          previousSequence = sequence[r];
          int time = arrival[r] >= 0 ? arrival[r] : departure[r];
          if (time >= 0) {
            if (time < previousTime) {
              problem(
                  line[r],
                  arrival[r] >= 0 ? "arrival_time" : "departure_time",
                  GtfsTime.format(time)
                      + " is before the previous stop's "
                      + GtfsTime.format(previousTime)
                      + " in trip '"
                      + tripIds.get(t)
                      + "'");
              continue;
            }
            previousTime = time;
          }
          kept[m++] = r;
        }

        // Untimed stops are interpolated between the timed ones around them.
        int firstTimed = -1;
        int lastTimed = -1;
        for (int i = 0; i < m; i++) {
          int r = kept[i];
          if (arrival[r] >= 0 || departure[r] >= 0) {
            lastTimed = i;
            if (firstTimed < 0) {
              firstTimed = i;
            }
          }
        }
        for (int i = 0; i < m; i++) {
          if (firstTimed < 0 || i < firstTimed || i > lastTimed) {
            problem(
                line[kept[i]],
                "arrival_time",
                "no arrival_time or departure_time, and no timed stop "
                    + (firstTimed >= 0 && i > lastTimed ? "after" : "before")
                    + " it in trip '"
                    + tripIds.get(t)
                    + "' to interpolate from");
          }
        }
        if (firstTimed < 0) {
          continue;
        }
        int tripDestination = tripHeadsign.get(t);
        if (tripDestination < 0) {
          String longName = routes.get(tripRoute.get(t)).longName();
          tripDestination =
              destination(longName.isEmpty() ? stops.get(stop[kept[lastTimed]]).name() : longName);
        }
        int first = kept[firstTimed];
        base[t] = departure[first] >= 0 ? departure[first] : arrival[first];
        int before = firstTimed;
        for (int i = firstTimed; i <= lastTimed; i++) {
          int r = kept[i];
          int time = arrival[r] >= 0 ? arrival[r] : departure[r];
          if (time >= 0) {
            before = i;
          } else {
            int after = i + 1;
            while (arrival[kept[after]] < 0 && departure[kept[after]] < 0) {
              after++;
            }
            int t0 = timeOf(kept[before], arrival, departure);
            int t1 = timeOf(kept[after], arrival, departure);
            time = t0 + (int) ((long) (t1 - t0) * (i - before) / (after - before));
          }
          outStop[k] = stop[r];
          outTime[k] = time;
          outDestination[k] = headsign[r] >= 0 ? headsign[r] : tripDestination;
          k++;
        }
      }
      start[tripCount] = k;
      return new TripStops(start, outStop, outTime, outDestination, base);
    }

    private static int timeOf(int row, int[] arrival, int[] departure) {
      return arrival[row] >= 0 ? arrival[row] : departure[row];
    }

    private static void sortBySequence(int[] order, int a, int b, int[] sequence, long[] keys) {
      boolean sorted = true;
      for (int p = a + 1; p < b && sorted; p++) {
        sorted = sequence[order[p]] >= sequence[order[p - 1]];
      }
      if (sorted) {
        return;
      }
      for (int p = a; p < b; p++) {
        keys[p - a] = (long) sequence[order[p]] << 32 | order[p];
      }
      Arrays.sort(keys, 0, b - a);
      for (int p = a; p < b; p++) {
        order[p] = (int) keys[p - a];
      }
    }

    private void problem(int line, String field, String message) {
      problems.add(STOP_TIMES, line, field, message);
    }

    /** Stop events grouped by stop and sorted by time, then line, then trip. */
    private record Events(int[] stopStart, int[] time, int[] trip, int[] destination) {}

    private Events stopEvents(int tripCount, TripStops ts) {
      // Frequencies grouped by trip.
      int f = freqTrip.size();
      int[] freqStartOf = new int[tripCount + 1];
      for (int i = 0; i < f; i++) {
        freqStartOf[freqTrip.get(i) + 1]++;
      }
      for (int t = 0; t < tripCount; t++) {
        freqStartOf[t + 1] += freqStartOf[t];
      }
      int[] freqOrder = new int[f];
      int[] cursor = Arrays.copyOf(freqStartOf, tripCount);
      for (int i = 0; i < f; i++) {
        freqOrder[cursor[freqTrip.get(i)]++] = i;
      }

      // How many events each stop gets.
      int stopCount = stops.size();
      int[] stopStart = new int[stopCount + 1];
      long total = 0;
      for (int t = 0; t < tripCount; t++) {
        long runs = 1;
        if (freqStartOf[t] < freqStartOf[t + 1]) {
          runs = 0;
          for (int q = freqStartOf[t]; q < freqStartOf[t + 1]; q++) {
            int i = freqOrder[q];
            int span = freqEnd.get(i) - freqStart.get(i);
            runs += (span + freqHeadway.get(i) - 1) / freqHeadway.get(i);
          }
        }
        for (int e = ts.start[t]; e < ts.start[t + 1]; e++) {
          stopStart[ts.stop[e] + 1] += (int) runs;
          total += runs;
          if (total > Integer.MAX_VALUE - 16) {
            throw new GtfsLoadException(
                STOP_TIMES, null, "the feed has more stop events than fit in memory");
          }
        }
      }
      for (int s = 0; s < stopCount; s++) {
        stopStart[s + 1] += stopStart[s];
      }

      int n = (int) total;
      int[] time = new int[n];
      int[] trip = new int[n];
      int[] destination = new int[n];
      int[] at = Arrays.copyOf(stopStart, stopCount);
      for (int t = 0; t < tripCount; t++) {
        if (freqStartOf[t] == freqStartOf[t + 1]) {
          for (int e = ts.start[t]; e < ts.start[t + 1]; e++) {
            int p = at[ts.stop[e]]++;
            time[p] = ts.time[e];
            trip[p] = t;
            destination[p] = ts.destination[e];
          }
          continue;
        }
        for (int q = freqStartOf[t]; q < freqStartOf[t + 1]; q++) {
          int i = freqOrder[q];
          int end = freqEnd.get(i);
          int headway = freqHeadway.get(i);
          for (int departure = freqStart.get(i); departure < end; departure += headway) {
            int shift = departure - ts.base[t];
            for (int e = ts.start[t]; e < ts.start[t + 1]; e++) {
              int p = at[ts.stop[e]]++;
              time[p] = ts.time[e] + shift;
              trip[p] = t;
              destination[p] = ts.destination[e];
            }
          }
        }
      }

      int[] rank = routeRanks();
      int[] routeOf = tripRoute.array();
      long[] keys = new long[16];
      int[] scratch = new int[16];
      for (int s = 0; s < stopCount; s++) {
        int a = stopStart[s];
        int b = stopStart[s + 1];
        if (b - a > keys.length) {
          keys = new long[b - a];
          scratch = new int[b - a];
        }
        sortStop(a, b, time, trip, destination, rank, routeOf, keys, scratch);
      }
      return new Events(stopStart, time, trip, destination);
    }

    /** Each route's place when routes are sorted by label in line order. */
    private int[] routeRanks() {
      Integer[] byLabel = new Integer[routes.size()];
      for (int i = 0; i < byLabel.length; i++) {
        byLabel[i] = i;
      }
      Arrays.sort(byLabel, (x, y) -> LineOrder.INSTANCE.compare(label(x), label(y)));
      int[] rank = new int[byLabel.length];
      for (int i = 0; i < byLabel.length; i++) {
        rank[byLabel[i]] = i;
      }
      return rank;
    }

    private String label(int route) {
      return routes.get(route).label();
    }

    private static void sortStop(
        int a,
        int b,
        int[] time,
        int[] trip,
        int[] destination,
        int[] rank,
        int[] routeOf,
        long[] keys,
        int[] scratch) {
      boolean sorted = true;
      for (int p = a + 1; p < b && sorted; p++) {
        sorted = compare(p - 1, p, time, trip, rank, routeOf) <= 0;
      }
      if (sorted) {
        return;
      }
      for (int p = a; p < b; p++) {
        keys[p - a] = (long) time[p] << 32 | (p - a);
      }
      Arrays.sort(keys, 0, b - a);
      for (int p = a; p < b; p++) {
        time[p] = (int) (keys[p - a] >> 32);
      }
      permute(trip, a, b, keys, scratch);
      permute(destination, a, b, keys, scratch);
      // Ties of time: by line, then trip (insertion sort; runs of equal times are short).
      for (int p = a + 1; p < b; p++) {
        int q = p;
        while (q > a
            && time[q - 1] == time[q]
            && compare(q - 1, q, time, trip, rank, routeOf) > 0) {
          swap(trip, q - 1, q);
          swap(destination, q - 1, q);
          q--;
        }
      }
    }

    private static int compare(int p, int q, int[] time, int[] trip, int[] rank, int[] routeOf) {
      int c = Integer.compare(time[p], time[q]);
      if (c == 0) {
        c = Integer.compare(rank[routeOf[trip[p]]], rank[routeOf[trip[q]]]);
      }
      return c != 0 ? c : Integer.compare(trip[p], trip[q]);
    }

    private static void permute(int[] values, int a, int b, long[] keys, int[] scratch) {
      for (int p = a; p < b; p++) {
        scratch[p - a] = values[a + (int) keys[p - a]];
      }
      System.arraycopy(scratch, 0, values, a, b - a);
    }

    private static void swap(int[] values, int i, int j) {
      int v = values[i];
      values[i] = values[j];
      values[j] = v;
    }

    /** The labels of the lines calling at each stop, in line order. */
    private List<Set<String>> linesAtStops(Events events, int[] routeOfTrip) {
      int[] rank = routeRanks();
      int[] seenAt = new int[routes.size()];
      Arrays.fill(seenAt, -1);
      List<Set<String>> lines = new ArrayList<>(stops.size());
      List<Integer> found = new ArrayList<>();
      for (int s = 0; s < stops.size(); s++) {
        found.clear();
        for (int p = events.stopStart[s]; p < events.stopStart[s + 1]; p++) {
          int route = routeOfTrip[events.trip[p]];
          if (seenAt[route] != s) {
            seenAt[route] = s;
            found.add(route);
          }
        }
        if (found.isEmpty()) {
          lines.add(Set.of());
          continue;
        }
        found.sort((x, y) -> Integer.compare(rank[x], rank[y]));
        Set<String> labels = new LinkedHashSet<>();
        for (int route : found) {
          labels.add(label(route));
        }
        lines.add(Collections.unmodifiableSet(labels));
      }
      return lines;
    }
  }
}
