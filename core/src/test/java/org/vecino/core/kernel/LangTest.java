package org.vecino.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LangTest {
  @Test
  void acceptLanguageHonoursQValuesAndRegions() {
    assertThat(Lang.fromAcceptLanguage("en-GB,en;q=0.9,es;q=0.8")).isEqualTo(Lang.EN);
    assertThat(Lang.fromAcceptLanguage("fr, en;q=0.5, es;q=0.4")).isEqualTo(Lang.EN);
    assertThat(Lang.fromAcceptLanguage("en;q=0.2, es-ES;q=0.7")).isEqualTo(Lang.ES);
    assertThat(Lang.fromAcceptLanguage("en;q=0, fr")).isEqualTo(Lang.ES);
  }

  @Test
  void spanishWhenNothingFitsOrTheHeaderIsBroken() {
    assertThat(Lang.fromAcceptLanguage(null)).isEqualTo(Lang.ES);
    assertThat(Lang.fromAcceptLanguage("")).isEqualTo(Lang.ES);
    assertThat(Lang.fromAcceptLanguage("de, fr;q=0.5")).isEqualTo(Lang.ES);
    assertThat(Lang.fromAcceptLanguage("*")).isEqualTo(Lang.ES);
    assertThat(Lang.fromAcceptLanguage("en;q=abc;;")).isEqualTo(Lang.ES);
  }
}
