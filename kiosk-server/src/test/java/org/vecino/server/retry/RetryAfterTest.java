package org.vecino.server.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} as seconds or an HTTP date, capped. */
class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    assertThat(RetryAfter.parse("120", NOW, HOUR)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 120 ", NOW, HOUR)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW, HOUR)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Mon, 30 Nov 2026 09:05:00 GMT", NOW, HOUR))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(RetryAfter.parse("Mon, 30 Nov 2026 08:00:00 GMT", NOW, HOUR))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void aLongWaitIsCut() {
    assertThat(RetryAfter.parse("999999", NOW, HOUR)).isEqualTo(HOUR);
    assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", NOW, HOUR)).isEqualTo(HOUR);
    assertThat(RetryAfter.parse("90", NOW, Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anAbsentOrUnreadableHeaderIsNull() {
    assertThat(RetryAfter.parse("soon", NOW, HOUR)).isNull();
    assertThat(RetryAfter.parse("-5", NOW, HOUR)).isNull();
    assertThat(RetryAfter.parse("1.5", NOW, HOUR)).isNull();
    assertThat(RetryAfter.parse("9999999999", NOW, HOUR)).isNull();
    assertThat(RetryAfter.parse("", NOW, HOUR)).isNull();
    assertThat(RetryAfter.parse(null, NOW, HOUR)).isNull();
  }
}
