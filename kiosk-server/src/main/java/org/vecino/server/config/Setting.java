package org.vecino.server.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The declaration of one setting: its name (the {@code VECINO_*} variable, also the key in the
 * settings file), how its text is parsed, its default, whether it is secret, and one line of help.
 * Each settings group ({@link HttpSettings}, {@link MqttSettings}, ...) declares its own as
 * constants and lists them in its {@code SETTINGS}; {@link SettingsLoader} knows no setting by
 * name. Immutable and thread-safe.
 *
 * @param key the name, {@code VECINO_} and upper-case words: {@code VECINO_HTTP_PORT}
 * @param parser reads a value; its {@link Parser#allowed()} says which values are allowed
 * @param defaultValue the default as it would be written in the file (parsed like a written value,
 *     and checked the same way), or null when unset means "none" or a computed default
 * @param secret the value never appears in a message or a {@code toString}
 * @param emptyIsAValue an empty value is given to the parser (it means something, such as "no quiet
 *     hours") instead of meaning "not set"
 * @param help what the setting does, in one line
 * @param <T> the type of the value
 */
public record Setting<T>(
    String key,
    Parser<T> parser,
    String defaultValue,
    boolean secret,
    boolean emptyIsAValue,
    String help) {
  private static final Pattern KEY = Pattern.compile("VECINO_[A-Z0-9]+(_[A-Z0-9]+)*");

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(help, "help");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a setting name: " + key);
    }
    if (help.isBlank() || help.contains("\n")) {
      throw new IllegalArgumentException(key + ": the help must be one line");
    }
    if (secret && defaultValue != null) {
      throw new IllegalArgumentException(key + ": a secret has no default");
    }
  }

  /** A setting; {@code defaultValue} null when it has none (or a computed one). */
  public static <T> Setting<T> of(String key, String defaultValue, Parser<T> parser, String help) {
    return new Setting<>(key, parser, defaultValue, false, false, help);
  }

  /** A secret setting (no default). */
  public static <T> Setting<T> secret(String key, Parser<T> parser, String help) {
    return new Setting<>(key, parser, null, true, false, help);
  }

  /** This setting, an empty value given to its parser instead of meaning "not set". */
  public Setting<T> acceptingEmpty() {
    return new Setting<>(key, parser, defaultValue, secret, true, help);
  }

  /** The allowed values in a few words ({@code 0..65535}). */
  public String allowed() {
    return parser.allowed();
  }

  @Override
  public String toString() {
    return key;
  }
}
