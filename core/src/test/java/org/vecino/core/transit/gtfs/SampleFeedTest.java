package org.vecino.core.transit.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecino.core.transit.Route;
import org.vecino.core.transit.ScheduledArrival;
import org.vecino.core.transit.Stop;

/** The GTFS reference sample feed (google/transit sample-feed-1), with its known timetable. */
class SampleFeedTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final LocalDate MONDAY = LocalDate.of(2008, 6, 2);
  private static final LocalDate SATURDAY = LocalDate.of(2008, 6, 7);
  private static GtfsFeed feed;

  @BeforeAll
  static void load() throws URISyntaxException {
    Path dir =
        Path.of(SampleFeedTest.class.getResource("/gtfs/google-sample-feed-1/agency.txt").toURI())
            .getParent();
    feed = GtfsLoader.load(dir);
  }

  private static Instant at(LocalDate date, String time) {
    return ZonedDateTime.of(date, LocalTime.parse(time), LA).toInstant();
  }

  private static List<ScheduledArrival> day(String stop, LocalDate date) {
    return feed.arrivals(stop, at(date, "00:00"), at(date.plusDays(1), "00:00"));
  }

  @Test
  void loadsWithoutProblems() {
    assertThat(feed.problems()).isEmpty();
    assertThat(feed.zone()).isEqualTo(LA);
  }

  @Test
  void stopsAndRoutes() {
    assertThat(feed.stops()).hasSize(9);
    assertThat(feed.stops().get(0).id()).isEqualTo("FUR_CREEK_RES");
    Stop airport = feed.stop("BEATTY_AIRPORT").orElseThrow();
    assertThat(airport.name()).isEqualTo("Nye County Airport (Demo)");
    assertThat(airport.code()).isEqualTo("BEATTY_AIRPORT");
    assertThat(airport.location().lat()).isEqualTo(36.868446);
    assertThat(airport.location().lon()).isEqualTo(-116.784582);
    assertThat(feed.stop("NOPE")).isEmpty();

    assertThat(feed.routes())
        .extracting(Route::id)
        .containsExactly("AB", "BFC", "STBA", "CITY", "AAMV");
    assertThat(feed.routes())
        .extracting(Route::label)
        .containsExactly("10", "20", "30", "40", "50");
    assertThat(feed.route("AB")).contains(new Route("AB", "10", "Airport - Bullfrog"));
    assertThat(feed.route("40")).contains(new Route("CITY", "40", "City"));
    assertThat(feed.route("City")).isEmpty();
  }

  @Test
  void linesAtStops() {
    assertThat(feed.linesAt("BEATTY_AIRPORT")).containsExactly("10", "30", "50");
    assertThat(feed.linesAt("BULLFROG")).containsExactly("10", "20");
    assertThat(feed.linesAt("STAGECOACH")).containsExactly("30", "40");
    assertThat(feed.linesAt("NOPE")).isEmpty();
  }

  @Test
  void knownArrivalsAtBullfrogOnAMonday() {
    assertThat(day("BULLFROG", MONDAY))
        .containsExactly(
            new ScheduledArrival(
                "10", "AB", "to Bullfrog", Instant.parse("2008-06-02T15:10:00Z"), "AB1"),
            new ScheduledArrival(
                "20", "BFC", "to Furnace Creek Resort", at(MONDAY, "08:20"), "BFC1"),
            new ScheduledArrival("20", "BFC", "to Bullfrog", at(MONDAY, "12:00"), "BFC2"),
            new ScheduledArrival("10", "AB", "to Airport", at(MONDAY, "12:05"), "AB2"));
  }

  @Test
  void weekendServiceRunsOnlyAtWeekends() {
    assertThat(day("AMV", SATURDAY))
        .extracting(a -> a.arrivalTime().atZone(LA).toLocalTime().toString() + " " + a.tripId())
        .containsExactly("09:00 AAMV1", "10:00 AAMV2", "14:00 AAMV3", "15:00 AAMV4");
    assertThat(day("AMV", MONDAY)).isEmpty();
    assertThat(feed.activeServices(SATURDAY)).containsExactly("FULLW", "WE");
    assertThat(feed.activeServices(MONDAY)).containsExactly("FULLW");
  }

  @Test
  void calendarDatesRemoveFullWeekServiceOnJune4th2007() {
    LocalDate removed = LocalDate.of(2007, 6, 4); // a Monday
    assertThat(feed.activeServices(removed)).isEmpty();
    assertThat(day("BULLFROG", removed)).isEmpty();
    assertThat(day("BULLFROG", removed.minusDays(7))).hasSize(4);
    assertThat(day("BULLFROG", removed.plusDays(1))).hasSize(4);
  }

  @Test
  void serviceOutsideTheCalendarRangeDoesNotRun() {
    assertThat(day("BULLFROG", LocalDate.of(2011, 1, 3))).isEmpty();
    assertThat(day("BULLFROG", LocalDate.of(2006, 12, 25))).isEmpty();
  }

  @Test
  void shuttleFrequencyExpandsEveryHalfHourFromSixToTen() {
    // STBA runs every 1800 s from 6:00:00 while before 22:00:00, and reaches the airport 20 min in.
    List<ScheduledArrival> shuttle =
        day("BEATTY_AIRPORT", MONDAY).stream().filter(a -> a.line().equals("30")).toList();
    assertThat(shuttle).hasSize(32);
    for (int i = 0; i < shuttle.size(); i++) {
      assertThat(shuttle.get(i))
          .isEqualTo(
              new ScheduledArrival(
                  "30",
                  "STBA",
                  "Shuttle",
                  at(MONDAY, "06:20").plus(Duration.ofMinutes(30L * i)),
                  "STBA"));
    }
  }

  @Test
  void cityFrequenciesChangeHeadwayThroughTheDay() {
    // CITY1 leaves STAGECOACH at the frequency departures and reaches NANAA 5 min later; CITY2
    // leaves EMSI (departure 6:30 in the template) and reaches NANAA 19 min later.
    List<ScheduledArrival> nanaa = day("NANAA", MONDAY);
    List<ScheduledArrival> city1 = nanaa.stream().filter(a -> a.tripId().equals("CITY1")).toList();
    List<ScheduledArrival> city2 = nanaa.stream().filter(a -> a.tripId().equals("CITY2")).toList();
    // 4 (6-8h, 30') + 12 (8-10h, 10') + 12 (10-16h, 30') + 18 (16-19h, 10') + 6 (19-22h, 30')
    assertThat(city1).hasSize(52);
    assertThat(city2).hasSize(52);
    assertThat(city1.get(0).arrivalTime()).isEqualTo(at(MONDAY, "06:05"));
    assertThat(city1.get(51).arrivalTime()).isEqualTo(at(MONDAY, "21:35"));
    assertThat(city2.get(0).arrivalTime()).isEqualTo(at(MONDAY, "06:19"));
    assertThat(city1.get(0).destination()).isEqualTo("City");

    assertThat(feed.arrivals("NANAA", at(MONDAY, "08:00"), at(MONDAY, "08:30")))
        .extracting(a -> a.arrivalTime().atZone(LA).toLocalTime().toString() + " " + a.tripId())
        .containsExactly("08:05 CITY1", "08:15 CITY1", "08:19 CITY2", "08:25 CITY1", "08:29 CITY2");
  }

  @Test
  void frequencyTemplateFirstStopArrivesBeforeItsDeparture() {
    // CITY2's template arrives at EMSI at 6:28 and leaves at 6:30; departures count from 6:30.
    assertThat(feed.arrivals("EMSI", at(MONDAY, "05:50"), at(MONDAY, "06:29")))
        .extracting(a -> a.arrivalTime().atZone(LA).toLocalTime().toString() + " " + a.tripId())
        .containsExactly("05:58 CITY2", "06:26 CITY1", "06:28 CITY2");
  }
}
