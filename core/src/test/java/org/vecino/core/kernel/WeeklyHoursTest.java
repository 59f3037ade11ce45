package org.vecino.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Weekly hours in city time: spans, overnight spans, closed days, daylight saving. */
class WeeklyHoursTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  private static ZonedDateTime at(String local) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), MADRID);
  }

  @Test
  void spansOvernightSpansAndClosedDays() {
    WeeklyHours h =
        new WeeklyHours(
            Map.of(
                DayOfWeek.MONDAY,
                List.of(new WeeklyHours.Span(9 * 60, 14 * 60), new WeeklyHours.Span(16 * 60, 1440)),
                DayOfWeek.SATURDAY,
                List.of(new WeeklyHours.Span(22 * 60, 2 * 60))));
    // Monday 30 November 2026
    assertThat(h.isOpen(at("2026-11-30T08:59"))).isFalse();
    assertThat(h.isOpen(at("2026-11-30T09:00"))).isTrue();
    assertThat(h.isOpen(at("2026-11-30T14:00"))).isFalse();
    assertThat(h.isOpen(at("2026-11-30T23:59"))).isTrue();
    assertThat(h.isOpen(at("2026-12-01T00:00"))).isFalse();
    // Saturday 28 at 23:30 and Sunday 29 at 01:59 / 02:00
    assertThat(h.isOpen(at("2026-11-28T23:30"))).isTrue();
    assertThat(h.isOpen(at("2026-11-29T01:59"))).isTrue();
    assertThat(h.isOpen(at("2026-11-29T02:00"))).isFalse();
    assertThat(h.on(DayOfWeek.SUNDAY)).isEmpty();
    assertThat(h.days()).hasSize(7);
    assertThat(h.on(DayOfWeek.MONDAY).get(1)).hasToString("16:00-24:00");
  }

  @Test
  void cityTimeOnTheSpringForwardDay() {
    // Sunday 28 March 2027: 02:00 becomes 03:00; a span 01:00-04:00 is open at 03:30 local time.
    WeeklyHours h =
        new WeeklyHours(Map.of(DayOfWeek.SUNDAY, List.of(new WeeklyHours.Span(60, 240))));
    assertThat(h.isOpen(ZonedDateTime.parse("2027-03-28T03:30+02:00[Europe/Madrid]"))).isTrue();
    assertThat(h.isOpen(ZonedDateTime.parse("2027-03-28T04:00+02:00[Europe/Madrid]"))).isFalse();
  }

  @Test
  void alwaysAndBadSpans() {
    assertThat(WeeklyHours.always().isOpen(at("2026-11-29T03:00"))).isTrue();
    assertThatThrownBy(() -> new WeeklyHours.Span(1440, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeeklyHours.Span(60, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new WeeklyHours.Span(60, 60).overnight()).isTrue();
  }
}
