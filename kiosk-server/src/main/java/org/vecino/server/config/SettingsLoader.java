package org.vecino.server.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.vecino.server.config.SettingValues.Raw;
import org.vecino.server.text.StrictUtf8;

/**
 * Builds {@link Settings} from an optional settings file and the environment.
 *
 * <p>The file holds one {@code KEY = value} per line, the keys being exactly the environment
 * variable names ({@code VECINO_HTTP_PORT = 7070}). Blank lines and lines starting with {@code #}
 * are ignored; a {@code #} later in a line is part of the value. Keys and values are trimmed; a
 * value wrapped in double quotes has them removed. The file is read as UTF-8. An empty value means
 * "not set" (the default applies), except where a setting documents a meaning for it. Environment
 * variables whose name starts with {@code VECINO_} override the file; other variables are ignored.
 * Relative paths resolve against the working directory.
 *
 * <p>Every problem is a {@link ConfigException} with one line naming the setting, what is wrong and
 * where the value came from; values of secret settings never appear in it. Stateless and
 * thread-safe.
 *
 * <p>The loader knows no setting by name: each group ({@link HttpSettings}, {@link MqttSettings},
 * ...) declares its settings ({@link Setting}: name, parser, default, secret, help) and reads its
 * record from the parsed values, checking the rules between its own settings. The loader reads the
 * file, lays the environment over it, refuses unknown names (with a "did you mean"), runs every
 * declared parser ({@link Settings#DECLARED}, in that order), lets each group read its record, and
 * checks the few rules between groups.
 */
public final class SettingsLoader {
  // The names of the settings, kept for callers; a new setting needs no constant here.
  public static final String HTTP_HOST = HttpSettings.HOST.key();
  public static final String HTTP_PORT = HttpSettings.PORT.key();
  public static final String DB = StorageSettings.DB.key();
  public static final String MQTT_URL = MqttSettings.URL.key();
  public static final String MQTT_PREFIX = MqttSettings.PREFIX.key();
  public static final String MQTT_CLIENT_ID = MqttSettings.CLIENT_ID.key();
  public static final String MQTT_USERNAME = MqttSettings.USERNAME.key();
  public static final String MQTT_PASSWORD = MqttSettings.PASSWORD.key();
  public static final String MQTT_EMBEDDED_PORT = MqttSettings.EMBEDDED_PORT.key();
  public static final String SIMULATOR = MqttSettings.SIMULATOR.key();
  public static final String GTFS = TransitSettings.GTFS.key();
  public static final String TIMEZONE = CitySettings.TIMEZONE.key();
  public static final String ADMIN_TOKEN = HttpSettings.ADMIN_TOKEN.key();
  public static final String TRANSIT_STALE_AFTER = TransitSettings.STALE_AFTER.key();
  public static final String MQTT_MAX_FUTURE = MqttSettings.MAX_FUTURE.key();
  public static final String MQTT_REJECTIONS_KEPT = MqttSettings.REJECTIONS_KEPT.key();
  public static final String PARKING_CATALOG = ParkingSettings.CATALOG.key();
  public static final String REMINDER_OFFSETS = ReminderSettings.OFFSETS.key();
  public static final String REMINDER_QUIET_HOURS = ReminderSettings.QUIET_HOURS.key();
  public static final String SMS_GATEWAY_URL = SmsGatewaySettings.URL.key();
  public static final String SMS_GATEWAY_TOKEN = SmsGatewaySettings.TOKEN.key();
  public static final String SMS_GATEWAY_SECRET = SmsGatewaySettings.SECRET.key();
  public static final String SCHEDULER_WEBHOOK_URL = ReminderSettings.WEBHOOK_URL.key();
  public static final String SCHEDULER_WEBHOOK_SECRET = ReminderSettings.WEBHOOK_SECRET.key();
  public static final String SMS_TEMPLATES = SmsTextSettings.TEMPLATES.key();
  public static final String SMS_FOLD_ACCENTS = SmsTextSettings.FOLD_ACCENTS.key();
  public static final String SMS_MAX_ATTEMPTS = SmsGatewaySettings.MAX_ATTEMPTS.key();
  public static final String OFFICE_CATALOG = OfficeSettings.CATALOG.key();
  public static final String KIOSK_OFFLINE_AFTER = OfficeSettings.KIOSK_OFFLINE_AFTER.key();
  public static final String OFFICE_MAX_BOOKINGS_PER_CITIZEN =
      OfficeSettings.MAX_BOOKINGS_PER_CITIZEN.key();
  public static final String SMS_ALLOWED_COUNTRIES = OfficeSettings.SMS_ALLOWED_COUNTRIES.key();
  public static final String REMINDER_RETENTION_DAYS = ReminderSettings.RETENTION_DAYS.key();

  /** Every setting name, in the order of {@link Settings#DECLARED}. */
  public static final List<String> KNOWN_KEYS =
      Settings.DECLARED.stream().map(Setting::key).toList();

  private static final String PREFIX = "VECINO_";
  private static final String ENV_ORIGIN = "from the environment";
  private static final Pattern KEY_SYNTAX = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private SettingsLoader() {}

  /**
   * Loads the settings, resolving relative paths against the process's working directory.
   *
   * @param configFileOrNull the settings file ({@code --config}), or null for none
   * @param env the environment, usually {@link System#getenv()}
   * @throws ConfigException for a missing, unknown or invalid setting, or an unreadable file
   */
  public static Settings load(Path configFileOrNull, Map<String, String> env) {
    return load(configFileOrNull, env, Path.of("").toAbsolutePath());
  }

  /**
   * Loads the settings, resolving relative paths (those of settings, not the file's own) against
   * {@code workingDir}.
   *
   * @throws ConfigException for a missing, unknown or invalid setting, or an unreadable file
   */
  public static Settings load(Path configFileOrNull, Map<String, String> env, Path workingDir) {
    Map<String, Raw> values = new HashMap<>();
    if (configFileOrNull != null) {
      values.putAll(readFile(configFileOrNull, workingDir));
    }
    new TreeMap<>(env)
        .forEach(
            (key, value) -> {
              if (key.startsWith(PREFIX)) {
                checkKnown(key, ENV_ORIGIN);
                values.put(key, new Raw(value == null ? "" : value.strip(), ENV_ORIGIN));
              }
            });
    SettingValues parsed =
        SettingValues.parse(Settings.DECLARED, values, workingDir.toAbsolutePath());
    Settings settings = Settings.read(parsed);
    checkAcrossGroups(settings, parsed);
    return settings;
  }

  /** The rules between settings of different groups (a group checks its own in its read). */
  private static void checkAcrossGroups(Settings s, SettingValues v) {
    if (s.embeddedBroker() && s.embeddedBrokerPort() == s.httpPort()) {
      throw v.fail(
          MqttSettings.EMBEDDED_PORT,
          "port " + s.httpPort() + " is also VECINO_HTTP_PORT's; give them different ports");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The file

  private static Map<String, Raw> readFile(Path file, Path workingDir) {
    Path resolved = workingDir.resolve(file);
    String name = file.toString();
    if (!Files.exists(resolved)) {
      throw new ConfigException("settings file " + name + ": does not exist (" + resolved + ")");
    }
    if (!Files.isRegularFile(resolved)) {
      throw new ConfigException("settings file " + name + ": is not a regular file");
    }
    String text;
    try {
      text = StrictUtf8.decode(Files.readAllBytes(resolved));
    } catch (CharacterCodingException e) {
      throw new ConfigException("settings file " + name + ": is not valid UTF-8");
    } catch (IOException e) {
      throw new ConfigException("settings file " + name + ": cannot be read (" + e + ")");
    }
    Map<String, Raw> values = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = name + " line " + lineNumber;
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ConfigException(where + ": expected KEY = value, found no \"=\"");
      }
      String key = line.substring(0, eq).strip();
      if (key.isEmpty()) {
        throw new ConfigException(where + ": a setting name is missing before \"=\"");
      }
      if (!KEY_SYNTAX.matcher(key).matches()) {
        throw new ConfigException(
            where + ": \"" + shorten(key) + "\" is not a setting name such as VECINO_HTTP_PORT");
      }
      String origin = "from " + where;
      checkKnown(key, origin);
      Integer previous = lineOf.put(key, lineNumber);
      if (previous != null) {
        throw new ConfigException(
            key + ": set twice in " + name + " (lines " + previous + " and " + lineNumber + ")");
      }
      values.put(key, new Raw(unquote(line.substring(eq + 1).strip()), origin));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static void checkKnown(String key, String origin) {
    if (KNOWN_KEYS.contains(key)) {
      return;
    }
    String suggestion = closestKnownKey(key);
    throw new ConfigException(
        key
            + ": unknown setting"
            + (suggestion == null ? "" : ", did you mean " + suggestion + "?")
            + " ("
            + origin
            + ")");
  }

  /** The known key within edit distance 2 of {@code key} (also tried upper-cased and prefixed). */
  static String closestKnownKey(String key) {
    String upper = key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    List<String> candidates =
        upper.startsWith(PREFIX) ? List.of(upper) : List.of(upper, PREFIX + upper);
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      for (String known : KNOWN_KEYS) {
        int d = editDistance(candidate, known);
        if (d < bestDistance) {
          bestDistance = d;
          best = known;
        }
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String shorten(String s) {
    return SettingValues.shorten(s);
  }
}
