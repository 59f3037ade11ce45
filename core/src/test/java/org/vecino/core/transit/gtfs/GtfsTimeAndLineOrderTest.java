package org.vecino.core.transit.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GtfsTimeAndLineOrderTest {

  @ParameterizedTest
  @CsvSource({
    "0:00:00, 0",
    "6:00:00, 21600",
    "08:05:09, 29109",
    "23:59:59, 86399",
    "24:30:00, 88200",
    "25:10:00, 90600",
    "100:00:00, 360000"
  })
  void parsesTimes(String text, int seconds) {
    assertThat(GtfsTime.parse(text)).isEqualTo(seconds);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "8",
        "8:00",
        "8:0:00",
        "08:60:00",
        "08:00:60",
        "8:6o:00",
        "-1:00:00",
        "1000:00:00",
        "08:00:00:00",
        "08-00-00",
        "08:00:0"
      })
  void rejectsBadTimes(String text) {
    assertThat(GtfsTime.parse(text)).isEqualTo(GtfsTime.INVALID);
  }

  @Test
  void formatsTimes() {
    assertThat(GtfsTime.format(90600)).isEqualTo("25:10:00");
    assertThat(GtfsTime.format(29109)).isEqualTo("08:05:09");
  }

  @Test
  void ordersLinesAsRidersReadThem() {
    List<String> lines =
        new ArrayList<>(List.of("10", "N2", "2", "E1", "1", "N10", "C", "02", "7C"));
    lines.sort(LineOrder.INSTANCE);
    assertThat(lines).containsExactly("1", "02", "2", "7C", "10", "C", "E1", "N2", "N10");
  }
}
