package org.vecino.core.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.WeeklyHours;
import org.vecino.core.testing.MutableClock;

class ParkingStateTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  /** Saturday 28 November 2026, 11:12:30 in Santander. */
  static final Instant NOW = Instant.parse("2026-11-28T10:12:30Z");

  static Facility carPark(String id, int capacity, WeeklyHours hours) {
    return new Facility(
        id,
        "Aparcamiento " + id,
        FacilityType.OFF_STREET,
        new GeoPoint(43.4686, -3.7885),
        capacity,
        List.of(),
        hours,
        Map.of(SpaceCategory.DISABLED, 4),
        Facility.DEFAULT_STALE_AFTER);
  }

  static Facility zone(String id, int spots) {
    List<ParkingSpot> list = new ArrayList<>();
    for (int i = 1; i <= spots; i++) {
      list.add(
          new ParkingSpot(
              String.format("sdr-%04d", i), id, i == 1 ? SpaceCategory.DISABLED : null));
    }
    return new Facility(
        id,
        "Zona " + id,
        FacilityType.ON_STREET,
        new GeoPoint(43.4722, -3.7830),
        spots,
        list,
        WeeklyHours.always(),
        Map.of(SpaceCategory.DISABLED, 1),
        Duration.ofMinutes(30));
  }

  static WeeklyHours daily(int openHour, int closeHour) {
    Map<DayOfWeek, List<WeeklyHours.Span>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      days.put(d, List.of(new WeeklyHours.Span(openHour * 60, closeHour * 60)));
    }
    return new WeeklyHours(days);
  }

  final MutableClock clock = new MutableClock(NOW, MADRID);
  final ParkingCatalog catalog =
      new ParkingCatalog(
          List.of(
              carPark("pz-italia", 100, WeeklyHours.always()),
              carPark("mercado", 200, daily(8, 20)),
              zone("sardinero", 10)));
  final ParkingState state =
      new ParkingState(catalog, StatusThresholds.defaults(), MADRID, clock, Duration.ofMinutes(5));

  CounterReading counter(String id, Instant t, Integer available) {
    return new CounterReading(id, t, clock.instant(), available, false, null);
  }

  SpotReading spot(int n, Instant t, boolean occupied, Integer battery) {
    return new SpotReading(String.format("sdr-%04d", n), t, clock.instant(), occupied, battery);
  }

  FacilityAvailability italia() {
    return state.availability("pz-italia").orElseThrow();
  }

  @Nested
  class Ordering {
    @Test
    void anOlderReadingIsOutOfOrderAnEqualOneIsAppliedAgainAFutureOneIsRejected() {
      assertThat(state.apply(counter("pz-italia", NOW, 50))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(counter("pz-italia", NOW.minusSeconds(1), 40)))
          .isEqualTo(ApplyOutcome.OUT_OF_ORDER);
      assertThat(italia().available()).isEqualTo(50);
      assertThat(state.apply(counter("pz-italia", NOW, 50))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(counter("pz-italia", NOW.plus(Duration.ofMinutes(5)), 45)))
          .isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(counter("pz-italia", NOW.plus(Duration.ofMinutes(6)), 44)))
          .isEqualTo(ApplyOutcome.FUTURE_TIMESTAMP);
      assertThat(italia().available()).isEqualTo(45);
    }

    @Test
    void aFastSensorClockDoesNotBlockItsSuccessors() {
      // 4 minutes ahead: accepted, ordered by its reception time.
      state.apply(counter("pz-italia", NOW.plus(Duration.ofMinutes(4)), 10));
      clock.advance(Duration.ofSeconds(10));
      assertThat(state.apply(counter("pz-italia", clock.instant(), 11)))
          .isEqualTo(ApplyOutcome.APPLIED);
      assertThat(italia().available()).isEqualTo(11);
    }

    @Test
    void spotsAreOrderedEachOnItsOwn() {
      assertThat(state.apply(spot(1, NOW, true, null))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(spot(2, NOW.minusSeconds(60), false, null)))
          .isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(spot(1, NOW.minusSeconds(1), false, null)))
          .isEqualTo(ApplyOutcome.OUT_OF_ORDER);
      assertThat(state.spotReading("sdr-0001").orElseThrow().occupied()).isTrue();
    }

    @Test
    void unknownIdsAreTheDecodersJobAndRefusedHere() {
      assertThatThrownBy(() -> state.apply(counter("nope", NOW, 1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> state.apply(counter("sardinero", NOW, 1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Counters {
    @Test
    void aCounterAboveCapacityIsClampedAndReportedFaulty() {
      state.apply(counter("pz-italia", NOW, 130));
      assertThat(italia().available()).isEqualTo(100);
      assertThat(italia().counterFaulty()).isTrue();
      assertThat(state.sensorReport().faultyCounters())
          .containsExactly(new SensorReport.FaultyCounter("pz-italia", 130, 100, NOW));
      state.apply(counter("pz-italia", NOW, 60));
      assertThat(italia().counterFaulty()).isFalse();
      assertThat(state.sensorReport().faultyCounters()).isEmpty();
    }

    @Test
    void aNewTotalIsKeptUntilAnotherOne() {
      state.apply(new CounterReading("pz-italia", NOW, NOW, 100, false, 150));
      assertThat(italia().total()).isEqualTo(150);
      assertThat(italia().counterFaulty()).isFalse();
      state.apply(counter("pz-italia", NOW.plusSeconds(1), 90));
      assertThat(italia().total()).isEqualTo(150);
    }

    @Test
    void aCounterSayingClosedMakesItClosedEvenWithoutAvailable() {
      state.apply(new CounterReading("pz-italia", NOW, NOW, null, true, null));
      assertThat(italia().status()).isEqualTo(ParkingStatus.CLOSED);
      assertThat(italia().available()).isNull();
    }

    @Test
    void aCarParkNeverHeardOfOrSilentTooLongIsUnknownAndStale() {
      assertThat(italia().status()).isEqualTo(ParkingStatus.UNKNOWN);
      assertThat(italia().stale()).isTrue();
      state.apply(counter("pz-italia", NOW, 50));
      assertThat(italia().stale()).isFalse();
      clock.advance(Duration.ofMinutes(30));
      assertThat(italia().status()).isEqualTo(ParkingStatus.OPEN);
      clock.advance(Duration.ofSeconds(1));
      assertThat(italia().status()).isEqualTo(ParkingStatus.UNKNOWN);
      assertThat(italia().stale()).isTrue();
      assertThat(italia().available()).isEqualTo(50);
      assertThat(state.sensorReport().silent())
          .contains(new SensorReport.Silent("pz-italia", "pz-italia", NOW));
    }

    @Test
    void invalidReadingsCannotBeBuilt() {
      assertThatThrownBy(() -> new CounterReading("x", NOW, NOW, null, false, null))
          .hasMessageContaining("available");
      assertThatThrownBy(() -> new CounterReading("x", NOW, NOW, -1, false, null))
          .hasMessageContaining("available");
      assertThatThrownBy(() -> new CounterReading("x", NOW, NOW, 1, false, 0))
          .hasMessageContaining("total");
      assertThatThrownBy(() -> new SpotReading("x", NOW, NOW, true, 101))
          .hasMessageContaining("battery");
    }
  }

  @Nested
  class Status {
    void counterAt(int available) {
      clock.advance(Duration.ofSeconds(1));
      state.apply(counter("pz-italia", clock.instant(), available));
    }

    @Test
    void almostFullIsEnteredUnderTenPercentAndLeftAboveTwelve() {
      counterAt(50);
      assertThat(italia().status()).isEqualTo(ParkingStatus.OPEN);
      counterAt(10);
      assertThat(italia().status()).isEqualTo(ParkingStatus.OPEN);
      counterAt(9);
      assertThat(italia().status()).isEqualTo(ParkingStatus.ALMOST_FULL);
      counterAt(11);
      assertThat(italia().status()).isEqualTo(ParkingStatus.ALMOST_FULL);
      counterAt(12);
      assertThat(italia().status()).isEqualTo(ParkingStatus.ALMOST_FULL);
      counterAt(13);
      assertThat(italia().status()).isEqualTo(ParkingStatus.OPEN);
      counterAt(11);
      assertThat(italia().status()).isEqualTo(ParkingStatus.OPEN);
      counterAt(0);
      assertThat(italia().status()).isEqualTo(ParkingStatus.FULL);
      counterAt(11);
      assertThat(italia().status()).isEqualTo(ParkingStatus.ALMOST_FULL);
    }

    @Test
    void thresholdsAreConfigurable() {
      ParkingState wide =
          new ParkingState(
              catalog, new StatusThresholds(0.2, 0.3), MADRID, clock, Duration.ofMinutes(5));
      wide.apply(counter("pz-italia", NOW, 19));
      assertThat(wide.availability("pz-italia").orElseThrow().status())
          .isEqualTo(ParkingStatus.ALMOST_FULL);
      wide.apply(counter("pz-italia", NOW, 25));
      assertThat(wide.availability("pz-italia").orElseThrow().status())
          .isEqualTo(ParkingStatus.ALMOST_FULL);
      assertThatThrownBy(() -> new StatusThresholds(0.2, 0.1)).hasMessageContaining("leaveAbove");
    }

    @Test
    void openingHoursCloseACarParkWhateverItsCounterSays() {
      // 11:12 on a Saturday: open 8-20.
      state.apply(counter("mercado", NOW, 0));
      assertThat(state.availability("mercado").orElseThrow().status())
          .isEqualTo(ParkingStatus.FULL);
      clock.set(Instant.parse("2026-11-28T19:00:00Z")); // 20:00 local: closed
      state.apply(counter("mercado", clock.instant(), 150));
      FacilityAvailability closed = state.availability("mercado").orElseThrow();
      assertThat(closed.status()).isEqualTo(ParkingStatus.CLOSED);
      assertThat(closed.available()).isEqualTo(150);
      // Closed wins over stale, too.
      clock.advance(Duration.ofHours(2));
      assertThat(state.availability("mercado").orElseThrow().status())
          .isEqualTo(ParkingStatus.CLOSED);
    }
  }

  @Nested
  class Hours {
    @Test
    void theLocalTimeIsRightOnBothDaylightSavingDays() {
      WeeklyHours h = daily(8, 20);
      // 29 March 2026, summer time starts: 06:30Z is 08:30 CEST (open; 07:30 in winter time).
      assertThat(h.isOpen(Instant.parse("2026-03-29T06:30:00Z").atZone(MADRID))).isTrue();
      assertThat(h.isOpen(Instant.parse("2026-03-29T05:59:00Z").atZone(MADRID))).isFalse();
      // 25 October 2026, winter time again: 06:30Z is 07:30 CET (closed; 08:30 in summer time).
      assertThat(h.isOpen(Instant.parse("2026-10-25T06:30:00Z").atZone(MADRID))).isFalse();
      assertThat(h.isOpen(Instant.parse("2026-10-25T07:00:00Z").atZone(MADRID))).isTrue();
      assertThat(h.isOpen(Instant.parse("2026-10-25T18:59:00Z").atZone(MADRID))).isTrue();
      assertThat(h.isOpen(Instant.parse("2026-10-25T19:00:00Z").atZone(MADRID))).isFalse();
    }

    @Test
    void aClosedDayAndAnOvernightInterval() {
      Map<DayOfWeek, List<WeeklyHours.Span>> days = new EnumMap<>(DayOfWeek.class);
      days.put(DayOfWeek.SATURDAY, List.of(new WeeklyHours.Span(22 * 60, 2 * 60)));
      WeeklyHours h = new WeeklyHours(days);
      assertThat(h.isOpen(Instant.parse("2026-11-28T21:30:00Z").atZone(MADRID))).isTrue();
      assertThat(h.isOpen(Instant.parse("2026-11-29T00:59:00Z").atZone(MADRID))).isTrue();
      assertThat(h.isOpen(Instant.parse("2026-11-29T01:00:00Z").atZone(MADRID))).isFalse();
      assertThat(h.isOpen(Instant.parse("2026-11-29T12:00:00Z").atZone(MADRID))).isFalse();
      assertThat(h.isOpen(Instant.parse("2026-11-28T20:59:00Z").atZone(MADRID))).isFalse();
      assertThat(WeeklyHours.always().isOpen(NOW.atZone(MADRID))).isTrue();
    }
  }

  @Nested
  class Spots {
    FacilityAvailability sardinero() {
      return state.availability("sardinero").orElseThrow();
    }

    @Test
    void freeSpotsHeardWithinTheirStaleLimitAreAvailableTheRestUnknown() {
      assertThat(sardinero().stale()).isTrue();
      assertThat(sardinero().status()).isEqualTo(ParkingStatus.UNKNOWN);
      state.apply(spot(1, NOW, false, 90));
      state.apply(spot(2, NOW, true, 90));
      state.apply(spot(3, NOW.minus(Duration.ofMinutes(31)), false, 90));
      FacilityAvailability a = sardinero();
      assertThat(a.total()).isEqualTo(10);
      assertThat(a.available()).isEqualTo(1);
      assertThat(a.stale()).isFalse();
      assertThat(a.updatedAt()).isEqualTo(NOW);
      assertThat(a.spots().subList(0, 4))
          .containsExactly(
              new SpotView("sdr-0001", SpotStatus.FREE),
              new SpotView("sdr-0002", SpotStatus.OCCUPIED),
              new SpotView("sdr-0003", SpotStatus.UNKNOWN),
              new SpotView("sdr-0004", SpotStatus.UNKNOWN));
      assertThat(a.status()).isEqualTo(ParkingStatus.OPEN);

      clock.advance(Duration.ofMinutes(31));
      FacilityAvailability silent = sardinero();
      assertThat(silent.available()).isZero();
      assertThat(silent.stale()).isTrue();
      assertThat(silent.status()).isEqualTo(ParkingStatus.UNKNOWN);
      assertThat(silent.spots()).allMatch(s -> s.status() == SpotStatus.UNKNOWN);
    }

    @Test
    void lowBatteriesAndSilentSpotsAreReported() {
      state.apply(spot(1, NOW, false, 19));
      state.apply(spot(2, NOW, false, 20));
      state.apply(spot(3, NOW, false, null));
      SensorReport r = state.sensorReport();
      assertThat(r.lowBattery())
          .containsExactly(new SensorReport.LowBattery("sdr-0001", "sardinero", 19, NOW));
      assertThat(r.silent())
          .extracting(SensorReport.Silent::sensorId)
          .contains("sdr-0004", "sdr-0010", "pz-italia", "mercado")
          .doesNotContain("sdr-0001", "sdr-0002", "sdr-0003");
    }
  }

  @Nested
  class Trends {
    @Test
    void freeSpacesFallingOverFifteenMinutesIsFillingRisingIsEmptying() {
      state.apply(counter("pz-italia", NOW, 60));
      assertThat(italia().trend()).isEqualTo(Trend.STEADY);
      for (int i = 1; i <= 10; i++) {
        clock.advance(Duration.ofMinutes(1));
        state.apply(counter("pz-italia", clock.instant(), 60 - i));
      }
      assertThat(italia().trend()).isEqualTo(Trend.FILLING);
      clock.advance(Duration.ofMinutes(16));
      state.apply(counter("pz-italia", clock.instant(), 51));
      // Against 15 minutes ago (50): one more free space is steady.
      assertThat(italia().trend()).isEqualTo(Trend.STEADY);
      for (int i = 1; i <= 5; i++) {
        clock.advance(Duration.ofMinutes(1));
        state.apply(counter("pz-italia", clock.instant(), 51 + 2 * i));
      }
      assertThat(italia().trend()).isEqualTo(Trend.EMPTYING);
    }

    @Test
    void smallChangesAreSteady() {
      state.apply(counter("pz-italia", NOW, 60));
      clock.advance(Duration.ofMinutes(5));
      state.apply(counter("pz-italia", clock.instant(), 58));
      assertThat(italia().trend()).isEqualTo(Trend.STEADY);
      assertThat(ParkingState.trendThreshold(100)).isEqualTo(3);
      assertThat(ParkingState.trendThreshold(10)).isEqualTo(2);
    }
  }

  @Nested
  class Catalog {
    @Test
    void idsAreUniqueAcrossTheCatalog() {
      assertThatThrownBy(
              () ->
                  new ParkingCatalog(
                      List.of(
                          carPark("a", 10, WeeklyHours.always()),
                          carPark("a", 10, WeeklyHours.always()))))
          .hasMessageContaining("facility a is listed twice");
      Facility z1 = zone("z1", 2);
      Facility z2 =
          new Facility(
              "z2",
              "Zona 2",
              FacilityType.ON_STREET,
              new GeoPoint(43, -3),
              1,
              List.of(new ParkingSpot("sdr-0001", "z2", null)),
              WeeklyHours.always(),
              Map.of(),
              Duration.ofMinutes(30));
      assertThatThrownBy(() -> new ParkingCatalog(List.of(z1, z2)))
          .hasMessageContaining("sdr-0001");
    }

    @Test
    void aFacilityChecksItsShape() {
      assertThatThrownBy(() -> carPark("a", 0, WeeklyHours.always()))
          .hasMessageContaining("capacity");
      assertThatThrownBy(() -> carPark("a/b", 10, WeeklyHours.always())).hasMessageContaining("id");
      assertThatThrownBy(() -> carPark("a", 3, WeeklyHours.always()))
          .hasMessageContaining("reserved");
    }
  }
}
