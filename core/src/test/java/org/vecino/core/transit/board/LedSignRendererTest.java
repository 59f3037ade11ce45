package org.vecino.core.transit.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.transit.Stop;
import org.vecino.core.transit.realtime.Severity;

class LedSignRendererTest {
  static final Instant NOW = Instant.parse("2026-11-28T10:12:30Z");
  static final Stop STOP = new Stop("47", "47", "Plaza de Italia", new GeoPoint(43.4686, -3.7885));

  static BoardArrival row(String line, String destination, int minutes) {
    return new BoardArrival(
        line, destination, NOW.plusSeconds(60L * minutes), minutes, false, null, null);
  }

  static ArrivalBoard board(List<BoardArrival> arrivals, BoardAlert... alerts) {
    return new ArrivalBoard(STOP, Lang.ES, NOW, arrivals, List.of(alerts));
  }

  static final List<BoardArrival> FIVE =
      List.of(
          row("1", "Valdenoja", 3),
          row("2", "Corbán", 11),
          row("7C1", "Cueto", 0),
          row("11", "Sardinero", 25),
          row("1", "Valdenoja", 33));

  static final BoardAlert WARNING =
      new BoardAlert("obras", Severity.WARNING, "Desvío por obras en Calle Castilla");
  static final BoardAlert SEVERE =
      new BoardAlert("cierre", Severity.SEVERE, "Parada suprimida por obras");

  /** Asserts the sign's shape: rows lines, each of cols code points, each ending in a newline. */
  static String checked(String text, int cols, int rows) {
    assertThat(text).endsWith("\n");
    String[] lines = text.split("\n", -1);
    assertThat(lines).hasSize(rows + 1);
    for (int i = 0; i < rows; i++) {
      assertThat(lines[i].codePointCount(0, lines[i].length())).as("line %d", i).isEqualTo(cols);
      assertThat(Normalizer.isNormalized(lines[i], Normalizer.Form.NFC)).isTrue();
    }
    return text;
  }

  static String render(ArrivalBoard board, int cols, int rows, boolean ascii) {
    return checked(LedSignRenderer.render(board, cols, rows, ascii), cols, rows);
  }

  @Test
  void twentyByFour() {
    assertThat(render(board(FIVE), 20, 4, false))
        .isEqualTo(
            "1   Valdenoja     3'\n"
                + "2   Corbán       11'\n"
                + "7C1 Cueto         >>\n"
                + "11  Sardinero    25'\n");
  }

  @Test
  void twelveByOne() {
    assertThat(
            render(board(List.of(row("7C1", "Cueto", 0), row("1", "Valdenoja", 3))), 12, 1, false))
        .isEqualTo("7C1 Cue   >>\n");
    assertThat(render(board(List.of(row("1", "Valdenoja", 12))), 12, 1, false))
        .isEqualTo("1 Valde  12'\n");
  }

  @Test
  void unusedRowsAreBlank() {
    assertThat(render(board(List.of(row("1", "Valdenoja", 3))), 14, 3, false))
        .isEqualTo("1 Valdeno   3'\n" + " ".repeat(14) + "\n" + " ".repeat(14) + "\n");
    assertThat(render(board(List.of()), 12, 2, false))
        .isEqualTo(" ".repeat(12) + "\n" + " ".repeat(12) + "\n");
  }

  @Test
  void aSevereAlertTakesTheLastRowEvenFromAnArrival() {
    // Only the shown rows count for the label column: here just "1".
    assertThat(render(board(FIVE, SEVERE), 20, 2, false))
        .isEqualTo("1 Valdenoja       3'\n" + "Parada suprimida por\n");
    assertThat(render(board(FIVE, SEVERE), 20, 1, false)).isEqualTo("Parada suprimida por\n");
  }

  @Test
  void aNonSevereAlertOnlyTakesAFreeRow() {
    assertThat(render(board(FIVE.subList(0, 2), WARNING), 20, 2, false))
        .isEqualTo("1 Valdenoja       3'\n" + "2 Corbán         11'\n");
    assertThat(render(board(FIVE.subList(0, 1), WARNING), 20, 2, false))
        .isEqualTo("1 Valdenoja       3'\n" + "Desvío por obras en \n");
    assertThat(render(board(List.of(), WARNING), 20, 3, false))
        .isEqualTo(" ".repeat(20) + "\n" + " ".repeat(20) + "\n" + "Desvío por obras en \n");
  }

  @Test
  void onlyTheFirstAlertShows() {
    // The service orders alerts severe first; the renderer shows the first one.
    assertThat(render(board(FIVE.subList(0, 1), SEVERE, WARNING), 30, 3, false))
        .isEqualTo(
            "1 Valdenoja                 3'\n"
                + " ".repeat(30)
                + "\n"
                + "Parada suprimida por obras    \n");
  }

  @Test
  void asciiStripsAccentsAndReplacesTheRest() {
    List<BoardArrival> rows =
        List.of(row("2", "Corbán", 11), row("N1", "Castañeda – Ñoño", 4), row("3", "Playa 🏖", 5));
    assertThat(render(board(rows, WARNING), 24, 4, true))
        .isEqualTo(
            "2  Corban            11'\n"
                + "N1 Castaneda - Nono   4'\n"
                + "3  Playa ?            5'\n"
                + "Desvio por obras en Call\n");
  }

  @Test
  void asciiSpellsCommonSymbols() {
    assertThat(LedSignRenderer.clean("Avda. 1º de Mayo «Nª Sª» ß€", true))
        .isEqualTo("Avda. 1o de Mayo \"Na Sa\" ssEUR");
    assertThat(LedSignRenderer.clean("日本", true)).isEqualTo("??");
  }

  @Test
  void widthIsCountedInCodePoints() {
    String text = render(board(List.of(row("1", "Playa 🏖 Sardinero", 3))), 20, 1, false);
    assertThat(text).isEqualTo("1 Playa 🏖 Sardi   3'\n");
    assertThat(text.length()).isEqualTo(22); // 20 code points, one of them two chars, and \n
  }

  @Test
  void decomposedTextIsWrittenAsNfc() {
    String text = render(board(List.of(row("2", "Corba\u0301n", 11))), 13, 1, false);
    assertThat(text).isEqualTo("2 Corbán  11'\n");
  }

  @Test
  void controlCharactersBecomeSpaces() {
    assertThat(render(board(List.of(row("1", "Valde\nnoja\t", 3))), 16, 1, false))
        .isEqualTo("1 Valde noj   3'\n");
  }

  @Test
  void labelsArePaddedToTheLongestUpToFourAndNeverCut() {
    List<BoardArrival> rows = List.of(row("1", "Valdenoja", 3), row("LC-10", "Universidad", 12));
    assertThat(render(board(rows), 20, 2, false))
        .isEqualTo("1    Valdenoja    3'\n" + "LC-10 Universid  12'\n");
  }

  @Test
  void aLabelLongerThanTheRoomLeftIsCut() {
    assertThat(render(board(List.of(row("NOCTURNO", "Cueto", 7))), 12, 1, false))
        .isEqualTo("NOCTURN   7'\n");
  }

  @Test
  void minutesField() {
    assertThat(LedSignRenderer.minutes(0)).isEqualTo("  >>");
    assertThat(LedSignRenderer.minutes(3)).isEqualTo("  3'");
    assertThat(LedSignRenderer.minutes(12)).isEqualTo(" 12'");
    assertThat(LedSignRenderer.minutes(180)).isEqualTo("180'");
    assertThat(LedSignRenderer.minutes(999)).isEqualTo("999'");
    assertThat(LedSignRenderer.minutes(1000)).isEqualTo("999+");
  }

  @Test
  void everySizeInRangeHasTheRightShape() {
    List<BoardArrival> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(row(i % 3 == 0 ? "LC-10" : Integer.toString(i), "Destino número " + i, i * 9));
    }
    for (int cols = 12; cols <= 64; cols++) {
      for (int rows = 1; rows <= 16; rows++) {
        render(board(many, SEVERE), cols, rows, cols % 2 == 0);
        render(board(many.subList(0, rows / 2), WARNING), cols, rows, false);
      }
    }
  }

  @Test
  void sizesOutOfRangeAreRejected() {
    ArrivalBoard b = board(FIVE);
    assertThatThrownBy(() -> LedSignRenderer.render(b, 11, 4, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cols must be 12..64, was 11");
    assertThatThrownBy(() -> LedSignRenderer.render(b, 65, 4, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cols must be 12..64, was 65");
    assertThatThrownBy(() -> LedSignRenderer.validate(20, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows must be 1..16, was 0");
    assertThatThrownBy(() -> LedSignRenderer.validate(20, 17))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows must be 1..16, was 17");
    LedSignRenderer.validate(12, 1);
    LedSignRenderer.validate(64, 16);
  }
}
