package org.vecino.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a deterministic, invented, city-size GTFS feed around Santander for the benchmarks.
 *
 * <p>Stops come in pairs (one on each side of the street) on a jittered grid inside the bounding
 * box 43.43–43.49 N, 3.88–3.76 W. Each line is a walk over the grid, run both ways (direction 0 on
 * one side of the street, direction 1 back on the other), with weekday, Saturday and Sunday
 * services valid 2024–2035 and public holidays run as Sundays. Departures every 8–30 minutes from
 * 06:00 to 24:30, so the last trips run past 24:00; a few lines are frequency based. Stop times are
 * whole minutes, as in real timetables. At {@link Scale#CITY} that is about 3,000 stops, 200 lines
 * and 2.3 million stop_times.
 *
 * <p>Output depends only on the scale and the seed: the same arguments write the same bytes.
 * Besides the GTFS files, {@link #generate} writes a list of the served stops, one per line as
 * {@code stopId<TAB>line,line,...}, which the load generators rotate over.
 */
public final class CityFeedGenerator {
  /** The seed of every generated feed. */
  public static final long SEED = 20_261_128L;

  private static final double LAT_MIN = 43.43;
  private static final double LAT_MAX = 43.49;
  private static final double LON_MIN = -3.88;
  private static final double LON_MAX = -3.76;
  private static final int FIRST_DEPARTURE = 6 * 60;
  private static final int LAST_DEPARTURE = 24 * 60 + 30;
  private static final String[] SERVICES = {"WEEKDAY", "SATURDAY", "SUNDAY"};
  private static final int[][] HOLIDAYS = {
    {1, 1}, {1, 6}, {5, 1}, {8, 15}, {9, 15}, {10, 12}, {11, 1}, {12, 6}, {12, 8}, {12, 25}
  };
  private static final String[] STREET_KINDS = {
    "Calle", "Calle", "Calle", "Avenida", "Paseo", "Plaza", "Barrio", "Travesía"
  };
  private static final String[] STREET_NAMES = {
    "Castilla",
    "Cádiz",
    "Calvo Sotelo",
    "Pereda",
    "Reina Victoria",
    "Menéndez Pelayo",
    "Los Castros",
    "Valdecilla",
    "Cajo",
    "Peñacastillo",
    "Nueva Montaña",
    "Sardinero",
    "Cazoña",
    "Corbán",
    "Ojaiz",
    "Albericia",
    "Cueto",
    "Valdenoja",
    "San Fernando",
    "Vargas",
    "Numancia",
    "Lealtad",
    "Jesús de Monasterio",
    "Isabel II",
    "Burgos",
    "Santa Lucía",
    "Marqués de la Hermida",
    "Antonio López",
    "General Dávila",
    "Floranes",
    "Tetuán",
    "Puertochico",
    "Río de la Pila",
    "Peña Herbosa",
    "La Remonta",
    "Primero de Mayo",
    "Camilo Alonso Vega",
    "Monte",
    "Pronillo",
    "Los Ciruelos",
    "Cisneros",
    "Alta",
    "Entrehuertas",
    "Campogiro",
    "Lluja",
    "Ruiz de Alda"
  };

  /**
   * The size of a feed.
   *
   * @param rows grid rows (north–south); each grid point is a pair of stops
   * @param cols grid columns (west–east)
   * @param lines lines, each run in both directions
   * @param minStops fewest stops of a line per direction
   * @param maxStops most stops of a line per direction
   * @param frequencyLines how many of the lines are given by {@code frequencies.txt}
   */
  public record Scale(
      int rows, int cols, int lines, int minStops, int maxStops, int frequencyLines) {
    /** About 3,000 stops, 200 lines of 20–40 stops, 2.3 million stop_times. */
    public static final Scale CITY = new Scale(32, 47, 200, 20, 40, 6);

    /** A feed of a few thousand stop_times for tests. */
    public static final Scale SMALL = new Scale(6, 8, 6, 5, 9, 1);

    public Scale {
      if (rows < 2 || cols < 2 || lines < 1 || minStops < 2 || maxStops < minStops) {
        throw new IllegalArgumentException("bad scale");
      }
      if (frequencyLines < 0 || frequencyLines > lines) {
        throw new IllegalArgumentException("frequencyLines must be 0.." + lines);
      }
    }
  }

  /** What a generation wrote. */
  public record Summary(int stops, int servedStops, int routes, int trips, long stopTimes) {}

  private final Scale scale;
  private final Random random;
  private final int points;
  private final double[] lat;
  private final double[] lon;
  private final String[] street;
  private final int[] visits;
  private final List<int[]> lineWalks = new ArrayList<>();
  private final TreeMap<Integer, TreeSet<Integer>> linesAtStop = new TreeMap<>();

  private CityFeedGenerator(Scale scale, long seed) {
    this.scale = scale;
    this.random = new Random(seed);
    this.points = scale.rows() * scale.cols();
    this.lat = new double[points];
    this.lon = new double[points];
    this.street = new String[points];
    this.visits = new int[points];
  }

  /** {@code main(outDir [stopListFile])}: writes the {@link Scale#CITY} feed. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: CityFeedGenerator <outDir> [stopListFile]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Path list =
        args.length > 1 ? Path.of(args[1]) : out.resolveSibling(out.getFileName() + "-stops.txt");
    long t0 = System.nanoTime();
    Summary s = generate(out, list, Scale.CITY, SEED);
    System.out.printf(
        Locale.ROOT,
        "city feed %s: %,d stops (%,d served), %,d routes, %,d trips, %,d stop_times in %.1f s;"
            + " stop list %s%n",
        out,
        s.stops(),
        s.servedStops(),
        s.routes(),
        s.trips(),
        s.stopTimes(),
        (System.nanoTime() - t0) / 1e9,
        list);
  }

  /**
   * Writes the feed's {@code .txt} files into {@code outDir} (created if needed) and the served
   * stops into {@code stopList}.
   */
  public static Summary generate(Path outDir, Path stopList, Scale scale, long seed)
      throws IOException {
    Files.createDirectories(outDir);
    if (stopList.getParent() != null) {
      Files.createDirectories(stopList.getParent());
    }
    return new CityFeedGenerator(scale, seed).write(outDir, stopList);
  }

  private Summary write(Path dir, Path stopList) throws IOException {
    placeStops();
    planLines();
    writeAgency(dir);
    int stops = writeStops(dir);
    writeRoutes(dir);
    writeCalendars(dir);
    long[] counts = writeTripsAndTimes(dir);
    writeStopList(stopList);
    return new Summary(stops, linesAtStop.size(), scale.lines(), (int) counts[0], counts[1]);
  }

  // ---------------------------------------------------------------------------------------
  // The network

  private void placeStops() {
    int rows = scale.rows();
    int cols = scale.cols();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int p = r * cols + c;
        double jr = (random.nextDouble() - 0.5) * 0.6;
        double jc = (random.nextDouble() - 0.5) * 0.6;
        lat[p] = LAT_MIN + (r + 0.5 + jr) / rows * (LAT_MAX - LAT_MIN);
        lon[p] = LON_MIN + (c + 0.5 + jc) / cols * (LON_MAX - LON_MIN);
        street[p] =
            STREET_KINDS[random.nextInt(STREET_KINDS.length)]
                + " "
                + STREET_NAMES[random.nextInt(STREET_NAMES.length)];
      }
    }
  }

  /** A line's walk: grid points, each at most once, heading roughly one way with some turns. */
  private void planLines() {
    for (int line = 0; line < scale.lines(); line++) {
      int length = scale.minStops() + random.nextInt(scale.maxStops() - scale.minStops() + 1);
      int[] walk = null;
      for (int attempt = 0; attempt < 1000 && walk == null; attempt++) {
        walk = walk(length);
      }
      if (walk == null) {
        throw new IllegalStateException("no walk of " + length + " stops fits the grid");
      }
      for (int p : walk) {
        visits[p]++;
      }
      lineWalks.add(walk);
    }
  }

  private int[] walk(int length) {
    int rows = scale.rows();
    int cols = scale.cols();
    // Start at the least served of a few random points.
    int start = random.nextInt(points);
    for (int i = 0; i < 12; i++) {
      int p = random.nextInt(points);
      if (visits[p] < visits[start]) {
        start = p;
      }
    }
    // Head towards the far side of the grid from the start.
    double heading =
        Math.atan2(
            (rows / 2.0 - start / cols) + random.nextGaussian() * rows / 4.0,
            (cols / 2.0 - start % cols) + random.nextGaussian() * cols / 4.0);
    boolean[] used = new boolean[points];
    int[] walk = new int[length];
    walk[0] = start;
    used[start] = true;
    int at = start;
    for (int i = 1; i < length; i++) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++) {
          int r = at / cols + dr;
          int c = at % cols + dc;
          if ((dr == 0 && dc == 0) || r < 0 || r >= rows || c < 0 || c >= cols) {
            continue;
          }
          int p = r * cols + c;
          if (used[p]) {
            continue;
          }
          double score =
              Math.cos(Math.atan2(dr, dc) - heading)
                  - 0.25 * Math.min(visits[p], 4)
                  + random.nextDouble() * 0.6;
          if (score > bestScore) {
            bestScore = score;
            best = p;
          }
        }
      }
      if (best < 0) {
        return null;
      }
      walk[i] = best;
      used[best] = true;
      at = best;
      heading += random.nextGaussian() * 0.25;
    }
    return walk;
  }

  /** The stop of a grid point on the given side of the street (direction). */
  private static int stopNumber(int point, int direction) {
    return 1000 + 2 * point + direction;
  }

  // ---------------------------------------------------------------------------------------
  // Files

  private static Writer open(Path dir, String name) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(dir.resolve(name)), StandardCharsets.UTF_8),
        1 << 20);
  }

  private static void writeAgency(Path dir) throws IOException {
    try (Writer w = open(dir, "agency.txt")) {
      w.write("agency_id,agency_name,agency_url,agency_timezone,agency_lang\n");
      w.write(
          "BENCH,Vecino benchmark city (invented),https://example.org/vecino-bench,"
              + "Europe/Madrid,es\n");
    }
  }

  private int writeStops(Path dir) throws IOException {
    try (Writer w = open(dir, "stops.txt")) {
      w.write("stop_id,stop_code,stop_name,stop_lat,stop_lon,location_type\n");
      for (int p = 0; p < points; p++) {
        int number = 1 + random.nextInt(120);
        for (int side = 0; side < 2; side++) {
          int id = stopNumber(p, side);
          // The far side of the street is about 15 m north-east.
          w.write(
              String.format(
                  Locale.ROOT,
                  "%d,P%d,%s %d,%.6f,%.6f,0\n",
                  id,
                  id,
                  street[p],
                  number + side,
                  lat[p] + side * 0.0001,
                  lon[p] + side * 0.0001));
        }
      }
    }
    return 2 * points;
  }

  private static String label(int line) {
    return Integer.toString(line + 1);
  }

  private static String routeId(int line) {
    return String.format(Locale.ROOT, "R%03d", line + 1);
  }

  /** Whether a line is frequency based: spread over the line numbers. */
  private boolean frequencyBased(int line) {
    int n = scale.frequencyLines();
    if (n == 0) {
      return false;
    }
    int step = scale.lines() / n;
    return line % step == step / 2 && line / step < n;
  }

  private static String destination(String streetName) {
    // "Calle Cádiz" → "Cádiz": signs show the place, not the kind of street.
    return streetName.substring(streetName.indexOf(' ') + 1);
  }

  private void writeRoutes(Path dir) throws IOException {
    try (Writer w = open(dir, "routes.txt")) {
      w.write("route_id,agency_id,route_short_name,route_long_name,route_type\n");
      for (int line = 0; line < scale.lines(); line++) {
        int[] walk = lineWalks.get(line);
        w.write(
            routeId(line)
                + ",BENCH,"
                + label(line)
                + ","
                + destination(street[walk[0]])
                + " - "
                + destination(street[walk[walk.length - 1]])
                + ",3\n");
      }
    }
  }

  private static void writeCalendars(Path dir) throws IOException {
    try (Writer w = open(dir, "calendar.txt")) {
      w.write(
          "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
              + "start_date,end_date\n");
      w.write("WEEKDAY,1,1,1,1,1,0,0,20240101,20351231\n");
      w.write("SATURDAY,0,0,0,0,0,1,0,20240101,20351231\n");
      w.write("SUNDAY,0,0,0,0,0,0,1,20240101,20351231\n");
    }
    try (Writer w = open(dir, "calendar_dates.txt")) {
      w.write("service_id,date,exception_type\n");
      for (int year = 2024; year <= 2035; year++) {
        for (int[] h : HOLIDAYS) {
          LocalDate d = LocalDate.of(year, h[0], h[1]);
          if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            continue;
          }
          String date = String.format(Locale.ROOT, "%04d%02d%02d", year, h[0], h[1]);
          String removed = d.getDayOfWeek() == DayOfWeek.SATURDAY ? "SATURDAY" : "WEEKDAY";
          w.write(removed + "," + date + ",2\n");
          w.write("SUNDAY," + date + ",1\n");
        }
      }
    }
  }

  /** Writes trips, stop_times and frequencies; returns {trips, stop_times}. */
  private long[] writeTripsAndTimes(Path dir) throws IOException {
    long trips = 0;
    long stopTimes = 0;
    StringBuilder sb = new StringBuilder(256);
    try (Writer tw = open(dir, "trips.txt");
        Writer sw = open(dir, "stop_times.txt");
        Writer fw = open(dir, "frequencies.txt")) {
      tw.write("route_id,service_id,trip_id,trip_headsign,direction_id\n");
      sw.write("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
      fw.write("trip_id,start_time,end_time,headway_secs,exact_times\n");
      for (int line = 0; line < scale.lines(); line++) {
        int[] walk = lineWalks.get(line);
        int weekdayHeadway = 8 + random.nextInt(11);
        for (int direction = 0; direction < 2; direction++) {
          int[] stops = new int[walk.length];
          for (int i = 0; i < walk.length; i++) {
            int p = direction == 0 ? walk[i] : walk[walk.length - 1 - i];
            stops[i] = stopNumber(p, direction);
            linesAtStop.computeIfAbsent(stops[i], k -> new TreeSet<>()).add(line);
          }
          String headsign = destination(street[direction == 0 ? walk[walk.length - 1] : walk[0]]);
          // Minutes from one stop to the next: 1 mostly, 2 on longer or busier stretches.
          int[] run = new int[stops.length];
          for (int i = 1; i < run.length; i++) {
            run[i] = random.nextInt(10) < 7 ? 1 : 2;
          }
          for (int s = 0; s < SERVICES.length; s++) {
            String service = SERVICES[s];
            if (frequencyBased(line)) {
              String tripId = routeId(line) + "-" + service + "-" + direction + "-F";
              int first = FIRST_DEPARTURE + 30 * s;
              writeTrip(tw, sw, sb, line, service, tripId, headsign, direction, stops, run, first);
              trips++;
              stopTimes += stops.length;
              writeFrequencies(fw, tripId, s, first);
              continue;
            }
            int headway = Math.min(30, weekdayHeadway * (2 + s) / 2);
            int departure = FIRST_DEPARTURE + random.nextInt(headway);
            for (; departure <= LAST_DEPARTURE; departure += headway) {
              String tripId =
                  String.format(
                      Locale.ROOT,
                      "%s-%s-%d-%02d%02d",
                      routeId(line),
                      service,
                      direction,
                      departure / 60,
                      departure % 60);
              writeTrip(
                  tw, sw, sb, line, service, tripId, headsign, direction, stops, run, departure);
              trips++;
              stopTimes += stops.length;
            }
          }
        }
      }
    }
    return new long[] {trips, stopTimes};
  }

  private void writeTrip(
      Writer tw,
      Writer sw,
      StringBuilder sb,
      int line,
      String service,
      String tripId,
      String headsign,
      int direction,
      int[] stops,
      int[] run,
      int departure)
      throws IOException {
    tw.write(
        routeId(line) + "," + service + "," + tripId + "," + headsign + "," + direction + "\n");
    // Rush hours (07:30–09:30, 17:00–20:00) add a minute every eighth stop.
    boolean rush = (departure >= 450 && departure < 570) || (departure >= 1020 && departure < 1200);
    int minute = departure;
    for (int i = 0; i < stops.length; i++) {
      minute += run[i] + (rush && i > 0 && i % 8 == 0 ? 1 : 0);
      sb.setLength(0);
      sb.append(tripId).append(',');
      appendTime(sb, minute);
      sb.append(',');
      appendTime(sb, minute);
      sb.append(',').append(stops[i]).append(',').append(i + 1).append('\n');
      sw.append(sb);
    }
  }

  /** Weekdays: 15 min to 07:30, 8 min to 21:00, 20 min to 24:30; weekends every 15 / 20 min. */
  private static void writeFrequencies(Writer fw, String tripId, int service, int first)
      throws IOException {
    int[][] periods =
        switch (service) {
          case 0 -> new int[][] {{first, 450, 15}, {450, 1260, 8}, {1260, LAST_DEPARTURE, 20}};
          case 1 -> new int[][] {{first, LAST_DEPARTURE, 15}};
          default -> new int[][] {{first, LAST_DEPARTURE, 20}};
        };
    StringBuilder sb = new StringBuilder();
    for (int[] p : periods) {
      sb.setLength(0);
      sb.append(tripId).append(',');
      appendTime(sb, p[0]);
      sb.append(',');
      appendTime(sb, p[1]);
      sb.append(',').append(p[2] * 60).append(",0\n");
      fw.append(sb);
    }
  }

  private static void appendTime(StringBuilder sb, int minutes) {
    int h = minutes / 60;
    int m = minutes % 60;
    if (h < 10) {
      sb.append('0');
    }
    sb.append(h).append(':');
    if (m < 10) {
      sb.append('0');
    }
    sb.append(m).append(":00");
  }

  private void writeStopList(Path file) throws IOException {
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
      for (var e : linesAtStop.entrySet()) {
        StringBuilder sb = new StringBuilder().append(e.getKey()).append('\t');
        boolean first = true;
        for (int line : e.getValue()) {
          sb.append(first ? "" : ",").append(label(line));
          first = false;
        }
        w.write(sb.append('\n').toString());
      }
    }
  }
}
