package org.vecino.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {
  @Test
  void keepsCountryCodeAndLastFour() {
    assertThat(PhoneMask.mask("+34600111222")).isEqualTo("+34*****1222");
    assertThat(PhoneMask.mask("+12025550123")).isEqualTo("+1******0123");
  }

  @Test
  void masksAnythingElseButTheLastTwo() {
    assertThat(PhoneMask.mask("600111222")).isEqualTo("*******22");
    assertThat(PhoneMask.mask(null)).isNull();
  }
}
