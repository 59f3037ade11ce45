package org.vecino.core.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecino.core.kernel.ValidationException;

class PhoneNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"+34600111222", "600111222", "600 11 12 22", "0034600111222", " +34 600-111-222 "})
  void spanishMobilesWithOrWithoutCountryCodeBecomeE164(String input) {
    PhoneNumber p = PhoneNumber.parse(input);
    assertThat(p.e164()).isEqualTo("+34600111222");
    assertThat(p.isMobile()).isTrue();
  }

  @Test
  void aSpanishLandlineIsAcceptedButIsNotMobile() {
    PhoneNumber p = PhoneNumber.parse("942 123 456");
    assertThat(p.e164()).isEqualTo("+34942123456");
    assertThat(p.isMobile()).isFalse();
  }

  @Test
  void aForeignMobileKeepsItsCountry() {
    PhoneNumber p = PhoneNumber.parse("+44 7911 123456");
    assertThat(p.e164()).isEqualTo("+447911123456");
    assertThat(p.isMobile()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "abc", "+34 123", "6001112223333", "+999600111222"})
  void invalidNumbersAreValidationErrorsNamingTheField(String input) {
    assertThatThrownBy(() -> PhoneNumber.parse(input, "from"))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e -> assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("from"));
  }

  @Test
  void missingAndOverlongInputsAreRejected() {
    assertThatThrownBy(() -> PhoneNumber.parse(null)).hasMessageContaining("phone: is required");
    assertThatThrownBy(() -> PhoneNumber.parse("  ")).hasMessageContaining("is required");
    assertThatThrownBy(() -> PhoneNumber.parse("6".repeat(40))).hasMessageContaining("too long");
  }

  @Test
  void itsTextIsMasked() {
    PhoneNumber p = PhoneNumber.parse("600111222");
    assertThat(p.toString()).isEqualTo("+34*****1222").doesNotContain("600111");
    assertThat(p.masked()).isEqualTo("+34*****1222");
  }

  @Test
  void theRecordRefusesANonE164Number() {
    assertThatThrownBy(() -> new PhoneNumber("600111222", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void itsRegionIsKnown() {
    assertThat(PhoneNumber.parse("600111222").region()).isEqualTo("ES");
    assertThat(PhoneNumber.parse("+33612345678").region()).isEqualTo("FR");
    assertThat(PhoneNumber.isRegion("ES")).isTrue();
    assertThat(PhoneNumber.isRegion("es")).isFalse();
    assertThat(PhoneNumber.isRegion("XX")).isFalse();
  }
}
