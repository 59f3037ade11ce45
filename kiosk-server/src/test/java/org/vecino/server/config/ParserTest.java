package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecino.core.reminders.AppointmentKind;

/** The combinators {@link Setting}s are declared with. */
class ParserTest {
  private static final Path DIR = Path.of("/srv/vecino");

  @Test
  void intRangeSaysItsRange() {
    Parser<Integer> p = Parser.intRange(1, 100);
    assertThat(p.parse("+7", DIR)).isEqualTo(7);
    assertThat(p.allowed()).isEqualTo("1..100");
    for (String bad : List.of("0", "101", "x", "99999999999", "")) {
      assertThatThrownBy(() -> p.parse(bad, DIR))
          .isInstanceOf(Parser.Invalid.class)
          .hasMessage("must be a number 1..100");
    }
  }

  @Test
  void durationBetweenBounds() {
    Parser<Duration> p = Parser.duration(Duration.ofSeconds(10), Duration.ofHours(1));
    assertThat(p.parse("1h", DIR)).isEqualTo(Duration.ofHours(1));
    assertThat(p.allowed()).isEqualTo("10s..1h");
    assertThatThrownBy(() -> p.parse("5s", DIR)).hasMessage("must be between 10s and 1h");
    assertThatThrownBy(() -> p.parse("5", DIR))
        .hasMessageStartingWith("must be a duration such as 90s");
  }

  @Test
  void pathsResolveAgainstTheWorkingDirectory() {
    assertThat(Parser.path().parse("data/../v.db", DIR)).isEqualTo(DIR.resolve("v.db"));
    assertThat(Parser.path().parse("/tmp/v.db", DIR)).isEqualTo(Path.of("/tmp/v.db"));
    assertThatThrownBy(() -> Parser.path().parse("a\0b", DIR)).hasMessage("is not a valid path");
  }

  @Test
  void listsCheckAndMapCompose() {
    Parser<List<Integer>> p =
        Parser.list(",", Parser.intRange(1, 9))
            .check(l -> l.size() <= 2, l -> "at most two, not " + l.size());
    assertThat(p.parse("1, 2", DIR)).containsExactly(1, 2);
    assertThat(p.allowed()).isEqualTo("1..9, separated by ,");
    assertThatThrownBy(() -> p.parse("1,,2", DIR)).hasMessage("must be a number 1..9");
    assertThatThrownBy(() -> p.parse("1,2,3", DIR)).hasMessage("at most two, not 3");
    assertThat(p.map(List::size).parse("4", DIR)).isEqualTo(1);
  }

  @Test
  void oneOfTheConstantsByCode() {
    Parser<AppointmentKind> p = Parser.oneOf(AppointmentKind.class, AppointmentKind::code);
    assertThat(p.parse("medical", DIR)).isEqualTo(AppointmentKind.MEDICAL);
    assertThatThrownBy(() -> p.parse("dental", DIR)).hasMessage("must be one of " + p.allowed());
  }

  @Test
  void tokensAndBooleans() {
    assertThatThrownBy(() -> Parser.token(16).parse("short", DIR))
        .hasMessage("must be at least 16 characters long (it has 5)");
    assertThatThrownBy(() -> Parser.token(4).parse("a b c d", DIR))
        .hasMessage("must not contain spaces or control characters");
    assertThat(Parser.bool().parse("false", DIR)).isFalse();
    assertThatThrownBy(() -> Parser.bool().parse("yes", DIR)).hasMessage("must be true or false");
  }

  @Test
  void aDeclarationIsChecked() {
    assertThatThrownBy(() -> Setting.of("HTTP_PORT", "1", Parser.intRange(0, 9), "port"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Setting.of("VECINO_X", "1", Parser.intRange(0, 9), "two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Setting<>("VECINO_X", Parser.text(), "default", true, false, "a secret"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
