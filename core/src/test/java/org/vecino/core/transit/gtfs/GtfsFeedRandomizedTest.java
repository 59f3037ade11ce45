package org.vecino.core.transit.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.transit.ScheduledArrival;

/**
 * Compares {@link GtfsFeed#arrivals} with a slow, obvious computation on a random feed (fixed seed)
 * in Europe/Madrid: weekly calendars with added and removed dates, times past 24:00,
 * frequency-based trips, and windows across midnight and both daylight-saving changes.
 */
class GtfsFeedRandomizedTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
  private static final LocalDate LAST = LocalDate.of(2027, 2, 28); // after every service ends
  private static final Comparator<ScheduledArrival> FULL_ORDER =
      Comparator.comparing(ScheduledArrival::arrivalTime)
          .thenComparing(ScheduledArrival::line, LineOrder.INSTANCE)
          .thenComparing(ScheduledArrival::tripId)
          .thenComparing(ScheduledArrival::destination);

  @TempDir Path tmp;

  private record Service(int mask, LocalDate start, LocalDate end, Map<LocalDate, Boolean> except) {
    boolean runsOn(LocalDate d) {
      Boolean e = except.get(d);
      if (e != null) {
        return e;
      }
      return (mask >> (d.getDayOfWeek().getValue() - 1) & 1) == 1
          && !d.isBefore(start)
          && !d.isAfter(end);
    }
  }

  private record StopTime(String stop, int seconds) {}

  private record Trip(
      String id, String line, String service, List<StopTime> times, List<int[]> frequencies) {}

  @Test
  void agreesWithABruteForceTimetable() {
    Random random = new Random(20260329);
    String[] stops = {"A", "B", "C", "D", "E"};
    String[] lines = {"1", "2", "10", "N1"};
    Map<String, Service> services = new LinkedHashMap<>();
    for (int s = 0; s < 5; s++) {
      Map<LocalDate, Boolean> except = new HashMap<>();
      for (int e = 0; e < 15; e++) {
        except.put(FIRST.plusDays(random.nextInt(270)), random.nextBoolean());
      }
      LocalDate start = FIRST.plusDays(random.nextInt(60));
      int mask = s == 4 ? 0 : 1 + random.nextInt(127);
      services.put(
          "SV" + s, new Service(mask, start, start.plusDays(120 + random.nextInt(150)), except));
    }
    List<Trip> trips = new ArrayList<>();
    for (int t = 0; t < 80; t++) {
      List<StopTime> times = new ArrayList<>();
      int time = random.nextInt(29 * 3600);
      List<String> order = new ArrayList<>(List.of(stops));
      java.util.Collections.shuffle(order, random);
      for (int k = 0; k < 2 + random.nextInt(4); k++) {
        times.add(new StopTime(order.get(k), time));
        time += 60 * random.nextInt(12);
      }
      List<int[]> frequencies = new ArrayList<>();
      if (t % 5 == 0) {
        for (int w = 0; w < 1 + random.nextInt(2); w++) {
          int from = random.nextInt(26 * 3600);
          frequencies.add(
              new int[] {from, from + 600 + random.nextInt(4 * 3600), 300 + random.nextInt(1800)});
        }
      }
      trips.add(
          new Trip(
              "T" + t,
              lines[random.nextInt(lines.length)],
              "SV" + random.nextInt(services.size()),
              times,
              frequencies));
    }
    GtfsFeed feed =
        GtfsLoader.load(TestFeeds.folder(tmp.resolve("random"), files(services, trips)));
    assertThat(feed.problems()).isEmpty();

    Map<String, List<ScheduledArrival>> expected = bruteForce(services, trips);
    List<Instant[]> windows = new ArrayList<>();
    for (LocalDate d : List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25))) {
      Instant start = d.minusDays(1).atTime(20, 0).atZone(MADRID).toInstant();
      for (int h = 0; h < 40; h++) {
        windows.add(
            new Instant[] {start.plusSeconds(h * 1800L), start.plusSeconds(h * 1800L + 7200)});
      }
    }
    Instant base = FIRST.atStartOfDay(MADRID).toInstant();
    for (int q = 0; q < 400; q++) {
      Instant from = base.plusSeconds(random.nextInt(280 * 86400)).plusNanos(q % 3 == 0 ? 1 : 0);
      windows.add(new Instant[] {from, from.plusSeconds(random.nextInt(8 * 3600))});
    }
    windows.add(new Instant[] {base.minusSeconds(86400 * 30), base.plusSeconds(86400L * 320)});

    int compared = 0;
    for (Instant[] w : windows) {
      for (String stop : stops) {
        List<ScheduledArrival> actual = feed.arrivals(stop, w[0], w[1]);
        assertThat(actual)
            .isSortedAccordingTo(
                Comparator.comparing(ScheduledArrival::arrivalTime)
                    .thenComparing(ScheduledArrival::line, LineOrder.INSTANCE));
        List<ScheduledArrival> want =
            expected.get(stop).stream()
                .filter(a -> !a.arrivalTime().isBefore(w[0]) && a.arrivalTime().isBefore(w[1]))
                .toList();
        List<ScheduledArrival> got = new ArrayList<>(actual);
        got.sort(FULL_ORDER);
        assertThat(got).as("%s from %s to %s", stop, w[0], w[1]).isEqualTo(want);
        compared += want.size();
      }
    }
    assertThat(compared).isGreaterThan(10_000);
  }

  private static Map<String, List<ScheduledArrival>> bruteForce(
      Map<String, Service> services, List<Trip> trips) {
    Map<String, List<ScheduledArrival>> byStop = new HashMap<>();
    for (LocalDate d = FIRST.minusDays(3); !d.isAfter(LAST.plusDays(3)); d = d.plusDays(1)) {
      Instant dayStart = d.atTime(LocalTime.NOON).atZone(MADRID).minusHours(12).toInstant();
      for (Trip trip : trips) {
        if (!services.get(trip.service()).runsOn(d)) {
          continue;
        }
        List<Integer> shifts = new ArrayList<>();
        if (trip.frequencies().isEmpty()) {
          shifts.add(0);
        } else {
          for (int[] f : trip.frequencies()) {
            for (int dep = f[0]; dep < f[1]; dep += f[2]) {
              shifts.add(dep - trip.times().get(0).seconds());
            }
          }
        }
        for (int shift : shifts) {
          for (StopTime st : trip.times()) {
            byStop
                .computeIfAbsent(st.stop(), s -> new ArrayList<>())
                .add(
                    new ScheduledArrival(
                        trip.line(),
                        "R" + trip.line(),
                        "to " + trip.id(),
                        dayStart.plusSeconds(st.seconds() + shift),
                        trip.id()));
          }
        }
      }
    }
    byStop.values().forEach(l -> l.sort(FULL_ORDER));
    return byStop;
  }

  private static Map<String, String> files(Map<String, Service> services, List<Trip> trips) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("agency.txt", "agency_name,agency_url,agency_timezone\nTUS,https://x.es,Europe/Madrid\n");
    StringBuilder stops = new StringBuilder("stop_id,stop_name,stop_lat,stop_lon\n");
    for (String s : new String[] {"A", "B", "C", "D", "E"}) {
      stops.append(s).append(",Stop ").append(s).append(",43.46,-3.8\n");
    }
    f.put("stops.txt", stops.toString());
    StringBuilder routes = new StringBuilder("route_id,route_short_name,route_type\n");
    Set<String> lines = new HashSet<>();
    trips.forEach(t -> lines.add(t.line()));
    lines.forEach(l -> routes.append("R").append(l).append(',').append(l).append(",3\n"));
    f.put("routes.txt", routes.toString());
    StringBuilder calendar =
        new StringBuilder(
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n");
    StringBuilder dates = new StringBuilder("service_id,date,exception_type\n");
    services.forEach(
        (id, s) -> {
          if (s.mask() != 0) {
            calendar.append(id);
            for (DayOfWeek d : DayOfWeek.values()) {
              calendar.append(',').append(s.mask() >> (d.getValue() - 1) & 1);
            }
            calendar.append(',').append(YMD.format(s.start())).append(',');
            calendar.append(YMD.format(s.end())).append('\n');
          }
          s.except()
              .forEach(
                  (d, added) ->
                      dates.append(id + "," + YMD.format(d) + "," + (added ? 1 : 2) + "\n"));
        });
    f.put("calendar.txt", calendar.toString());
    f.put("calendar_dates.txt", dates.toString());
    StringBuilder tripRows = new StringBuilder("route_id,service_id,trip_id,trip_headsign\n");
    StringBuilder times =
        new StringBuilder("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
    StringBuilder frequencies = new StringBuilder("trip_id,start_time,end_time,headway_secs\n");
    for (Trip t : trips) {
      tripRows.append("R" + t.line() + "," + t.service() + "," + t.id() + ",to " + t.id() + "\n");
      for (int k = 0; k < t.times().size(); k++) {
        String hms = GtfsTime.format(t.times().get(k).seconds());
        times.append(
            t.id() + "," + hms + "," + hms + "," + t.times().get(k).stop() + "," + k + "\n");
      }
      for (int[] w : t.frequencies()) {
        frequencies.append(
            t.id() + "," + GtfsTime.format(w[0]) + "," + GtfsTime.format(w[1]) + "," + w[2] + "\n");
      }
    }
    f.put("trips.txt", tripRows.toString());
    f.put("stop_times.txt", times.toString());
    f.put("frequencies.txt", frequencies.toString());
    return f;
  }
}
