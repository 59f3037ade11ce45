package org.vecino.server.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed value of every declared setting, with where each came from: what a settings group
 * reads its record from, and how it reports a rule across its settings ({@link #fail}). Built by
 * {@link SettingsLoader}, which runs every parser first. Immutable once built; confined to the
 * loading thread.
 */
public final class SettingValues {
  static final String DEFAULT_ORIGIN = "default value";
  private static final int MAX_SHOWN_VALUE = 80;

  /** A value as written, and where: {@code from the environment}, {@code from x.conf line 3}. */
  record Raw(String value, String origin) {
    boolean isSet() {
      return !value.isEmpty();
    }
  }

  private final Map<String, Raw> written;
  private final Map<Setting<?>, Object> parsed = new HashMap<>();
  private final Set<Setting<?>> declared;

  private SettingValues(Map<String, Raw> written, List<Setting<?>> declared) {
    this.written = Map.copyOf(written);
    this.declared = Set.copyOf(declared);
  }

  /**
   * Runs the parser of each of {@code declared}, in order, on its written value (or its default).
   *
   * @throws ConfigException naming the first setting whose value is not allowed
   */
  static SettingValues parse(List<Setting<?>> declared, Map<String, Raw> written, Path workingDir) {
    SettingValues values = new SettingValues(written, declared);
    for (Setting<?> setting : declared) {
      Raw raw = values.given(setting);
      if (raw == null && setting.defaultValue() != null) {
        raw = new Raw(setting.defaultValue(), DEFAULT_ORIGIN);
      }
      Object value = null;
      if (raw != null) {
        try {
          value = setting.parser().parse(raw.value(), workingDir);
        } catch (Parser.Invalid e) {
          throw fail(setting, raw, e.getMessage());
        }
      }
      values.parsed.put(setting, value);
    }
    return values;
  }

  /** The value of {@code setting}: written, else its default, else null. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    if (!declared.contains(setting)) {
      throw new IllegalArgumentException(setting.key() + " is not declared in a settings group");
    }
    return (T) parsed.get(setting);
  }

  /** Whether {@code setting} was given a value (not left to its default). */
  public boolean isSet(Setting<?> setting) {
    return given(setting) != null;
  }

  /**
   * A rule across settings broken: {@code "KEY: problem, got "value" (where)"}, the value shown
   * only when it was given and is not secret.
   */
  public ConfigException fail(Setting<?> setting, String problem) {
    Raw raw = given(setting);
    return fail(setting, raw != null ? raw : new Raw("", DEFAULT_ORIGIN), problem);
  }

  private Raw given(Setting<?> setting) {
    Raw raw = written.get(setting.key());
    if (raw == null || !(raw.isSet() || setting.emptyIsAValue())) {
      return null;
    }
    return raw;
  }

  private static ConfigException fail(Setting<?> setting, Raw raw, String problem) {
    StringBuilder message = new StringBuilder(setting.key()).append(": ").append(problem);
    if (raw.isSet() && !setting.secret() && mayShow(raw.value())) {
      message.append(", got \"").append(shorten(raw.value())).append('"');
    }
    message.append(" (").append(raw.origin()).append(')');
    return new ConfigException(message.toString());
  }

  /** A value that may embed credentials (a URL with a user or a query) is not shown. */
  private static boolean mayShow(String value) {
    return !(value.contains("://") && (value.contains("@") || value.contains("?")));
  }

  /**
   * {@code s} cut to 80 characters, control characters as {@code ?}: safe in a one-line message.
   */
  static String shorten(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < MAX_SHOWN_VALUE; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > MAX_SHOWN_VALUE ? out + "..." : out.toString();
  }
}
