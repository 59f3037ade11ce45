package org.vecino.core.transit.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.transit.ScheduledArrival;
import org.vecino.core.transit.Stop;

/** Reading feeds: tolerated quirks, zips, bad rows, missing files and columns. */
class GtfsLoaderTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @TempDir Path tmp;

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(MADRID).toInstant();
  }

  private static List<ScheduledArrival> fridayMorningAtS1(GtfsFeed feed) {
    return feed.arrivals("S1", local("2026-05-15T07:55"), local("2026-05-15T08:05"));
  }

  /** The fixture with a BOM, CRLF line ends and trailing blank lines in every file. */
  private static Map<String, String> windowsStyle(Map<String, String> files) {
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach(
        (name, text) -> out.put(name, "\uFEFF" + text.replace("\n", "\r\n") + "\r\n\r\n"));
    return out;
  }

  @Test
  void toleratesBomCrlfQuotesWhitespaceExtraColumnsAndUnknownFiles() {
    Map<String, String> files = TestFeeds.santander();
    files.put(
        "stops.txt",
        """
        stop_id, stop_code ,stop_name,stop_desc,stop_lat,stop_lon,location_type,wheelchair_boarding
         S1 , 101 ,"Paseo de Pereda, 20","Frente al ""Banco""
        de Santander",43.4623 , -3.8099,,1
        S2,102,"Calle ""La Marina""\",,43.4715,-3.7830,0,0,surplus,values
        S3,,Sardinero,,43.4760,-3.7880
        """);
    files.put("shapes.txt", "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\nA,1,1,1\n");
    files.put("notes.md", "# not GTFS\n");
    files.put(
        "routes.txt",
        files.get("routes.txt").replace("route_type\n", "route_type,route_color,extra\n"));
    GtfsFeed feed = GtfsLoader.load(TestFeeds.folder(tmp.resolve("messy"), windowsStyle(files)));

    assertThat(feed.problems()).isEmpty();
    assertThat(feed.stops())
        .extracting(Stop::id, Stop::code, Stop::name)
        .containsExactly(
            tuple("S1", "101", "Paseo de Pereda, 20"),
            tuple("S2", "102", "Calle \"La Marina\""),
            tuple("S3", "S3", "Sardinero"));
    assertThat(feed.stop("S1").orElseThrow().location().lon()).isEqualTo(-3.8099);
    assertThat(feed.routes())
        .extracting(r -> r.label())
        .containsExactly("1", "2", "10", "Lanzadera Feria");
    assertThat(fridayMorningAtS1(feed))
        .extracting(ScheduledArrival::line)
        .containsExactly("1", "2", "10");
  }

  @Test
  void loadsAZipWithFilesAtTheRoot() {
    GtfsFeed feed =
        GtfsLoader.load(TestFeeds.zip(tmp.resolve("feed.zip"), "", TestFeeds.santander()));
    assertThat(feed.problems()).isEmpty();
    assertThat(feed.stops()).hasSize(3);
    assertThat(fridayMorningAtS1(feed)).hasSize(3);
  }

  @Test
  void loadsAZipWithFilesInAFolder() {
    GtfsFeed feed =
        GtfsLoader.load(
            TestFeeds.zip(tmp.resolve("nested.zip"), "gtfs/", windowsStyle(TestFeeds.santander())));
    assertThat(feed.problems()).isEmpty();
    assertThat(fridayMorningAtS1(feed)).hasSize(3);
  }

  @Test
  void badRowsAreReportedWithFileLineAndFieldAndSkipped() {
    Map<String, String> files = TestFeeds.santander();
    files.put(
        "stops.txt",
        """
        stop_id,stop_code,stop_name,stop_lat,stop_lon,location_type
        S1,101,"Ayuntamiento
        (Plaza)",43.4623,-3.8099,
        S2,102,Plaza de Italia,43.4715,-3.7830,0
        S3,,Sardinero,43.4760,-3.7880,
        S9,,Nowhere,north,-3.7,
        S8,,Too far,95,-3.7,
        S7,,Odd,43.4,-3.7,9
        ,,No id,43.4,-3.7,
        S2,,Twice,43.4,-3.7,
        ST,,Estación,43.46,-3.81,1
        """);
    files.put(
        "trips.txt", files.get("trips.txt") + "R404,DAILY,BADROUTE,\nR1,NOSERVICE,BADSERVICE,\n");
    files.put(
        "calendar.txt",
        files.get("calendar.txt")
            + "BROKEN,1,1,1,1,yes,0,0,20260101,20261231\n"
            + "LATE,1,1,1,1,1,0,0,20261231,20260101\n");
    files.put(
        "stop_times.txt",
        """
        trip_id,arrival_time,departure_time,stop_id,stop_sequence,stop_headsign
        T1,08:00:00,08:00:00,S1,1,
        T1,,,S2,2,
        T1,08:10:00,08:10:00,S3,3,Playa
        T2,08:00:00,08:00:00,S1,1,
        T2,8:6o:00,08:20:00,S3,2,
        T2,08:20:00,08:20:00,S3,3,
        T10,07:50:00,07:50:00,S2,1,
        T10,08:00:00,08:00:00,S1,2,
        T10,08:05:00,08:05:00,S404,3,
        T10,08:06:00,08:06:00,ST,4,
        GHOST,08:00:00,08:00:00,S1,1,
        T10,08:07:00,08:07:00,,5,
        T10,08:08:00,08:08:00,S3,two,
        T10,08:09:00,08:09:00,S3,2,
        T10,07:59:00,07:59:00,S3,6,
        EARLY,1:30:00,1:30:00,S1,1,
        EARLY,1:40:00,1:40:00,S2,2,
        """);
    files.put(
        "frequencies.txt",
        """
        trip_id,start_time,end_time,headway_secs,exact_times
        T2,10:00:00,11:00:00,0,0
        T2,10:00:00,09:00:00,600,0
        T2,10:00:00,11:00:00,600,2
        NOPE,10:00:00,11:00:00,600,0
        """);
    GtfsFeed feed = GtfsLoader.load(TestFeeds.folder(tmp.resolve("bad"), files));

    assertThat(feed.problems())
        .extracting(GtfsProblem::file, GtfsProblem::line, GtfsProblem::field)
        .containsExactly(
            tuple("stops.txt", 6L, "stop_lat"),
            tuple("stops.txt", 7L, "stop_lat"),
            tuple("stops.txt", 8L, "location_type"),
            tuple("stops.txt", 9L, "stop_id"),
            tuple("stops.txt", 10L, "stop_id"),
            tuple("calendar.txt", 4L, "friday"),
            tuple("calendar.txt", 5L, "end_date"),
            tuple("trips.txt", 8L, "route_id"),
            tuple("trips.txt", 9L, "service_id"),
            tuple("stop_times.txt", 6L, "arrival_time"),
            tuple("stop_times.txt", 10L, "stop_id"),
            tuple("stop_times.txt", 11L, "stop_id"),
            tuple("stop_times.txt", 12L, "trip_id"),
            tuple("stop_times.txt", 13L, "stop_id"),
            tuple("stop_times.txt", 14L, "stop_sequence"),
            tuple("frequencies.txt", 2L, "headway_secs"),
            tuple("frequencies.txt", 3L, "end_time"),
            tuple("frequencies.txt", 4L, "exact_times"),
            tuple("frequencies.txt", 5L, "trip_id"),
            // found once the trips are assembled: T10's row with sequence 2 repeats T10's
            // sequence 2, and its 07:59 at sequence 6 goes back in time
            tuple("stop_times.txt", 15L, "stop_sequence"),
            tuple("stop_times.txt", 16L, "arrival_time"));
    assertThat(feed.problems())
        .extracting(GtfsProblem::message)
        .contains(
            "not a number: 'north'",
            "must be 0 to 4, was '9'",
            "missing required value",
            "duplicate stop_id 'S2'",
            "unknown route_id 'R404'",
            "not a time H:MM:SS: '8:6o:00'",
            "unknown stop_id 'S404'",
            "stop_id 'ST' is not a stop (location_type 1)",
            "unknown trip_id 'GHOST'",
            "not a non-negative whole number: 'two'",
            "duplicate stop_sequence 2 in trip 'T10'",
            "07:59:00 is before the previous stop's 08:00:00 in trip 'T10'");
    assertThat(feed.problems().get(0).toString())
        .isEqualTo("stops.txt:6 stop_lat: not a number: 'north'");

    // The good rows are all there; the bad ones are not.
    assertThat(feed.stops()).extracting(Stop::id).containsExactly("S1", "S2", "S3");
    assertThat(feed.stop("S1").orElseThrow().name()).isEqualTo("Ayuntamiento\n(Plaza)");
    assertThat(feed.stop("S2").orElseThrow().name()).isEqualTo("Plaza de Italia");
    assertThat(fridayMorningAtS1(feed))
        .extracting(ScheduledArrival::tripId)
        .containsExactly("T1", "T2", "T10");
    assertThat(feed.arrivals("S3", local("2026-05-15T08:00"), local("2026-05-15T09:00")))
        .extracting(
            ScheduledArrival::tripId, a -> a.arrivalTime().atZone(MADRID).toLocalTime().toString())
        .containsExactly(tuple("T1", "08:10"), tuple("T2", "08:20"));
    // T2 has no good frequency row, so it stays an ordinary trip.
    assertThat(feed.arrivals("S1", local("2026-05-15T09:00"), local("2026-05-15T12:00"))).isEmpty();
  }

  @Test
  void problemsAreCappedWithACountOfTheRest() {
    Map<String, String> files = TestFeeds.santander();
    StringBuilder times = new StringBuilder(files.get("stop_times.txt"));
    for (int i = 0; i < Problems.LIMIT + 5; i++) {
      times.append("GHOST").append(i).append(",08:00:00,08:00:00,S1,1,\n");
    }
    files.put("stop_times.txt", times.toString());
    List<GtfsProblem> problems =
        GtfsLoader.load(TestFeeds.folder(tmp.resolve("many"), files)).problems();
    assertThat(problems).hasSize(Problems.LIMIT + 1);
    assertThat(problems.get(0).line()).isEqualTo(15L);
    assertThat(problems.get(Problems.LIMIT).message()).isEqualTo("5 more problems not listed");
  }

  @Test
  void leadingAndTrailingStopsWithoutTimesAreReported() {
    Map<String, String> files = TestFeeds.santander();
    files.put(
        "stop_times.txt",
        """
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,,,S1,1
        T1,08:05:00,,S2,2
        T1,,08:10:00,S3,3
        T2,08:00:00,08:00:00,S1,1
        T2,,,S3,2
        """);
    GtfsFeed feed = GtfsLoader.load(TestFeeds.folder(tmp.resolve("untimed"), files));
    assertThat(feed.problems())
        .extracting(GtfsProblem::line, GtfsProblem::field)
        .containsExactly(tuple(2L, "arrival_time"), tuple(6L, "arrival_time"));
    assertThat(feed.linesAt("S1")).containsExactly("2");
    assertThat(feed.arrivals("S3", local("2026-05-15T08:00"), local("2026-05-15T09:00")))
        .extracting(ScheduledArrival::tripId)
        .containsExactly("T1");
  }

  @Test
  void stopTimesMayBeOutOfOrderInTheFile() {
    Map<String, String> files = TestFeeds.santander();
    files.put(
        "stop_times.txt",
        """
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:10:00,08:10:00,S3,30
        T2,08:00:00,08:00:00,S1,1
        T1,,,S2,20
        T1,08:00:00,08:00:00,S1,10
        """);
    GtfsFeed feed = GtfsLoader.load(TestFeeds.folder(tmp.resolve("unordered"), files));
    assertThat(feed.problems()).isEmpty();
    assertThat(feed.arrivals("S2", local("2026-05-15T08:00"), local("2026-05-15T09:00")))
        .extracting(a -> a.arrivalTime().atZone(MADRID).toLocalTime().toString())
        .containsExactly("08:05");
  }

  @Test
  void missingRequiredFileIsNamed() {
    Map<String, String> files = TestFeeds.santander();
    files.remove("stops.txt");
    Path dir = TestFeeds.folder(tmp.resolve("nostops"), files);
    assertThatThrownBy(() -> GtfsLoader.load(dir))
        .isInstanceOf(GtfsLoadException.class)
        .hasMessageContaining("stops.txt")
        .extracting(e -> ((GtfsLoadException) e).file())
        .isEqualTo("stops.txt");
  }

  @Test
  void missingAgencyIsNamedToo() {
    Map<String, String> files = TestFeeds.santander();
    files.remove("agency.txt");
    Path zip = TestFeeds.zip(tmp.resolve("noagency.zip"), "", files);
    assertThatThrownBy(() -> GtfsLoader.load(zip))
        .isInstanceOf(GtfsLoadException.class)
        .hasMessageContaining("agency.txt");
  }

  @Test
  void stopTimesWithoutArrivalAndDepartureColumnsAreRefused() {
    Map<String, String> files = TestFeeds.santander();
    files.put("stop_times.txt", "trip_id,stop_id,stop_sequence\nT1,S1,1\n");
    Path dir = TestFeeds.folder(tmp.resolve("notimes"), files);
    assertThatThrownBy(() -> GtfsLoader.load(dir))
        .isInstanceOf(GtfsLoadException.class)
        .hasMessageContaining("stop_times.txt")
        .hasMessageContaining("arrival_time")
        .satisfies(e -> assertThat(((GtfsLoadException) e).column()).isEqualTo("arrival_time"));
  }

  @Test
  void onlyDepartureTimesAreEnough() {
    Map<String, String> files = TestFeeds.santander();
    files.put(
        "stop_times.txt",
        "trip_id,departure_time,stop_id,stop_sequence\nT1,08:00:00,S1,1\nT1,08:10:00,S3,2\n");
    GtfsFeed feed = GtfsLoader.load(TestFeeds.folder(tmp.resolve("departures"), files));
    assertThat(fridayMorningAtS1(feed)).extracting(ScheduledArrival::tripId).containsExactly("T1");
  }

  @Test
  void missingRequiredColumnIsNamed() {
    Map<String, String> files = TestFeeds.santander();
    files.put("trips.txt", "route_id,trip_id\nR1,T1\n");
    Path dir = TestFeeds.folder(tmp.resolve("noservice"), files);
    assertThatThrownBy(() -> GtfsLoader.load(dir))
        .isInstanceOf(GtfsLoadException.class)
        .hasMessage("trips.txt: required column service_id is missing");
  }

  @Test
  void calendarOrCalendarDatesIsEnoughButNotNeither() {
    Map<String, String> files = TestFeeds.santander();
    files.remove("calendar_dates.txt");
    assertThat(GtfsLoader.load(TestFeeds.folder(tmp.resolve("cal"), files)).problems())
        .extracting(GtfsProblem::file, GtfsProblem::field)
        .containsExactly( // FEST1's service is now unknown, so its trip and stop times are skipped
            tuple("trips.txt", "service_id"),
            tuple("stop_times.txt", "trip_id"),
            tuple("stop_times.txt", "trip_id"));

    files.remove("calendar.txt");
    Path dir = TestFeeds.folder(tmp.resolve("nocal"), files);
    assertThatThrownBy(() -> GtfsLoader.load(dir))
        .isInstanceOf(GtfsLoadException.class)
        .hasMessageContaining("calendar.txt")
        .hasMessageContaining("calendar_dates.txt");
  }

  @Test
  void emptyRequiredFileOrBadZoneIsRefused() {
    Map<String, String> files = TestFeeds.santander();
    files.put("routes.txt", "\r\n");
    Path empty = TestFeeds.folder(tmp.resolve("emptyroutes"), files);
    assertThatThrownBy(() -> GtfsLoader.load(empty)).hasMessageContaining("routes.txt");

    files = TestFeeds.santander();
    files.put("agency.txt", "agency_name,agency_timezone\nTUS,Europe/Santander\n");
    Path zone = TestFeeds.folder(tmp.resolve("badzone"), files);
    assertThatThrownBy(() -> GtfsLoader.load(zone))
        .isInstanceOf(GtfsLoadException.class)
        .hasMessageContaining("agency.txt")
        .hasMessageContaining("Europe/Santander");
  }

  @Test
  void missingFeedIsRefused() {
    assertThatThrownBy(() -> GtfsLoader.load(tmp.resolve("nowhere")))
        .isInstanceOf(GtfsLoadException.class)
        .hasMessageContaining("does not exist");
    Path notZip =
        TestFeeds.folder(tmp.resolve("x"), Map.of("feed.zip", "not a zip")).resolve("feed.zip");
    assertThatThrownBy(() -> GtfsLoader.load(notZip)).isInstanceOf(GtfsLoadException.class);
  }
}
