package org.vecino.server.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff's windows, its three jitters and its bounds. */
class BackoffTest {
  @Test
  void backoffHasFullJitterUnderAnExponentialCap() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 1.0);
    assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(b.delay(8)).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.delay(1000)).isEqualTo(Duration.ofMinutes(10));
    assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 0.0).delay(6))
        .isZero();
    assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 0.5).delay(3))
        .isEqualTo(Duration.ofSeconds(10));
    Backoff random = Backoff.standard();
    for (int i = 0; i < 200; i++) {
      assertThat(random.delay(3)).isBetween(Duration.ZERO, Duration.ofSeconds(20));
    }
  }

  @Test
  void noJitterWaitsTheWholeWindow() {
    Backoff b =
        new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), Backoff.Jitter.NONE, () -> 0.0);
    assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(250));
    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void plusMinusJitterStaysWithinItsBandAndTheCap() {
    Backoff.Jitter twenty = Backoff.Jitter.plusMinus(0.2);
    Duration base = Duration.ofSeconds(10);
    Duration cap = Duration.ofHours(1);
    assertThat(new Backoff(base, cap, twenty, () -> 0.0).delay(1)).isEqualTo(Duration.ofSeconds(8));
    assertThat(new Backoff(base, cap, twenty, () -> 1.0).delay(1))
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(new Backoff(base, cap, twenty, () -> 0.5).delay(4))
        .isEqualTo(Duration.ofSeconds(80));
    // At the cap the upper half of the band is cut to the cap.
    assertThat(new Backoff(base, cap, twenty, () -> 1.0).delay(30)).isEqualTo(cap);
    assertThat(new Backoff(base, cap, twenty, () -> 0.0).delay(30))
        .isEqualTo(Duration.ofMinutes(48));
    Backoff random = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30), twenty);
    for (int i = 0; i < 200; i++) {
      assertThat(random.delay(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
      assertThat(random.delay(100)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
    }
  }

  @Test
  void randomNumbersOutsideZeroToOneAreClamped() {
    Duration base = Duration.ofSeconds(1);
    assertThat(new Backoff(base, base, () -> 7.0).delay(1)).isEqualTo(base);
    assertThat(new Backoff(base, base, () -> -3.0).delay(1)).isZero();
  }

  @Test
  void badParametersAreRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.Jitter.plusMinus(1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
