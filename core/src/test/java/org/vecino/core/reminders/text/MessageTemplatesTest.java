package org.vecino.core.reminders.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.ValidationException;

class MessageTemplatesTest {
  static final Map<String, String> VALUES =
      Map.of(
          "when", "martes 1 de diciembre a las 9:30",
          "place", "Centro de Salud Cazoña",
          "code", "483920",
          "requestId", "R-17",
          "service", "Farola rota");

  /** A complete, valid set: each text names its key and uses every placeholder it may. */
  static Map<Lang, Map<String, String>> valid() {
    Map<Lang, Map<String, String>> texts = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      Map<String, String> byKey = new HashMap<>();
      for (String key : MessageTemplates.KEYS) {
        StringBuilder t = new StringBuilder(lang.code() + " " + key);
        for (String p : new java.util.TreeSet<>(MessageTemplates.placeholders(key))) {
          t.append(" ").append(p).append("={").append(p).append("}");
        }
        byKey.put(key, t.toString());
      }
      texts.put(lang, byKey);
    }
    return texts;
  }

  static List<FieldError> errorsOf(Map<Lang, Map<String, String>> texts) {
    try {
      MessageTemplates.of(texts);
    } catch (ValidationException e) {
      return e.errors();
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void keysAreTheFixedTwelve() {
    assertThat(MessageTemplates.KEYS)
        .containsExactlyInAnyOrder(
            "reminder.medical",
            "reminder.municipal",
            "notice.moved",
            "notice.cancelledBySystem",
            "reply.confirmed",
            "reply.cancelled",
            "reply.stopped",
            "reply.started",
            "reply.help",
            "reply.noAppointment",
            "otp.code",
            "request.closed");
    assertThatThrownBy(() -> MessageTemplates.KEYS.add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(MessageTemplates.PLACEHOLDERS)
        .containsExactlyInAnyOrder("when", "place", "code", "requestId", "service");
  }

  @Test
  void rendersPlaceholdersInEachLanguage() {
    MessageTemplates t = MessageTemplates.of(valid());
    assertThat(t.render("reminder.medical", Lang.ES, VALUES))
        .isEqualTo(
            "es reminder.medical place=Centro de Salud Cazoña when=martes 1 de diciembre a las 9:30");
    assertThat(t.render("otp.code", Lang.EN, VALUES)).isEqualTo("en otp.code code=483920");
    assertThat(t.render("request.closed", Lang.EN, VALUES))
        .isEqualTo("en request.closed requestId=R-17 service=Farola rota");
    assertThat(t.render("reply.help", Lang.ES, Map.of())).isEqualTo("es reply.help");
  }

  @Test
  void aPlaceholderMayRepeatAndValuesAreInsertedLiterally() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.get(Lang.ES).put("reply.confirmed", "{when}{when} en {place}!");
    MessageTemplates t = MessageTemplates.of(texts);
    assertThat(t.render("reply.confirmed", Lang.ES, Map.of("when", "a{b}$1\\", "place", "X")))
        .isEqualTo("a{b}$1\\a{b}$1\\ en X!");
  }

  @Test
  void renderRejectsUnknownKeyAndMissingValue() {
    MessageTemplates t = MessageTemplates.of(valid());
    assertThatThrownBy(() -> t.render("reminder.dental", Lang.ES, VALUES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reminder.dental");
    assertThatThrownBy(() -> t.render("reminder.medical", Lang.EN, Map.of("when", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{place}")
        .hasMessageContaining("en.reminder.medical");
  }

  @Test
  void laterChangesToTheInputDoNotLeakIn() {
    Map<Lang, Map<String, String>> texts = valid();
    MessageTemplates t = MessageTemplates.of(texts);
    texts.get(Lang.ES).put("reply.help", "changed");
    assertThat(t.render("reply.help", Lang.ES, Map.of())).isEqualTo("es reply.help");
  }

  @Test
  void aMissingKeyIsNamedWithItsLanguage() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.get(Lang.EN).remove("reply.help");
    texts.get(Lang.ES).remove("otp.code");
    assertThat(errorsOf(texts))
        .containsExactly(
            new FieldError("es.otp.code", "missing"), new FieldError("en.reply.help", "missing"));
  }

  @Test
  void aMissingLanguageOrBlankText() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.remove(Lang.EN);
    texts.get(Lang.ES).put("reply.started", "  ");
    assertThat(errorsOf(texts))
        .containsExactly(
            new FieldError("es.reply.started", "must not be blank"),
            new FieldError("en", "language missing"));
  }

  @Test
  void anUnknownKeyIsReported() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.get(Lang.ES).put("reminder.medicl", "typo");
    assertThat(errorsOf(texts))
        .containsExactly(new FieldError("es.reminder.medicl", "unknown key"));
  }

  @Test
  void anUnknownPlaceholder() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.get(Lang.EN).put("reminder.municipal", "On {when} at {plaec}");
    assertThat(errorsOf(texts))
        .containsExactly(new FieldError("en.reminder.municipal", "unknown placeholder {plaec}"));
  }

  @Test
  void aPlaceholderTheKeyDoesNotTake() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.get(Lang.ES).put("reply.help", "Su código {code}");
    texts.get(Lang.EN).put("otp.code", "{code} for {place}");
    assertThat(errorsOf(texts))
        .containsExactly(
            new FieldError(
                "es.reply.help", "placeholder {code} cannot be used in reply.help (it takes none)"),
            new FieldError(
                "en.otp.code", "placeholder {place} cannot be used in otp.code (it takes code)"));
  }

  @Test
  void aRequiredPlaceholderAbsent() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.get(Lang.ES).put("otp.code", "Su código es secreto");
    texts.get(Lang.EN).put("reminder.medical", "You have an appointment at {place}");
    assertThat(errorsOf(texts))
        .containsExactly(
            new FieldError("es.otp.code", "must contain {code}"),
            new FieldError("en.reminder.medical", "must contain {when}"));
    assertThat(MessageTemplates.requiredPlaceholders("reply.help")).isEmpty();
    assertThat(MessageTemplates.requiredPlaceholders("request.closed"))
        .containsExactly("requestId");
  }

  @Test
  void unbalancedBraces() {
    Map<Lang, Map<String, String>> texts = valid();
    texts.get(Lang.ES).put("reminder.medical", "Cita el {when en {place}");
    texts.get(Lang.ES).put("reminder.municipal", "Cita el {when} en place}");
    texts.get(Lang.EN).put("notice.moved", "Now {when}, at {place");
    texts.get(Lang.EN).put("reply.help", "Reply {}");
    assertThat(errorsOf(texts))
        .containsExactly(
            new FieldError("es.reminder.medical", "unbalanced '{' at position 9"),
            new FieldError("es.reminder.municipal", "unbalanced '}' at position 24"),
            new FieldError("en.notice.moved", "unbalanced '{' at position 16"),
            new FieldError("en.reply.help", "unknown placeholder {}"));
  }

  @Test
  void placeholdersOfAnUnknownKey() {
    assertThatThrownBy(() -> MessageTemplates.placeholders("nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(MessageTemplates.placeholders("reply.cancelled")).containsOnly("when", "place");
  }
}
