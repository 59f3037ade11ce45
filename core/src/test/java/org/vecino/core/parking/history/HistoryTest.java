package org.vecino.core.parking.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  static OccupancyPoint point(String at, int available) {
    return new OccupancyPoint(Instant.parse(at), available, available, available, 100);
  }

  @Test
  void storedBucketsAreFiveMinutesAndDownsamplingKeepsLastMinAndMax() {
    assertThat(History.storedBucket(Instant.parse("2026-11-30T10:07:59Z")))
        .isEqualTo(Instant.parse("2026-11-30T10:05:00Z"));
    List<OccupancyPoint> points =
        List.of(
            new OccupancyPoint(Instant.parse("2026-11-30T10:00:00Z"), 50, 40, 60, 100),
            new OccupancyPoint(Instant.parse("2026-11-30T10:05:00Z"), 30, 30, 55, 100),
            new OccupancyPoint(Instant.parse("2026-11-30T10:10:00Z"), 35, 20, 35, 100),
            new OccupancyPoint(Instant.parse("2026-11-30T10:15:00Z"), 70, 70, 70, 110));
    assertThat(History.downsample(points, Duration.ofMinutes(15)))
        .containsExactly(
            new OccupancyPoint(Instant.parse("2026-11-30T10:00:00Z"), 35, 20, 60, 100),
            new OccupancyPoint(Instant.parse("2026-11-30T10:15:00Z"), 70, 70, 70, 110));
    assertThatThrownBy(() -> History.downsample(points, Duration.ofMinutes(7)))
        .hasMessageContaining("multiple of 5 minutes");
  }

  /** Four Mondays: 80 free at 9:xx, 20 free at 10:xx (city time), with noise by week. */
  static List<OccupancyPoint> fourMondays() {
    List<OccupancyPoint> out = new ArrayList<>();
    Instant monday = Instant.parse("2026-11-02T08:00:00Z"); // 09:00 CET
    for (int week = 0; week < 4; week++) {
      Instant base = monday.plus(Duration.ofDays(7L * week));
      for (int m = 0; m < 120; m += 5) {
        int available = m < 60 ? 78 + week : 18 + week;
        out.add(
            new OccupancyPoint(
                base.plus(Duration.ofMinutes(m)), available, available, available, 100));
      }
    }
    // A Tuesday point does not count for Mondays.
    out.add(point("2026-11-03T08:30:00Z", 5));
    return out;
  }

  @Test
  void theTypicalDayIsTheMeanOfThatWeekdayAndHourInCityTime() {
    List<Double> monday = History.typicalDay(fourMondays(), MADRID, DayOfWeek.MONDAY);
    assertThat(monday).hasSize(24);
    assertThat(monday.get(9)).isEqualTo(79.5);
    assertThat(monday.get(10)).isEqualTo(19.5);
    assertThat(monday.get(8)).isNull();
    assertThat(History.typicalDay(fourMondays(), MADRID, DayOfWeek.TUESDAY).get(9)).isEqualTo(5.0);
  }

  @Test
  void theExpectedValueFollowsTheTypicalChange() {
    Instant now = Instant.parse("2026-11-30T08:45:00Z"); // Monday 09:45
    assertThat(
            History.expectedAvailable(70, 100, now, Duration.ofMinutes(30), MADRID, fourMondays()))
        .isEqualTo(10);
    assertThat(
            History.expectedAvailable(30, 100, now, Duration.ofMinutes(30), MADRID, fourMondays()))
        .isZero();
    assertThat(
            History.expectedAvailable(
                30,
                100,
                Instant.parse("2026-11-30T12:00:00Z"),
                Duration.ofMinutes(30),
                MADRID,
                fourMondays()))
        .isNull();
  }

  @Test
  void theTypicalDayIsRightAcrossTheDaylightSavingChange() {
    // Sunday 25 October 2026 (CEST until 03:00): 08:30Z is 09:30 CET; 07:30Z is 09:30 CEST the
    // Sunday before.
    List<OccupancyPoint> points =
        List.of(point("2026-10-18T07:30:00Z", 40), point("2026-10-25T08:30:00Z", 60));
    assertThat(History.typicalDay(points, MADRID, DayOfWeek.SUNDAY).get(9)).isEqualTo(50.0);
  }
}
