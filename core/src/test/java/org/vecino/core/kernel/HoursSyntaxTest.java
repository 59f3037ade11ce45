package org.vecino.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogs' hours syntax: days, ranges, spans. */
class HoursSyntaxTest {
  @Test
  void daysAndRanges() {
    assertThat(HoursSyntax.day("mon")).contains(DayOfWeek.MONDAY);
    assertThat(HoursSyntax.day("sun")).contains(DayOfWeek.SUNDAY);
    assertThat(HoursSyntax.day("funday")).isEmpty();
    assertThat(HoursSyntax.day("Mon")).isEmpty();
    assertThat(HoursSyntax.days("sat")).contains(List.of(DayOfWeek.SATURDAY));
    assertThat(HoursSyntax.days("mon-wed"))
        .contains(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY));
    assertThat(HoursSyntax.days("daily")).contains(List.of(DayOfWeek.values()));
    assertThat(HoursSyntax.days("fri-mon")).isEmpty();
    assertThat(HoursSyntax.days("mon-tue-wed")).isEmpty();
    assertThat(HoursSyntax.days("mon-")).isEmpty();
  }

  @Test
  void spans() {
    assertThat(HoursSyntax.times("07:00-14:30")).contains(new HoursSyntax.Times(420, 870));
    assertThat(HoursSyntax.times(" 09:00 - 14:00 ")).contains(new HoursSyntax.Times(540, 840));
    assertThat(HoursSyntax.times("16:00-24:00")).contains(new HoursSyntax.Times(960, 1440));
    assertThat(HoursSyntax.times("22:00-02:00")).contains(new HoursSyntax.Times(1320, 120));
    assertThat(HoursSyntax.times("14:00-00:00")).contains(new HoursSyntax.Times(840, 0));
    assertThat(HoursSyntax.times("7-14")).isEmpty();
    assertThat(HoursSyntax.times("7:00-14:00")).isEmpty();
    assertThat(HoursSyntax.times("09:60-10:00")).isEmpty();
    assertThat(HoursSyntax.times("24:01-10:00")).isEmpty();
    assertThat(HoursSyntax.times("25:00-10:00")).isEmpty();
    assertThat(HoursSyntax.times("09:00")).isEmpty();
    assertThat(HoursSyntax.times("")).isEmpty();
  }
}
