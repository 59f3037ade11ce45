package org.vecino.core.transit.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.LocalizedText;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.testing.FakeTimetable;
import org.vecino.core.transit.Stop;
import org.vecino.core.transit.realtime.Prediction;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.core.transit.realtime.Severity;
import org.vecino.core.transit.realtime.StopPredictions;

class ArrivalBoardServiceTest {
  /** 2026-11-28 11:12:30 in Santander. */
  static final Instant NOW = Instant.parse("2026-11-28T10:12:30Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Madrid"));
  static final String STOP = "47";

  final RealtimeState realtime = new RealtimeState(CLOCK, Duration.ofMinutes(5));

  static Instant in(int seconds) {
    return NOW.plusSeconds(seconds);
  }

  static FakeTimetable.Builder network() {
    return FakeTimetable.builder()
        .stop(new Stop(STOP, "47", "Plaza de Italia", new GeoPoint(43.4686, -3.7885)))
        .stop(new Stop("48", "48", "Sardinero", new GeoPoint(43.4720, -3.7830)))
        .route("R1", "1")
        .route("R2", "2")
        .route("R7", "7C1");
  }

  ArrivalBoardService service(FakeTimetable.Builder timetable) {
    return new ArrivalBoardService(timetable.build(), realtime, CLOCK, BoardSettings.defaults());
  }

  /** Applies a snapshot for the stop whose timestamp is {@code ageSeconds} before now. */
  void snapshot(int ageSeconds, Prediction... predictions) {
    Instant ts = NOW.minusSeconds(ageSeconds);
    realtime.apply(new StopPredictions(STOP, ts, ts, List.of(predictions)));
  }

  static Prediction prediction(String line, String destination, int inSeconds, String vehicle) {
    return new Prediction(line, destination, in(inSeconds), vehicle, null, null);
  }

  @Test
  void timetableOnlyWithoutPredictions() {
    ArrivalBoard board =
        service(
                network()
                    .arrival(STOP, "R1", "Valdenoja", in(180))
                    .arrival(STOP, "R2", "Corbán", in(690)))
            .board(STOP, 10, Lang.ES);

    assertThat(board.stop().id()).isEqualTo(STOP);
    assertThat(board.lang()).isEqualTo(Lang.ES);
    assertThat(board.generatedAt()).isEqualTo(NOW);
    assertThat(board.alerts()).isEmpty();
    assertThat(board.arrivals())
        .containsExactly(
            new BoardArrival("1", "Valdenoja", in(180), 3, false, null, null),
            new BoardArrival("2", "Corbán", in(690), 11, false, null, null));
  }

  @Test
  void unknownStopIsNotFound() {
    ArrivalBoardService service = service(network());
    assertThatThrownBy(() -> service.board("999", 10, Lang.ES))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("999");
  }

  @Test
  void limitMustBeOneToMax() {
    ArrivalBoardService service = service(network());
    assertThatThrownBy(() -> service.board(STOP, 0, Lang.ES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit must be 1..50");
    assertThatThrownBy(() -> service.board(STOP, 51, Lang.ES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(service.board(STOP, 50, Lang.ES).arrivals()).isEmpty();
  }

  @Test
  void defaultLimitIsTen() {
    FakeTimetable.Builder t = network();
    for (int i = 0; i < 15; i++) {
      t.arrival(STOP, "R1", "Valdenoja", in(60 + 120 * i));
    }
    assertThat(service(t).board(STOP, Lang.ES).arrivals()).hasSize(10);
  }

  @Nested
  class Freshness {
    /** Due before the predicted bus: replaced while the prediction is fresh. */
    FakeTimetable.Builder timetable = network().arrival(STOP, "R1", "Valdenoja", in(200));

    @Test
    void snapshotOf89SecondsIsRealtime() {
      snapshot(89, prediction("1", "Valdenoja", 240, "212"));
      assertThat(service(timetable).board(STOP, 10, Lang.ES).arrivals())
          .containsExactly(
              new BoardArrival("1", "Valdenoja", in(240), 4, true, "212", NOW.minusSeconds(89)));
    }

    @Test
    void snapshotOfExactly90SecondsIsStillRealtime() {
      snapshot(90, prediction("1", "Valdenoja", 240, "212"));
      assertThat(service(timetable).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::realtime)
          .containsExactly(true);
    }

    @Test
    void snapshotOf91SecondsIsStaleAndTheTimetableShows() {
      snapshot(91, prediction("1", "Valdenoja", 240, "212"));
      assertThat(service(timetable).board(STOP, 10, Lang.ES).arrivals())
          .containsExactly(new BoardArrival("1", "Valdenoja", in(200), 3, false, null, null));
    }

    @Test
    void staleAfterIsConfigurable() {
      snapshot(100, prediction("1", "Valdenoja", 240, "212"));
      ArrivalBoardService service =
          new ArrivalBoardService(
              timetable.build(),
              realtime,
              CLOCK,
              BoardSettings.defaults().withStaleAfter(Duration.ofSeconds(120)));
      assertThat(service.board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::realtime)
          .containsExactly(true);
    }

    @Test
    void aSnapshotOfAnotherStopDoesNotCount() {
      realtime.apply(
          new StopPredictions("48", NOW, NOW, List.of(prediction("1", "Valdenoja", 240, "212"))));
      assertThat(service(timetable).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::realtime)
          .containsExactly(false);
    }
  }

  @Nested
  class Replacement {
    @Test
    void predictionsReplaceTheTimetableUpToTheLatestPredictedArrivalOfTheLine() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R1", "Valdenoja", in(120)) // before the first prediction: replaced
              .arrival(STOP, "R1", "Valdenoja", in(400)) // between: replaced
              .arrival(STOP, "R1", "Valdenoja", in(500)) // equal to the latest: replaced
              .arrival(STOP, "R1", "Valdenoja", in(900)); // later: shows
      snapshot(
          10, prediction("1", "Valdenoja", 200, "212"), prediction("1", "Valdenoja", 500, "215"));

      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::arrivalTime, BoardArrival::realtime, BoardArrival::vehicle)
          .containsExactly(
              tuple(in(200), true, "212"),
              tuple(in(500), true, "215"),
              tuple(in(900), false, null));
    }

    @Test
    void aLineAbsentFromAFreshSnapshotShowsItsTimetable() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R1", "Valdenoja", in(100))
              .arrival(STOP, "R2", "Corbán", in(150))
              .arrival(STOP, "R2", "Corbán", in(1000));
      snapshot(10, prediction("1", "Valdenoja", 300, "212"));

      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::line, BoardArrival::arrivalTime, BoardArrival::realtime)
          .containsExactly(
              tuple("2", in(150), false), tuple("1", in(300), true), tuple("2", in(1000), false));
    }

    @Test
    void anEmptyFreshSnapshotMeansEveryLineShowsItsTimetable() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R1", "Valdenoja", in(100))
              .arrival(STOP, "R2", "Corbán", in(150));
      snapshot(5);

      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::line, BoardArrival::realtime)
          .containsExactly(tuple("1", false), tuple("2", false));
    }

    @Test
    void aPredictionByRouteIdIsShownWithTheLabelAndReplacesThatLine() {
      FakeTimetable.Builder t =
          network().arrival(STOP, "R7", "Cueto", in(100)).arrival(STOP, "R7", "Cueto", in(2000));
      snapshot(5, prediction("R7", "Cueto", 200, "301"));

      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::line, BoardArrival::arrivalTime, BoardArrival::realtime)
          .containsExactly(tuple("7C1", in(200), true), tuple("7C1", in(2000), false));
    }

    @Test
    void aLineUnknownToTheFeedIsShownAsSentAndHidesNothing() {
      FakeTimetable.Builder t = network().arrival(STOP, "R1", "Valdenoja", in(100));
      snapshot(5, prediction("E3", "Especial fútbol", 400, "900"));

      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::line, BoardArrival::destination, BoardArrival::realtime)
          .containsExactly(tuple("1", "Valdenoja", false), tuple("E3", "Especial fútbol", true));
    }

    @Test
    void aPredictionWithoutDestinationTakesTheHeadsignOfItsTrip() {
      FakeTimetable.Builder t = network().arrival(STOP, "R2", "Corbán", in(240), "2-0815");
      snapshot(
          5,
          new Prediction("2", null, in(260), "44", 300, "2-0815"),
          new Prediction("2", null, in(900), "45", null, "2-unknown"));

      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::destination)
          .containsExactly("Corbán", "");
    }
  }

  @Nested
  class PastArrivals {
    @Test
    void timetableRowsAlreadyPastAreLeftOutButOneDueNowShowsAsArriving() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R1", "Valdenoja", in(-1))
              .arrival(STOP, "R1", "Valdenoja", in(-600))
              .arrival(STOP, "R2", "Corbán", in(0));

      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .containsExactly(new BoardArrival("2", "Corbán", NOW, 0, false, null, null));
    }

    @Test
    void aRealtimeArrivalPastBy30SecondsStaysAsZero() {
      snapshot(20, prediction("1", "Valdenoja", -30, "212"));
      assertThat(service(network()).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::arrivalTime, BoardArrival::minutes)
          .containsExactly(tuple(in(-30), 0));
    }

    @Test
    void aRealtimeArrivalPastByExactly60SecondsStillShows() {
      snapshot(20, prediction("1", "Valdenoja", -60, "212"));
      assertThat(service(network()).board(STOP, 10, Lang.ES).arrivals()).hasSize(1);
    }

    @Test
    void aRealtimeArrivalPastBy61SecondsIsGone() {
      snapshot(20, prediction("1", "Valdenoja", -61, "212"), prediction("2", "Corbán", 120, "7"));
      assertThat(service(network()).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::line)
          .containsExactly("2");
    }

    @Test
    void beyondTheHorizonTheTimetableIsNotRead() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R1", "Valdenoja", in(3 * 3600 - 1))
              .arrival(STOP, "R1", "Valdenoja", in(3 * 3600));
      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::minutes)
          .containsExactly(179);
    }
  }

  @Nested
  class MinutesAndOrder {
    @Test
    void minutesAreRoundedDown() {
      assertThat(ArrivalBoardService.minutesUntil(NOW, in(179))).isEqualTo(2);
      assertThat(ArrivalBoardService.minutesUntil(NOW, in(59))).isZero();
      assertThat(ArrivalBoardService.minutesUntil(NOW, in(60))).isEqualTo(1);
      assertThat(ArrivalBoardService.minutesUntil(NOW, in(120).minusNanos(1))).isEqualTo(1);
      assertThat(ArrivalBoardService.minutesUntil(NOW, in(-45))).isZero();
    }

    @Test
    void minutesOnTheBoard() {
      snapshot(5, prediction("1", "Valdenoja", 179, "212"));
      FakeTimetable.Builder t = network().arrival(STOP, "R2", "Corbán", in(59));
      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::line, BoardArrival::minutes)
          .containsExactly(tuple("2", 0), tuple("1", 2));
    }

    @Test
    void tiesAreSortedByLineThenDestination() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R2", "Corbán", in(300))
              .arrival(STOP, "R1", "Valdenoja", in(300))
              .arrival(STOP, "R1", "Sardinero", in(300))
              .arrival(STOP, "R7", "Cueto", in(240));
      assertThat(service(t).board(STOP, 10, Lang.ES).arrivals())
          .extracting(BoardArrival::line, BoardArrival::destination)
          .containsExactly(
              tuple("7C1", "Cueto"),
              tuple("1", "Sardinero"),
              tuple("1", "Valdenoja"),
              tuple("2", "Corbán"));
    }

    @Test
    void theLimitCutsAfterSortingRealtimeAndTimetable() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R2", "Corbán", in(60))
              .arrival(STOP, "R2", "Corbán", in(120))
              .arrival(STOP, "R2", "Corbán", in(180));
      snapshot(5, prediction("1", "Valdenoja", 90, "212"));
      assertThat(service(t).board(STOP, 2, Lang.ES).arrivals())
          .extracting(BoardArrival::line, BoardArrival::arrivalTime)
          .containsExactly(tuple("2", in(60)), tuple("1", in(90)));
    }

    @Test
    void theLimitKeepsTheRightRowAmongTimetableRowsDueAtTheSameTime() {
      FakeTimetable.Builder t =
          network()
              .arrival(STOP, "R2", "Corbán", in(60))
              .arrival(STOP, "R1", "Valdenoja", in(60))
              .arrival(STOP, "R1", "Valdenoja", in(90));
      assertThat(service(t).board(STOP, 1, Lang.ES).arrivals())
          .extracting(BoardArrival::line)
          .containsExactly("1");
    }
  }

  @Nested
  class Alerts {
    static final Instant ISSUED = NOW.minusSeconds(3600);

    FakeTimetable.Builder timetable =
        network().arrival(STOP, "R1", "Valdenoja", in(300)).arrival("48", "R2", "Corbán", in(300));

    static ServiceAlert alert(
        String id,
        Severity severity,
        List<String> lines,
        List<String> stops,
        Instant from,
        Instant until,
        Map<Lang, String> header) {
      return new ServiceAlert(
          id, ISSUED, ISSUED, severity, lines, stops, from, until, new LocalizedText(header), null);
    }

    static ServiceAlert alert(String id, List<String> lines, List<String> stops) {
      return alert(id, Severity.WARNING, lines, stops, null, null, Map.of(Lang.ES, "Aviso " + id));
    }

    List<String> alertIds() {
      return service(timetable).board(STOP, 10, Lang.ES).alerts().stream()
          .map(BoardAlert::id)
          .toList();
    }

    @Test
    void onlyAlertsInTheirActivePeriodShow() {
      Map<Lang, String> h = Map.of(Lang.ES, "Obras");
      realtime.apply(alert("now", Severity.INFO, List.of(), List.of(), in(-60), in(60), h));
      realtime.apply(alert("starts-now", Severity.INFO, List.of(), List.of(), NOW, null, h));
      realtime.apply(alert("later", Severity.INFO, List.of(), List.of(), in(60), null, h));
      realtime.apply(alert("ended", Severity.INFO, List.of(), List.of(), in(-600), NOW, h));
      assertThat(alertIds()).containsExactly("now", "starts-now");
    }

    @Test
    void theHeaderIsInTheBoardLanguageWithSpanishAsFallback() {
      realtime.apply(
          alert(
              "both",
              Severity.WARNING,
              List.of(),
              List.of(),
              null,
              null,
              Map.of(Lang.ES, "Desvío por obras", Lang.EN, "Detour: roadworks")));
      realtime.apply(
          alert(
              "es-only",
              Severity.WARNING,
              List.of(),
              List.of(),
              null,
              null,
              Map.of(Lang.ES, "Parada trasladada")));
      ArrivalBoardService service = service(timetable);

      assertThat(service.board(STOP, 10, Lang.EN).alerts())
          .containsExactly(
              new BoardAlert("both", Severity.WARNING, "Detour: roadworks"),
              new BoardAlert("es-only", Severity.WARNING, "Parada trasladada"));
      assertThat(service.board(STOP, 10, Lang.ES).alerts())
          .extracting(BoardAlert::header)
          .containsExactly("Desvío por obras", "Parada trasladada");
    }

    @Test
    void alertsOfALineCallingAtTheStopShow() {
      realtime.apply(alert("line-1", List.of("1"), List.of()));
      realtime.apply(alert("line-2", List.of("2"), List.of())); // line 2 calls at 48 only
      assertThat(alertIds()).containsExactly("line-1");
    }

    @Test
    void alertLinesGivenAsRouteIdsAreMatchedThroughTheFeed() {
      realtime.apply(alert("route-R1", List.of("R1"), List.of()));
      realtime.apply(alert("route-R2", List.of("R2"), List.of()));
      assertThat(alertIds()).containsExactly("route-R1");
    }

    @Test
    void anAlertOfALineOnlyKnownFromAFreshPredictionShows() {
      snapshot(5, prediction("E3", "Especial fútbol", 400, "900"));
      realtime.apply(alert("special", List.of("E3"), List.of()));
      assertThat(alertIds()).containsExactly("special");
    }

    @Test
    void alertsNamingTheStopShow() {
      realtime.apply(alert("here", List.of(), List.of(STOP)));
      realtime.apply(alert("there", List.of(), List.of("48")));
      assertThat(alertIds()).containsExactly("here");
    }

    @Test
    void networkWideAlertsShowEverywhere() {
      realtime.apply(alert("huelga", List.of(), List.of()));
      assertThat(alertIds()).containsExactly("huelga");
    }

    @Test
    void severeFirstThenWarningThenInfoThenById() {
      Map<Lang, String> h = Map.of(Lang.ES, "Aviso");
      realtime.apply(alert("a-info", Severity.INFO, List.of(), List.of(), null, null, h));
      realtime.apply(alert("b-warning", Severity.WARNING, List.of(), List.of(), null, null, h));
      realtime.apply(alert("c-severe", Severity.SEVERE, List.of(), List.of(), null, null, h));
      realtime.apply(alert("a-warning", Severity.WARNING, List.of(), List.of(), null, null, h));
      assertThat(alertIds()).containsExactly("c-severe", "a-warning", "b-warning", "a-info");
    }
  }
}
