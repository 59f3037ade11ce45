package org.vecino.core.reminders.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {
  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "si|CONFIRM",
        "SI|CONFIRM",
        "Sí|CONFIRM",
        "sÍ|CONFIRM",
        "¡Sí!|CONFIRM",
        "Sí, gracias|CONFIRM",
        "si alli estare|CONFIRM",
        "yes|CONFIRM",
        "Yes please|CONFIRM",
        "1|CONFIRM",
        "1.|CONFIRM",
        "anular|CANCEL",
        "ANULAR la cita|CANCEL",
        "no|CANCEL",
        "No puedo ir|CANCEL",
        "NO.|CANCEL",
        "2|CANCEL",
        "baja|STOP",
        "  baja.|STOP",
        "STOP|STOP",
        "Baja por favor, no quiero recibir mas mensajes|STOP",
        "alta|START",
        "Start|START",
        "ayuda|HELP",
        "¿Ayuda?|HELP",
        "help me|HELP",
        "cancel|UNKNOWN",
        "CANCEL|UNKNOWN",
        "sip|UNKNOWN",
        "nop|UNKNOWN",
        "12|UNKNOWN",
        "vale|UNKNOWN",
        "gracias, si|UNKNOWN",
        "...|UNKNOWN",
      })
  void firstWordDecides(String text, ReplyCommand expected) {
    assertThat(ReplyParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "  \t si \n",
        "Si\u00a0gracias",
        "si\ud83d\udc4d",
      })
  void spacesAndSymbols(String text) {
    assertThat(ReplyParser.parse(text)).isEqualTo(ReplyCommand.CONFIRM);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "No sé quién me escribe, ¿qué cita es esta?",
        "Si puedo iré, pero no lo sé",
        "1 2 3 4",
      })
  void aLongSentenceIsNotACommand(String text) {
    assertThat(ReplyParser.parse(text)).isEqualTo(ReplyCommand.UNKNOWN);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "!!"})
  void nothingToReadIsUnknown(String text) {
    assertThat(ReplyParser.parse(text)).isEqualTo(ReplyCommand.UNKNOWN);
  }
}
