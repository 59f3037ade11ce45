package org.vecino.core.transit.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.transit.Route;
import org.vecino.core.transit.ScheduledArrival;

/** Service-day arithmetic and queries on the small Santander fixture ({@link TestFeeds}). */
class GtfsFeedTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final LocalDate FRIDAY = LocalDate.of(2026, 5, 15);
  private static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 29);
  private static final LocalDate FALL_BACK = LocalDate.of(2026, 10, 25);

  @TempDir static Path tmp;
  private static GtfsFeed feed;

  @BeforeAll
  static void load() {
    feed = GtfsLoader.load(TestFeeds.folder(tmp.resolve("santander"), TestFeeds.santander()));
  }

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(MADRID).toInstant();
  }

  private static List<String> show(List<ScheduledArrival> arrivals) {
    return arrivals.stream()
        .map(
            a ->
                a.arrivalTime().atZone(MADRID).toOffsetDateTime()
                    + " "
                    + a.line()
                    + " "
                    + a.tripId()
                    + " "
                    + a.destination())
        .toList();
  }

  @Test
  void loadsTheFixtureCleanly() {
    assertThat(feed.problems()).isEmpty();
    assertThat(feed.zone()).isEqualTo(MADRID);
    // The station (location_type 1) is not a stop.
    assertThat(feed.stops()).extracting(s -> s.id()).containsExactly("S1", "S2", "S3");
    assertThat(feed.stop("ST")).isEmpty();
    assertThat(feed.stop("S3").orElseThrow().code()).isEqualTo("S3");
    assertThat(feed.stop("S1").orElseThrow().code()).isEqualTo("101");
  }

  @Test
  void routeLabelsFallBackFromShortToLongNameToId() {
    assertThat(feed.routes())
        .containsExactly(
            new Route("R1", "1", "Valdenoja - Ayuntamiento"),
            new Route("R2", "2", ""),
            new Route("R10", "10", "Circular"),
            new Route("RX", "Lanzadera Feria", "Lanzadera Feria"));
    assertThat(feed.route("R10")).map(Route::label).contains("10");
    assertThat(feed.route("10")).map(Route::id).contains("R10");
    assertThat(feed.route("Lanzadera Feria")).map(Route::id).contains("RX");
    assertThat(feed.route("nope")).isEmpty();
  }

  @Test
  void linesAtAStopAreInLineOrder() {
    assertThat(feed.linesAt("S1")).containsExactly("1", "2", "10");
    assertThat(feed.linesAt("S2")).containsExactly("1", "10", "Lanzadera Feria");
    assertThat(feed.linesAt("ST")).isEmpty();
  }

  @Test
  void arrivalsAreSortedByTimeThenLineWithDestinations() {
    assertThat(show(feed.arrivals("S1", local("2026-05-15T07:55"), local("2026-05-15T08:05"))))
        .containsExactly(
            "2026-05-15T08:00+02:00 1 T1 Ayuntamiento",
            // no headsign and no route long name: the last stop's name
            "2026-05-15T08:00+02:00 2 T2 Sardinero",
            "2026-05-15T08:00+02:00 10 T10 Sardinero");
  }

  @Test
  void stopHeadsignWinsAndUntimedStopsAreInterpolated() {
    assertThat(show(feed.arrivals("S3", local("2026-05-15T08:00"), local("2026-05-15T08:15"))))
        .containsExactly("2026-05-15T08:10+02:00 1 T1 Playa");
    // T1 has no time at S2, between 08:00 at S1 and 08:10 at S3.
    assertThat(show(feed.arrivals("S2", local("2026-05-15T08:01"), local("2026-05-15T08:10"))))
        .containsExactly("2026-05-15T08:05+02:00 1 T1 Ayuntamiento");
  }

  @Test
  void windowIncludesFromAndExcludesTo() {
    Instant eight = local("2026-05-15T08:00");
    assertThat(feed.arrivals("S1", eight, eight.plusSeconds(1))).hasSize(3);
    assertThat(feed.arrivals("S1", eight.minusSeconds(600), eight)).isEmpty();
    assertThat(feed.arrivals("S1", eight.plusNanos(1), eight.plusSeconds(600))).isEmpty();
    assertThat(feed.arrivals("S1", eight.minusMillis(500), eight.plusMillis(1))).hasSize(3);
    assertThat(feed.arrivals("S1", eight.minusMillis(500), eight)).isEmpty();
    assertThat(feed.arrivals("S1", eight, eight)).isEmpty();
    assertThat(feed.arrivals("S1", eight.plusSeconds(1), eight)).isEmpty();
    assertThat(feed.arrivals("nope", eight, eight.plusSeconds(1))).isEmpty();
    assertThat(feed.arrivals("ST", eight, eight.plusSeconds(1))).isEmpty();
  }

  @Test
  void timesPast24hBelongToThePreviousServiceDay() {
    // NIGHT runs on Fridays' service at 24:30:00, which is Saturday 00:30.
    assertThat(show(feed.arrivals("S1", local("2026-05-16T00:00"), local("2026-05-16T01:00"))))
        .containsExactly("2026-05-16T00:30+02:00 1 NIGHT Búho");
    // Not on Friday 00:30 (Thursday has no FRI service), nor on Sunday 00:30.
    assertThat(feed.arrivals("S1", local("2026-05-15T00:00"), local("2026-05-15T01:00"))).isEmpty();
    assertThat(feed.arrivals("S1", local("2026-05-17T00:00"), local("2026-05-17T01:00"))).isEmpty();
    // A window across midnight gets Friday's late trip and Saturday's early one, in time order.
    assertThat(show(feed.arrivals("S1", local("2026-05-15T23:00"), local("2026-05-16T02:00"))))
        .containsExactly(
            "2026-05-16T00:30+02:00 1 NIGHT Búho", "2026-05-16T01:30+02:00 1 EARLY Ayuntamiento");
  }

  @Test
  void serviceDefinedOnlyInCalendarDates() {
    assertThat(feed.activeServices(LocalDate.of(2026, 7, 25))).containsExactly("DAILY", "FEST");
    assertThat(show(feed.arrivals("S2", local("2026-07-25T09:00"), local("2026-07-25T11:00"))))
        .containsExactly("2026-07-25T10:00+02:00 Lanzadera Feria FEST1 Lanzadera Feria");
    assertThat(feed.arrivals("S2", local("2026-07-26T09:00"), local("2026-07-26T11:00"))).isEmpty();
  }

  @Test
  void springForwardDayHas23HoursAndKeepsWallClockTimes() {
    // 2026-03-29 in Madrid: 02:00 CET jumps to 03:00 CEST. Noon is 12:00+02:00 = 10:00Z, so the
    // service day starts at 2026-03-28T22:00Z (23:00 CET on Saturday).
    assertThat(feed.serviceDayStart(SPRING_FORWARD))
        .isEqualTo(Instant.parse("2026-03-28T22:00:00Z"));
    // 08:00:00 is 08:00 on the wall clock.
    assertThat(show(feed.arrivals("S1", local("2026-03-29T07:00"), local("2026-03-29T09:00"))))
        .containsExactly(
            "2026-03-29T08:00+02:00 1 T1 Ayuntamiento",
            "2026-03-29T08:00+02:00 2 T2 Sardinero",
            "2026-03-29T08:00+02:00 10 T10 Sardinero");
    // 01:30:00 is 22:00Z + 1h30 = 23:30Z, i.e. 00:30 CET on the wall clock.
    assertThat(feed.arrivals("S1", local("2026-03-29T00:00"), local("2026-03-29T04:00")))
        .extracting(ScheduledArrival::arrivalTime)
        .containsExactly(Instant.parse("2026-03-28T23:30:00Z"));
  }

  @Test
  void fallBackDayHas25HoursAndKeepsWallClockTimes() {
    // 2026-10-25 in Madrid: 03:00 CEST falls back to 02:00 CET. Noon is 12:00+01:00 = 11:00Z, so
    // the service day starts at 2026-10-24T23:00Z (01:00 CEST on Sunday).
    assertThat(feed.serviceDayStart(FALL_BACK)).isEqualTo(Instant.parse("2026-10-24T23:00:00Z"));
    assertThat(show(feed.arrivals("S1", local("2026-10-25T07:00"), local("2026-10-25T09:00"))))
        .containsExactly(
            "2026-10-25T08:00+01:00 1 T1 Ayuntamiento",
            "2026-10-25T08:00+01:00 2 T2 Sardinero",
            "2026-10-25T08:00+01:00 10 T10 Sardinero");
    // 01:30:00 is 23:00Z + 1h30 = 2026-10-25T00:30Z: 02:30 CEST, the first of the day's two
    // 02:30s, not 01:30 on the wall clock.
    List<ScheduledArrival> early =
        feed.arrivals("S1", local("2026-10-25T00:00"), local("2026-10-25T05:00"));
    assertThat(early)
        .extracting(ScheduledArrival::arrivalTime)
        .containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(show(early)).containsExactly("2026-10-25T02:30+02:00 1 EARLY Ayuntamiento");
  }

  @Test
  void unboundedWindowCoversTheWholeCalendar() {
    // T1, T2, T10 and EARLY every day of 2026, NIGHT on its 52 Fridays.
    List<ScheduledArrival> all = feed.arrivals("S1", Instant.MIN, Instant.MAX);
    assertThat(all).hasSize(4 * 365 + 52);
    assertThat(all.get(0).arrivalTime()).isEqualTo(local("2026-01-01T01:30"));
    assertThat(all.get(all.size() - 1).arrivalTime()).isEqualTo(local("2026-12-31T08:00"));
  }

  @Test
  void ordinaryDaysStartAtMidnight() {
    assertThat(feed.serviceDayStart(FRIDAY))
        .isEqualTo(ZonedDateTime.of(FRIDAY.atStartOfDay(), MADRID).toInstant());
  }

  @Test
  void resultsAreImmutable() {
    List<ScheduledArrival> a =
        feed.arrivals("S1", local("2026-05-15T07:55"), local("2026-05-15T08:05"));
    org.assertj.core.api.Assertions.assertThatThrownBy(a::clear)
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> feed.linesAt("S1").clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void concurrentQueriesAgree() throws Exception {
    List<Callable<List<ScheduledArrival>>> work = new ArrayList<>();
    Map<Integer, List<ScheduledArrival>> expected = new java.util.HashMap<>();
    for (int d = 0; d < 200; d++) {
      Instant from = local("2026-01-01T00:00").plusSeconds(86_400L * d);
      Instant to = from.plusSeconds(86_400);
      expected.put(d, feed.arrivals("S1", from, to));
      work.add(() -> feed.arrivals("S1", from, to));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        List<Future<List<ScheduledArrival>>> results = pool.invokeAll(work);
        for (int d = 0; d < results.size(); d++) {
          assertThat(results.get(d).get()).isEqualTo(expected.get(d));
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
