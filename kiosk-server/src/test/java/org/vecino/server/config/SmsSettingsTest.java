package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code VECINO_SMS_TEMPLATES} and {@code VECINO_SMS_FOLD_ACCENTS} in {@link SettingsLoader}. */
class SmsSettingsTest {
  @TempDir Path dir;

  @BeforeEach
  void sampleGtfsFolder() throws IOException {
    Files.createDirectories(dir.resolve("config/gtfs"));
  }

  private Settings load(Map<String, String> env) {
    return SettingsLoader.load(null, env, dir);
  }

  @Test
  void defaults() {
    Settings s = load(Map.of());
    assertThat(s.smsTemplates()).isEqualTo(dir.resolve("config/sms-templates"));
    assertThat(s.smsFoldAccents()).isTrue();
  }

  @Test
  void fromTheEnvironment() throws IOException {
    Files.createDirectories(dir.resolve("texts"));
    Settings s = load(Map.of("VECINO_SMS_TEMPLATES", "texts/", "VECINO_SMS_FOLD_ACCENTS", "false"));
    assertThat(s.smsTemplates()).isEqualTo(dir.resolve("texts"));
    assertThat(s.smsFoldAccents()).isFalse();
  }

  @Test
  void fromTheFileWithTheEnvironmentWinning() throws IOException {
    Files.writeString(
        dir.resolve("vecino.conf"),
        "VECINO_SMS_TEMPLATES = /srv/vecino/sms\nVECINO_SMS_FOLD_ACCENTS = false\n",
        StandardCharsets.UTF_8);
    Settings s =
        SettingsLoader.load(Path.of("vecino.conf"), Map.of("VECINO_SMS_FOLD_ACCENTS", "true"), dir);
    assertThat(s.smsTemplates()).isEqualTo(Path.of("/srv/vecino/sms"));
    assertThat(s.smsFoldAccents()).isTrue();
  }

  @Test
  void foldAccentsMustBeTrueOrFalse() {
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_FOLD_ACCENTS", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "VECINO_SMS_FOLD_ACCENTS: must be true or false, got \"yes\" (from the environment)");
  }

  @Test
  void templatesMustBeAFolder() throws IOException {
    Files.writeString(dir.resolve("es.properties"), "x = y");
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_TEMPLATES", "es.properties")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VECINO_SMS_TEMPLATES: is a file, not the folder")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_TEMPLATES", "bad\0path")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VECINO_SMS_TEMPLATES: is not a valid path");
  }

  @Test
  void aTypoIsNamed() {
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_TEMPLATE", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("did you mean VECINO_SMS_TEMPLATES?");
  }
}
