package org.vecino.core.reminders.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.ValidationException;

class SmsAnalyzerTest {
  static final String EMOJI = "\uD83D\uDE00"; // 😀, a surrogate pair

  static SmsCost cost(String text) {
    return SmsAnalyzer.analyze(text);
  }

  @Nested
  class Gsm7 {
    @ParameterizedTest(name = "{0} septets -> {1} segments")
    @CsvSource({"1,1", "160,1", "161,2", "306,2", "307,3", "459,3", "460,4", "1530,10", "1531,11"})
    void boundaryLengths(int length, int segments) {
      SmsCost c = cost("a".repeat(length));
      assertThat(c).isEqualTo(new SmsCost(SmsEncoding.GSM_7, segments, length));
    }

    @Test
    void theContractExample() {
      assertThat(cost("x".repeat(161))).isEqualTo(new SmsCost(SmsEncoding.GSM_7, 2, 161));
    }

    @Test
    void extensionCharactersCostTwoSeptets() {
      // 80 euro signs = 160 septets: one message; 81 = 162 septets: two parts of 153.
      assertThat(cost("€".repeat(80))).isEqualTo(new SmsCost(SmsEncoding.GSM_7, 1, 80));
      assertThat(cost("€".repeat(81))).isEqualTo(new SmsCost(SmsEncoding.GSM_7, 2, 81));
      assertThat(cost("a".repeat(159) + "[")).isEqualTo(new SmsCost(SmsEncoding.GSM_7, 2, 160));
      assertThat(cost("a".repeat(158) + "{")).isEqualTo(new SmsCost(SmsEncoding.GSM_7, 1, 159));
    }

    @Test
    void anEscapePairIsNeverSplitAcrossParts() {
      // 152 septets then an escape pair: it cannot straddle 153, so it opens part 2.
      String text = "a".repeat(152) + "€" + "a".repeat(152);
      // total 306 septets would fit 2 x 153 if the pair could be split; it cannot.
      assertThat(cost(text).segments()).isEqualTo(3);
      // moved one to the left it ends exactly at 153: two parts.
      assertThat(cost("a".repeat(151) + "€" + "a".repeat(153)).segments()).isEqualTo(2);
    }

    @Test
    void spanishLettersGsmHas() {
      SmsCost c = cost("¿Mañana? ¡Sí! é è ù ì ò Ç Ñ ü Ü ä ö à ß Δ");
      // "í" in Sí is not GSM, so check without it first.
      assertThat(c.encoding()).isEqualTo(SmsEncoding.UCS_2);
      assertThat(cost("¿Mañana? ¡Si! é è ù ì ò ç Ñ ü Ü ä ö à ß Δ").encoding())
          .isEqualTo(SmsEncoding.GSM_7);
    }

    @Test
    void capitalCedillaAndNoBreakSpaceAreNotGsm() {
      assertThat(cost("Ç").encoding()).isEqualTo(SmsEncoding.UCS_2);
      assertThat(cost("a\u00A0b").encoding()).isEqualTo(SmsEncoding.UCS_2);
      assertThat(cost("ç").encoding()).isEqualTo(SmsEncoding.GSM_7);
    }

    @Test
    void noOtherCodePointIsGsm() {
      int gsm = 0;
      for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
        if (Gsm0338.septets(cp) > 0) {
          gsm++;
        }
      }
      assertThat(gsm).isEqualTo(137);
      assertThat(cost("a`b").encoding()).isEqualTo(SmsEncoding.UCS_2); // grave accent: not GSM
      assertThat(cost("\t").encoding()).isEqualTo(SmsEncoding.UCS_2);
    }

    @Test
    void everyCharacterOfTheTableRoundTrips() throws Exception {
      List<int[]> rows = new ArrayList<>();
      try (InputStream in = SmsAnalyzer.class.getResourceAsStream("GSM0338.TXT");
          BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("0x")) {
            String[] cols = line.split("\t");
            rows.add(
                new int[] {
                  Integer.parseInt(cols[0].substring(2), 16),
                  Integer.parseInt(cols[1].substring(2), 16)
                });
          }
        }
      }
      // 128 basic codes (escape included) + 10 extension pairs.
      assertThat(rows).hasSize(138);
      int checked = 0;
      StringBuilder all = new StringBuilder();
      int allSeptets = 0;
      for (int[] row : rows) {
        int gsm = row[0];
        int unicode = row[1];
        if (gsm == 0x1B) {
          continue; // the bare escape: shown as NBSP, not a character to send
        }
        int septets = gsm > 0x7F ? 2 : 1;
        String one = new String(Character.toChars(unicode));
        assertThat(cost(one))
            .as("U+%04X (GSM 0x%02X)", unicode, gsm)
            .isEqualTo(new SmsCost(SmsEncoding.GSM_7, 1, 1));
        assertThat(Gsm0338.TABLE.get(unicode)).isEqualTo(gsm);
        assertThat(Gsm0338.septets(unicode)).isEqualTo(septets);
        // 80 copies show the septet cost: 80 basic fit one message, 80 extension (160) too,
        // 81 extension do not.
        assertThat(cost(one.repeat(81)).segments()).isEqualTo(septets == 1 ? 1 : 2);
        all.appendCodePoint(unicode);
        allSeptets += septets;
        checked++;
      }
      assertThat(checked).isEqualTo(137);
      assertThat(Gsm0338.TABLE).hasSize(137);
      assertThat(allSeptets).isEqualTo(127 + 2 * 10);
      assertThat(cost(all.toString())).isEqualTo(new SmsCost(SmsEncoding.GSM_7, 1, 137));
    }
  }

  @Nested
  class Ucs2 {
    @ParameterizedTest(name = "{0} units -> {1} segments")
    @CsvSource({"1,1", "70,1", "71,2", "134,2", "135,3", "201,3", "202,4"})
    void boundaryLengths(int length, int segments) {
      SmsCost c = cost("á".repeat(length));
      assertThat(c).isEqualTo(new SmsCost(SmsEncoding.UCS_2, segments, length));
    }

    @Test
    void oneCharacterOutsideGsmMakesTheWholeTextUcs2() {
      assertThat(cost("a".repeat(69) + "ó")).isEqualTo(new SmsCost(SmsEncoding.UCS_2, 1, 70));
      assertThat(cost("a".repeat(70) + "ó")).isEqualTo(new SmsCost(SmsEncoding.UCS_2, 2, 71));
    }

    @Test
    void emojiCountsTwoUnitsButOneCharacter() {
      assertThat(cost(EMOJI)).isEqualTo(new SmsCost(SmsEncoding.UCS_2, 1, 1));
      assertThat(cost(EMOJI.repeat(35))).isEqualTo(new SmsCost(SmsEncoding.UCS_2, 1, 35));
      assertThat(cost(EMOJI.repeat(36))).isEqualTo(new SmsCost(SmsEncoding.UCS_2, 2, 36));
    }

    @Test
    void aSurrogatePairIsNeverSplitAcrossParts() {
      // 66 units + emoji (2) + 66 units = 134 units, which 2 x 67 could hold only by splitting.
      String text = "a".repeat(66) + EMOJI + "b".repeat(66);
      assertThat(cost(text)).isEqualTo(new SmsCost(SmsEncoding.UCS_2, 3, 133));
      // with the emoji ending exactly at unit 67 it fits two parts.
      assertThat(cost("a".repeat(65) + EMOJI + "b".repeat(67)))
          .isEqualTo(new SmsCost(SmsEncoding.UCS_2, 2, 133));
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  void emptyTextIsAValidationErrorOnText(String text) {
    assertThatThrownBy(() -> SmsAnalyzer.analyze(text))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).errors())
                    .extracting(FieldError::field)
                    .containsExactly("text"));
  }

  @Test
  void wireNames() {
    assertThat(SmsEncoding.GSM_7.wireName()).isEqualTo("GSM-7");
    assertThat(SmsEncoding.UCS_2.wireName()).isEqualTo("UCS-2");
  }

  @Nested
  class FitToGsm {
    @Test
    void foldsWhenThatTurnsUcs2IntoGsm7() {
      String text = "Cita mañana en el Centro de Salud Cazoña a las 9:30. Responda SÍ o ANULAR.";
      String fitted = SmsAnalyzer.fitToGsm(text);
      assertThat(fitted)
          .isEqualTo("Cita mañana en el Centro de Salud Cazoña a las 9:30. Responda SI o ANULAR.");
      assertThat(cost(text))
          .extracting(SmsCost::encoding, SmsCost::segments)
          .containsExactly(SmsEncoding.UCS_2, 2);
      assertThat(cost(fitted))
          .extracting(SmsCost::encoding, SmsCost::segments)
          .containsExactly(SmsEncoding.GSM_7, 1);
    }

    @Test
    void foldsEveryAccentedLetterGsmLacksButKeepsTheOnesItHas() {
      String pad = " " + "x".repeat(40); // over 70: UCS-2 needs two parts, GSM-7 one
      assertThat(SmsAnalyzer.fitToGsm("á í ó ú Á Í Ó Ú â ê Ç ý é è ñ Ñ ü Ü à ç É" + pad))
          .isEqualTo("a i o u A I O U a e C y é è ñ Ñ ü Ü à ç É" + pad);
    }

    @Test
    void leavesTheTextWhenNoSegmentIsSaved() {
      String shortText = "Sí";
      assertThat(SmsAnalyzer.fitToGsm(shortText)).isSameAs(shortText);
      // an emoji keeps it UCS-2 whatever we do to the accents
      String withEmoji = "Gracias, nos vemos el miércoles " + EMOJI + " ¡allí estaremos!";
      assertThat(SmsAnalyzer.fitToGsm(withEmoji)).isSameAs(withEmoji);
      String gsm = "Mañana, niño: ¿vienes?";
      assertThat(SmsAnalyzer.fitToGsm(gsm)).isSameAs(gsm);
    }

    @Test
    void foldsWhenItSavesASegmentEvenIfStillSeveral() {
      // 100 "ó": UCS-2, 2 segments; folded: 100 "o", GSM-7, 1 segment
      assertThat(SmsAnalyzer.fitToGsm("ó".repeat(100))).isEqualTo("o".repeat(100));
      // 300 chars: UCS-2 5 parts, GSM 2 parts
      assertThat(SmsAnalyzer.fitToGsm("ú".repeat(300))).isEqualTo("u".repeat(300));
    }

    @Test
    void decomposedAccentsAreComposedFirstAndKeptWhenGsmHasThem() {
      String decomposed = "Nin\u0303o, cafe\u0301 y mu\u0301sica"; // niño café música, NFD
      assertThat(cost(decomposed).encoding()).isEqualTo(SmsEncoding.UCS_2);
      assertThat(SmsAnalyzer.fitToGsm(decomposed.repeat(4)))
          .isEqualTo("Niño, café y musica".repeat(4));
    }

    @Test
    void nullAndEmptyPassThrough() {
      assertThat(SmsAnalyzer.fitToGsm(null)).isNull();
      assertThat(SmsAnalyzer.fitToGsm("")).isEmpty();
    }
  }
}
