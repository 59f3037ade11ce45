package org.vecino.server.sms;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.sms.SmsAnalyzer;
import org.vecino.core.reminders.text.MessageTemplates;
import org.vecino.server.StartupException;
import org.vecino.server.config.SettingsLoader;
import org.vecino.server.text.StrictUtf8;

/**
 * The SMS texts of a running Vecino: the {@link MessageTemplates} read from the staff-editable
 * files {@code <folder>/<lang>.properties} (UTF-8, {@code es.properties} and {@code
 * en.properties}), and whether rendered texts are folded to GSM-7 ({@code
 * VECINO_SMS_FOLD_ACCENTS}). Immutable and thread-safe.
 */
public final class SmsTexts {
  private final MessageTemplates templates;
  private final boolean foldAccents;

  public SmsTexts(MessageTemplates templates, boolean foldAccents) {
    this.templates = Objects.requireNonNull(templates, "templates");
    this.foldAccents = foldAccents;
  }

  /**
   * Reads and validates the template files of {@code folder}.
   *
   * @throws StartupException with one line starting {@code VECINO_SMS_TEMPLATES:} naming the file,
   *     key and problem: folder or file missing, unreadable, not UTF-8, a key given twice, a key
   *     missing or unknown, a placeholder unknown or not allowed for its key, a brace unbalanced
   */
  public static SmsTexts load(Path folder, boolean foldAccents) {
    Objects.requireNonNull(folder, "folder");
    if (!Files.isDirectory(folder)) {
      throw failure("folder " + folder + " does not exist", null);
    }
    Map<Lang, Map<String, String>> texts = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      texts.put(lang, readFile(folder.resolve(fileName(lang))));
    }
    try {
      return new SmsTexts(MessageTemplates.of(texts), foldAccents);
    } catch (ValidationException e) {
      List<String> problems = new ArrayList<>();
      for (FieldError error : e.errors()) {
        problems.add(describe(error));
      }
      throw failure(folder + ": " + String.join("; ", problems), e);
    }
  }

  /** The file holding {@code lang}'s texts: {@code es.properties}, {@code en.properties}. */
  public static String fileName(Lang lang) {
    return lang.code() + ".properties";
  }

  /** The templates as loaded. */
  public MessageTemplates templates() {
    return templates;
  }

  /** Whether {@link #render} folds accents GSM-7 lacks when that saves a segment. */
  public boolean foldAccents() {
    return foldAccents;
  }

  /**
   * The SMS text of {@code key} in {@code lang} ({@link MessageTemplates#render}), passed through
   * {@link SmsAnalyzer#fitToGsm} when {@link #foldAccents()}.
   *
   * @throws IllegalArgumentException on an unknown key or a placeholder with no value
   */
  public String render(String key, Lang lang, Map<String, String> values) {
    String text = templates.render(key, lang, values);
    return foldAccents ? SmsAnalyzer.fitToGsm(text) : text;
  }

  /** "es.reply.help" → "es.properties reply.help: missing". */
  private static String describe(FieldError error) {
    String field = error.field();
    int dot = field.indexOf('.');
    if (dot < 0) {
      return field + ": " + error.message();
    }
    return field.substring(0, dot)
        + ".properties "
        + field.substring(dot + 1)
        + ": "
        + error.message();
  }

  private static Map<String, String> readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw failure("file " + file + " does not exist", null);
    }
    String text;
    try {
      text = StrictUtf8.decode(Files.readAllBytes(file));
    } catch (CharacterCodingException e) {
      throw failure("file " + file + " is not valid UTF-8", e);
    } catch (IOException e) {
      throw failure("file " + file + " cannot be read (" + e.getMessage() + ")", e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    Properties reader =
        new Properties() {
          private static final long serialVersionUID = 1L;

          @Override
          public synchronized Object put(Object key, Object value) {
            if (values.putIfAbsent((String) key, ((String) value).strip()) != null) {
              throw new DuplicateKey((String) key);
            }
            return null;
          }
        };
    try {
      reader.load(new StringReader(text));
    } catch (DuplicateKey e) {
      throw failure(file + ": " + e.getMessage() + " is given twice", e);
    } catch (IllegalArgumentException e) {
      throw failure(file + ": cannot be read (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw failure("file " + file + " cannot be read (" + e.getMessage() + ")", e);
    }
    return values;
  }

  private static StartupException failure(String problem, Throwable cause) {
    return new StartupException(SettingsLoader.SMS_TEMPLATES + ": " + problem, cause);
  }

  private static final class DuplicateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateKey(String key) {
      super(key, null, false, false);
    }
  }
}
