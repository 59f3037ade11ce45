package org.vecino.core.reminders.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vecino.core.kernel.Lang;

class AppointmentDateFormatTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  static ZonedDateTime at(String local) {
    return java.time.LocalDateTime.parse(local).atZone(MADRID);
  }

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-12-01T09:30|martes 1 de diciembre a las 9:30|Tuesday 1 December at 9:30",
        "2026-12-02T01:15|miércoles 2 de diciembre a la 1:15|Wednesday 2 December at 1:15",
        "2026-12-03T13:05|jueves 3 de diciembre a las 13:05|Thursday 3 December at 13:05",
        "2027-01-01T00:00|viernes 1 de enero a las 0:00|Friday 1 January at 0:00",
        "2026-11-28T21:45|sábado 28 de noviembre a las 21:45|Saturday 28 November at 21:45",
        "2026-03-29T03:10|domingo 29 de marzo a las 3:10|Sunday 29 March at 3:10",
        "2026-10-25T02:30|domingo 25 de octubre a las 2:30|Sunday 25 October at 2:30",
        "2026-06-15T10:00|lunes 15 de junio a las 10:00|Monday 15 June at 10:00",
      })
  void asPeopleReadIt(String local, String es, String en) {
    assertThat(AppointmentDateFormat.format(at(local), Lang.ES)).isEqualTo(es);
    assertThat(AppointmentDateFormat.format(at(local), Lang.EN)).isEqualTo(en);
  }

  @Test
  void writesTheTimeInItsOwnZone() {
    ZonedDateTime utc = ZonedDateTime.parse("2026-12-01T08:30:00Z");
    assertThat(AppointmentDateFormat.format(utc.withZoneSameInstant(MADRID), Lang.ES))
        .isEqualTo("martes 1 de diciembre a las 9:30");
    // summer time: UTC+2
    assertThat(
            AppointmentDateFormat.format(
                ZonedDateTime.parse("2026-07-01T07:30:00Z").withZoneSameInstant(MADRID), Lang.EN))
        .isEqualTo("Wednesday 1 July at 9:30");
  }

  @Test
  void everyMonthAndWeekday() {
    LocalDate d = LocalDate.of(2026, 1, 5); // a Monday
    for (int i = 0; i < 365; i++) {
      ZonedDateTime t = d.plusDays(i).atTime(10, 0).atZone(MADRID);
      assertThat(AppointmentDateFormat.format(t, Lang.ES))
          .matches("\\p{L}+ \\d{1,2} de \\p{L}+ a las 10:00");
      assertThat(AppointmentDateFormat.format(t, Lang.EN))
          .matches("[A-Z][a-z]+day \\d{1,2} [A-Z][a-z]+ at 10:00");
    }
  }
}
