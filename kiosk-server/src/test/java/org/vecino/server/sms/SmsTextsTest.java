package org.vecino.server.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.kernel.Lang;
import org.vecino.core.reminders.sms.SmsAnalyzer;
import org.vecino.core.reminders.sms.SmsCost;
import org.vecino.core.reminders.sms.SmsEncoding;
import org.vecino.core.reminders.text.AppointmentDateFormat;
import org.vecino.core.reminders.text.MessageTemplates;
import org.vecino.core.reminders.text.ReplyCommand;
import org.vecino.core.reminders.text.ReplyParser;
import org.vecino.server.StartupException;
import org.vecino.server.testing.Repo;

/** The shipped SMS template files, and the errors a broken one gives at start. */
class SmsTextsTest {
  @TempDir Path dir;

  @BeforeEach
  void copyShippedFiles() throws IOException {
    for (Lang lang : Lang.values()) {
      Files.copy(
          Repo.smsTemplates().resolve(SmsTexts.fileName(lang)),
          dir.resolve(SmsTexts.fileName(lang)));
    }
  }

  /** The longest values a real message may carry: a long weekday and month, a long place. */
  static Map<String, String> longValues(Lang lang) {
    ZonedValues v = new ZonedValues();
    Map<String, String> m = new HashMap<>();
    m.put(
        "when",
        AppointmentDateFormat.format(
            LocalDateTime.parse("2026-09-30T12:45").atZone(ZoneId.of("Europe/Madrid")), lang));
    m.put("place", v.place);
    m.put("code", "483920");
    m.put("requestId", "2026-000123");
    m.put("service", "Farola apagada");
    return m;
  }

  static final class ZonedValues {
    final String place = "Centro de Salud José María Morante (Cazoña)";
  }

  @Test
  void theShippedTextsLoadAndFitTwoGsmSegments() {
    SmsTexts texts = SmsTexts.load(Repo.smsTemplates(), true);
    for (Lang lang : Lang.values()) {
      for (String key : MessageTemplates.KEYS) {
        String sms = texts.render(key, lang, longValues(lang));
        SmsCost cost = SmsAnalyzer.analyze(sms);
        assertThat(cost.segments()).as("%s %s: %s", lang, key, sms).isLessThanOrEqualTo(2);
        if (cost.encoding() == SmsEncoding.UCS_2) {
          // only a short text keeps an accent GSM-7 lacks: folding it would save nothing
          assertThat(cost.segments()).as("%s %s: %s", lang, key, sms).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void theShippedTextsTellHowToReplyAndHowToUndoACancellation() {
    MessageTemplates t = SmsTexts.load(Repo.smsTemplates(), false).templates();
    Map<String, String> es = longValues(Lang.ES);
    Map<String, String> en = longValues(Lang.EN);
    for (String key : new String[] {"reminder.medical", "reminder.municipal"}) {
      assertThat(t.render(key, Lang.ES, es)).contains("SI", "ANULAR", "BAJA", es.get("when"));
      assertThat(t.render(key, Lang.EN, en)).contains("YES", "NO", "STOP", en.get("when"));
    }
    assertThat(t.render("reply.cancelled", Lang.ES, es)).contains("responda SI");
    assertThat(t.render("reply.cancelled", Lang.EN, en)).contains("reply YES");
    // the words the texts ask for are the ones the parser reads
    assertThat(ReplyParser.parse("SI")).isEqualTo(ReplyCommand.CONFIRM);
    assertThat(ReplyParser.parse("ALTA")).isEqualTo(ReplyCommand.START);
    assertThat(t.render("otp.code", Lang.ES, es)).contains("483920");
  }

  @Test
  void foldingIsOnlyWhereItSavesASegmentAndCanBeTurnedOff() {
    Map<String, String> values = longValues(Lang.ES);
    SmsTexts folding = SmsTexts.load(Repo.smsTemplates(), true);
    SmsTexts exact = SmsTexts.load(Repo.smsTemplates(), false);
    assertThat(folding.foldAccents()).isTrue();
    assertThat(exact.foldAccents()).isFalse();
    String raw = exact.render("reminder.medical", Lang.ES, values);
    String folded = folding.render("reminder.medical", Lang.ES, values);
    // "José María": í is not GSM-7 -> UCS-2, 3 parts; folded it is GSM-7, 1-2 parts
    assertThat(raw).contains("María");
    assertThat(SmsAnalyzer.analyze(raw).encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(folded).contains("Maria", "José", "médica");
    assertThat(SmsAnalyzer.analyze(folded).segments())
        .isLessThan(SmsAnalyzer.analyze(raw).segments());
    // a text already GSM-7 is untouched
    assertThat(folding.render("reply.stopped", Lang.EN, Map.of()))
        .isEqualTo(exact.render("reply.stopped", Lang.EN, Map.of()));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path folder) {
    return assertThatThrownBy(() -> SmsTexts.load(folder, true))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("VECINO_SMS_TEMPLATES: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private void edit(String file, String from, String to) throws IOException {
    Path p = dir.resolve(file);
    String text = Files.readString(p, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
  }

  @Test
  void theCopyLoads() {
    assertThat(SmsTexts.load(dir, true).templates()).isNotNull();
  }

  @Test
  void aMissingFolder() {
    assertFails(dir.resolve("nope")).hasMessageContaining("folder").hasMessageContaining("nope");
  }

  @Test
  void aMissingFile() throws IOException {
    Files.delete(dir.resolve("en.properties"));
    assertFails(dir).hasMessageContaining("en.properties does not exist");
  }

  @Test
  void notUtf8() throws IOException {
    Files.write(
        dir.resolve("es.properties"),
        "reply.help = Ayuda: responda S\u00cd".getBytes(StandardCharsets.ISO_8859_1));
    assertFails(dir).hasMessageContaining("es.properties is not valid UTF-8");
  }

  @Test
  void aMissingKey() throws IOException {
    edit("en.properties", "reply.help =", "# reply.help =");
    assertFails(dir).hasMessageEndingWith(": en.properties reply.help: missing");
  }

  @Test
  void anUnknownKeyAndAnUnknownPlaceholder() throws IOException {
    edit("es.properties", "otp.code = Su código de Vecino es {code}", "otp.code = Código {cdoe}");
    edit("es.properties", "request.closed =", "request.closd = x\nrequest.closed =");
    assertFails(dir)
        .hasMessageContaining("es.properties otp.code: unknown placeholder {cdoe}")
        .hasMessageContaining("es.properties request.closd: unknown key");
  }

  @Test
  void anUnbalancedBrace() throws IOException {
    edit(
        "en.properties",
        "on {when} at {place}. Reply YES to confirm, NO",
        "on {when at {place}. Reply YES to confirm, NO");
    assertFails(dir).hasMessageContaining("en.properties reminder.medical: unbalanced '{'");
  }

  @Test
  void aKeyGivenTwice() throws IOException {
    edit("en.properties", "reply.help =", "reply.started = again\nreply.help =");
    assertFails(dir).hasMessageContaining("en.properties: reply.started is given twice");
  }

  @Test
  void aMalformedEscape() throws IOException {
    edit("en.properties", "reply.help = ", "reply.help = \\u12G4 ");
    assertFails(dir).hasMessageContaining("en.properties: cannot be read");
  }

  @Test
  void aPlaceholderItsKeyDoesNotTake() throws IOException {
    edit("es.properties", "No lo comparta con nadie.", "No lo comparta. {place}");
    assertFails(dir)
        .hasMessageContaining(
            "es.properties otp.code: placeholder {place} cannot be used in otp.code");
  }
}
