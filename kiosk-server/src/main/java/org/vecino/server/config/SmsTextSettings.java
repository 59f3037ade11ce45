package org.vecino.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The texts of the SMS. Immutable.
 *
 * @param templates folder of the SMS template files {@code es.properties}, {@code en.properties}
 *     ({@code VECINO_SMS_TEMPLATES}, {@code config/sms-templates}); read and validated at start
 * @param foldAccents write accented letters GSM-7 lacks without accent when that saves an SMS
 *     segment ({@code VECINO_SMS_FOLD_ACCENTS}, true)
 */
public record SmsTextSettings(Path templates, boolean foldAccents) {
  public static final Setting<Path> TEMPLATES =
      Setting.of(
          "VECINO_SMS_TEMPLATES",
          "config/sms-templates",
          Parser.path()
              .check(
                  p -> !Files.exists(p) || Files.isDirectory(p),
                  p -> "is a file, not the folder of es.properties and en.properties: " + p),
          "folder of the SMS texts es.properties and en.properties, checked at start");
  public static final Setting<Boolean> FOLD_ACCENTS =
      Setting.of(
          "VECINO_SMS_FOLD_ACCENTS",
          "true",
          Parser.bool(),
          "write accented letters GSM-7 lacks without accent when that saves an SMS segment");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS = List.of(TEMPLATES, FOLD_ACCENTS);

  public SmsTextSettings {
    Objects.requireNonNull(templates, "templates");
  }

  static SmsTextSettings read(SettingValues v) {
    return new SmsTextSettings(v.get(TEMPLATES), v.get(FOLD_ACCENTS));
  }
}
