package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {

  @Test
  void parsesEachUnitAndCombinations() {
    assertThat(DurationParser.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationParser.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationParser.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationParser.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationParser.parse(" 1H30m ")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationParser.parse("0s")).isZero();
  }

  @Test
  void rejectsMalformedDurations() {
    for (String bad : new String[] {"", " ", "90", "s", "5 m", "-5s", "1d", "1.5h", "m5", "5mm"}) {
      assertThatThrownBy(() -> DurationParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> DurationParser.parse("99999999999h"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsWhatItParses() {
    for (String s : new String[] {"0s", "250ms", "1m30s", "5m", "1h"}) {
      assertThat(DurationParser.format(DurationParser.parse(s))).isEqualTo(s);
    }
    assertThat(DurationParser.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(DurationParser.format(Duration.ofMinutes(150))).isEqualTo("2h30m");
  }
}
