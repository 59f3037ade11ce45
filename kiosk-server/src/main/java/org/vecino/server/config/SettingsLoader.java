package org.vecino.server.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.core.reminders.QuietHours;
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
 */
public final class SettingsLoader {
  public static final String HTTP_HOST = "VECINO_HTTP_HOST";
  public static final String HTTP_PORT = "VECINO_HTTP_PORT";
  public static final String DB = "VECINO_DB";
  public static final String MQTT_URL = "VECINO_MQTT_URL";
  public static final String MQTT_PREFIX = "VECINO_MQTT_PREFIX";
  public static final String MQTT_CLIENT_ID = "VECINO_MQTT_CLIENT_ID";
  public static final String MQTT_USERNAME = "VECINO_MQTT_USERNAME";
  public static final String MQTT_PASSWORD = "VECINO_MQTT_PASSWORD";
  public static final String MQTT_EMBEDDED_PORT = "VECINO_MQTT_EMBEDDED_PORT";
  public static final String SIMULATOR = "VECINO_SIMULATOR";
  public static final String GTFS = "VECINO_GTFS";
  public static final String TIMEZONE = "VECINO_TIMEZONE";
  public static final String ADMIN_TOKEN = "VECINO_ADMIN_TOKEN";
  public static final String TRANSIT_STALE_AFTER = "VECINO_TRANSIT_STALE_AFTER";
  public static final String MQTT_MAX_FUTURE = "VECINO_MQTT_MAX_FUTURE";
  public static final String MQTT_REJECTIONS_KEPT = "VECINO_MQTT_REJECTIONS_KEPT";
  public static final String PARKING_CATALOG = "VECINO_PARKING_CATALOG";
  public static final String REMINDER_OFFSETS = "VECINO_REMINDER_OFFSETS";
  public static final String REMINDER_QUIET_HOURS = "VECINO_REMINDER_QUIET_HOURS";
  public static final String SMS_GATEWAY_URL = "VECINO_SMS_GATEWAY_URL";
  public static final String SMS_GATEWAY_TOKEN = "VECINO_SMS_GATEWAY_TOKEN";
  public static final String SMS_GATEWAY_SECRET = "VECINO_SMS_GATEWAY_SECRET";
  public static final String SCHEDULER_WEBHOOK_URL = "VECINO_SCHEDULER_WEBHOOK_URL";
  public static final String SCHEDULER_WEBHOOK_SECRET = "VECINO_SCHEDULER_WEBHOOK_SECRET";
  public static final String SMS_TEMPLATES = "VECINO_SMS_TEMPLATES";
  public static final String SMS_FOLD_ACCENTS = "VECINO_SMS_FOLD_ACCENTS";
  public static final String SMS_MAX_ATTEMPTS = "VECINO_SMS_MAX_ATTEMPTS";
  public static final String OFFICE_CATALOG = "VECINO_OFFICE_CATALOG";
  public static final String KIOSK_OFFLINE_AFTER = "VECINO_KIOSK_OFFLINE_AFTER";
  public static final String OFFICE_MAX_BOOKINGS_PER_CITIZEN =
      "VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN";
  public static final String SMS_ALLOWED_COUNTRIES = "VECINO_SMS_ALLOWED_COUNTRIES";
  public static final String REMINDER_RETENTION_DAYS = "VECINO_REMINDER_RETENTION_DAYS";

  /** Every setting name, in the order of the documentation. */
  public static final List<String> KNOWN_KEYS =
      List.of(
          HTTP_HOST,
          HTTP_PORT,
          DB,
          MQTT_URL,
          MQTT_PREFIX,
          MQTT_CLIENT_ID,
          MQTT_USERNAME,
          MQTT_PASSWORD,
          MQTT_EMBEDDED_PORT,
          SIMULATOR,
          GTFS,
          TIMEZONE,
          ADMIN_TOKEN,
          TRANSIT_STALE_AFTER,
          MQTT_MAX_FUTURE,
          MQTT_REJECTIONS_KEPT,
          PARKING_CATALOG,
          REMINDER_OFFSETS,
          REMINDER_QUIET_HOURS,
          SMS_GATEWAY_URL,
          SMS_GATEWAY_TOKEN,
          SMS_GATEWAY_SECRET,
          SCHEDULER_WEBHOOK_URL,
          SCHEDULER_WEBHOOK_SECRET,
          SMS_TEMPLATES,
          SMS_FOLD_ACCENTS,
          SMS_MAX_ATTEMPTS,
          OFFICE_CATALOG,
          KIOSK_OFFLINE_AFTER,
          OFFICE_MAX_BOOKINGS_PER_CITIZEN,
          SMS_ALLOWED_COUNTRIES,
          REMINDER_RETENTION_DAYS);

  /** Settings whose values are never shown in a message. */
  private static final Set<String> SECRET_KEYS =
      Set.of(
          MQTT_PASSWORD,
          ADMIN_TOKEN,
          SMS_GATEWAY_TOKEN,
          SMS_GATEWAY_SECRET,
          SCHEDULER_WEBHOOK_SECRET);

  private static final String PREFIX = "VECINO_";
  private static final String DEFAULT_ORIGIN = "default value";
  private static final String ENV_ORIGIN = "from the environment";
  private static final Pattern KEY_SYNTAX = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,10}");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%\\[\\]-]+");
  private static final int MIN_ADMIN_TOKEN_LENGTH = 16;
  private static final int MAX_SHOWN_VALUE = 80;

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
    return new Builder(values, workingDir.toAbsolutePath()).build();
  }

  // ---------------------------------------------------------------------------------------------
  // The file

  private record Raw(String value, String origin) {
    boolean isSet() {
      return !value.isEmpty();
    }
  }

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
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < MAX_SHOWN_VALUE; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > MAX_SHOWN_VALUE ? out + "..." : out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The values

  private static final class Builder {
    private final Map<String, Raw> values;
    private final Path workingDir;

    Builder(Map<String, Raw> values, Path workingDir) {
      this.values = values;
      this.workingDir = workingDir;
    }

    Settings build() {
      String httpHost = host();
      int httpPort = integer(HTTP_PORT, 7070, 0, 65535);
      Path db = databaseFile();
      String mqttUrl = mqttUrl();
      String mqttPrefix = mqttPrefix();
      String mqttClientId = clientId();
      String mqttUsername = optional(MQTT_USERNAME);
      String mqttPassword = optional(MQTT_PASSWORD);
      if (mqttPassword != null && mqttUsername == null) {
        throw fail(MQTT_PASSWORD, raw(MQTT_PASSWORD), "is set but VECINO_MQTT_USERNAME is not");
      }
      int embeddedPort = integer(MQTT_EMBEDDED_PORT, 1883, 1, 65535);
      if (mqttUrl == null && embeddedPort == httpPort) {
        throw fail(
            MQTT_EMBEDDED_PORT,
            rawOrDefault(MQTT_EMBEDDED_PORT),
            "port " + httpPort + " is also VECINO_HTTP_PORT's; give them different ports");
      }
      boolean simulator = bool(SIMULATOR, mqttUrl == null);
      Path gtfs = gtfs();
      ZoneId timezone = timezone();
      String adminToken = adminToken();
      Duration staleAfter =
          duration(TRANSIT_STALE_AFTER, Duration.ofSeconds(90), Duration.ofSeconds(10), hour());
      Duration maxFuture = duration(MQTT_MAX_FUTURE, Duration.ofMinutes(5), Duration.ZERO, hour());
      int rejectionsKept = integer(MQTT_REJECTIONS_KEPT, 1000, 10, 100_000);
      return new Settings(
          httpHost,
          httpPort,
          db,
          mqttUrl,
          mqttPrefix,
          mqttClientId,
          mqttUsername,
          mqttPassword,
          embeddedPort,
          simulator,
          gtfs,
          timezone,
          adminToken,
          staleAfter,
          maxFuture,
          rejectionsKept,
          parkingCatalog(),
          smsTemplates(),
          bool(SMS_FOLD_ACCENTS, true),
          smsGateway(),
          office(),
          reminders());
    }

    private static Duration hour() {
      return Duration.ofHours(1);
    }

    // --- generic readers

    private Raw raw(String key) {
      Raw r = values.get(key);
      return r != null && r.isSet() ? r : null;
    }

    private Raw rawOrDefault(String key) {
      Raw r = raw(key);
      return r != null ? r : new Raw("", DEFAULT_ORIGIN);
    }

    private String optional(String key) {
      Raw r = raw(key);
      return r == null ? null : r.value();
    }

    private ConfigException fail(String key, Raw raw, String problem) {
      StringBuilder message = new StringBuilder(key).append(": ").append(problem);
      if (raw.isSet() && !SECRET_KEYS.contains(key) && mayShow(raw.value())) {
        message.append(", got \"").append(shorten(raw.value())).append('"');
      }
      message.append(" (").append(raw.origin()).append(')');
      return new ConfigException(message.toString());
    }

    /** A value that may embed credentials (a URL with a user or a query) is not shown. */
    private static boolean mayShow(String value) {
      return !(value.contains("://") && (value.contains("@") || value.contains("?")));
    }

    private int integer(String key, int defaultValue, int min, int max) {
      Raw r = raw(key);
      if (r == null) {
        return defaultValue;
      }
      String problem = "must be a number " + min + ".." + max;
      if (!INTEGER.matcher(r.value()).matches()) {
        throw fail(key, r, problem);
      }
      long n = Long.parseLong(r.value());
      if (n < min || n > max) {
        throw fail(key, r, problem);
      }
      return (int) n;
    }

    private boolean bool(String key, boolean defaultValue) {
      Raw r = raw(key);
      if (r == null) {
        return defaultValue;
      }
      return switch (r.value()) {
        case "true" -> true;
        case "false" -> false;
        default -> throw fail(key, r, "must be true or false");
      };
    }

    private Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
      Raw r = raw(key);
      if (r == null) {
        return defaultValue;
      }
      Duration d;
      try {
        d = DurationParser.parse(r.value());
      } catch (IllegalArgumentException e) {
        throw fail(key, r, "must be a duration such as 90s, 5m or 1h (" + e.getMessage() + ")");
      }
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw fail(
            key,
            r,
            "must be between " + DurationParser.format(min) + " and " + DurationParser.format(max));
      }
      return d;
    }

    private Path path(String key, Raw r) {
      try {
        return workingDir.resolve(Path.of(r.value())).normalize();
      } catch (InvalidPathException e) {
        throw fail(key, r, "is not a valid path");
      }
    }

    // --- the settings

    private String host() {
      Raw r = raw(HTTP_HOST);
      if (r == null) {
        return "0.0.0.0";
      }
      if (!HOST.matcher(r.value()).matches()) {
        throw fail(HTTP_HOST, r, "must be a host name or IP address, e.g. 0.0.0.0 or 127.0.0.1");
      }
      return r.value();
    }

    private Path databaseFile() {
      Raw r = raw(DB);
      Raw used = r != null ? r : new Raw("data/vecino.db", DEFAULT_ORIGIN);
      Path p = path(DB, used);
      if (Files.isDirectory(p)) {
        throw fail(DB, used, "is a folder, not a database file: " + p);
      }
      return p;
    }

    private String mqttUrl() {
      Raw r = raw(MQTT_URL);
      if (r == null) {
        return null;
      }
      String expected = "must be tcp://host:port or ssl://host:port";
      URI uri;
      try {
        uri = new URI(r.value());
      } catch (URISyntaxException e) {
        throw fail(MQTT_URL, r, expected);
      }
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme == null) {
        throw fail(MQTT_URL, r, expected);
      }
      if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
        throw fail(MQTT_URL, r, scheme + ":// is not supported; " + expected + " (ssl:// for TLS)");
      }
      if (uri.getRawUserInfo() != null) {
        throw fail(
            MQTT_URL,
            r,
            "must not contain a user or password; use VECINO_MQTT_USERNAME and"
                + " VECINO_MQTT_PASSWORD");
      }
      if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
        throw fail(MQTT_URL, r, expected + " with a port 1..65535, e.g. tcp://127.0.0.1:1883");
      }
      String path = uri.getRawPath();
      if ((path != null && !path.isEmpty() && !path.equals("/"))
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw fail(MQTT_URL, r, expected + ", nothing after the port");
      }
      return scheme + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private String mqttPrefix() {
      Raw r = raw(MQTT_PREFIX);
      if (r == null) {
        return "city";
      }
      String p = r.value();
      if (p.contains("#") || p.contains("+")) {
        throw fail(MQTT_PREFIX, r, "must not contain the wildcards # or +");
      }
      if (p.startsWith("/") || p.endsWith("/")) {
        throw fail(MQTT_PREFIX, r, "must not start or end with /");
      }
      if (p.contains("//")) {
        throw fail(MQTT_PREFIX, r, "must not contain an empty level (//)");
      }
      if (p.chars().anyMatch(Character::isISOControl)) {
        throw fail(MQTT_PREFIX, r, "must not contain control characters");
      }
      return p;
    }

    private String clientId() {
      Raw r = raw(MQTT_CLIENT_ID);
      if (r == null) {
        return "vecino-kiosk";
      }
      if (!CLIENT_ID.matcher(r.value()).matches()) {
        throw fail(MQTT_CLIENT_ID, r, "must be 1..64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
      }
      return r.value();
    }

    private Path gtfs() {
      Raw r = raw(GTFS);
      Raw used = r != null ? r : new Raw("config/gtfs", DEFAULT_ORIGIN);
      Path p = path(GTFS, used);
      if (Files.isDirectory(p)) {
        return p;
      }
      if (!Files.exists(p)) {
        throw fail(GTFS, used, "no such file or folder: " + p);
      }
      if (!Files.isRegularFile(p)
          || !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
        throw fail(GTFS, used, "must be a .zip file or a folder of .txt files: " + p);
      }
      return p;
    }

    private ZoneId timezone() {
      Raw r = raw(TIMEZONE);
      if (r == null) {
        return ZoneId.of("Europe/Madrid");
      }
      try {
        return ZoneId.of(r.value());
      } catch (DateTimeException e) {
        throw fail(TIMEZONE, r, "must be a time zone id such as Europe/Madrid");
      }
    }

    private String adminToken() {
      Raw r = raw(ADMIN_TOKEN);
      if (r == null) {
        return null;
      }
      String token = r.value();
      if (token.length() < MIN_ADMIN_TOKEN_LENGTH) {
        throw fail(
            ADMIN_TOKEN,
            r,
            "must be at least "
                + MIN_ADMIN_TOKEN_LENGTH
                + " characters long (it has "
                + token.length()
                + ")");
      }
      if (token.chars().anyMatch(c -> c <= ' ' || c == 127)) {
        throw fail(ADMIN_TOKEN, r, "must not contain spaces or control characters");
      }
      return token;
    }

    /** The parking catalog file; it is read (and must exist) when Vecino starts. */
    private Path parkingCatalog() {
      Raw r = raw(PARKING_CATALOG);
      Raw used = r != null ? r : new Raw("config/parking.json", DEFAULT_ORIGIN);
      Path p = path(PARKING_CATALOG, used);
      if (Files.isDirectory(p)) {
        throw fail(PARKING_CATALOG, used, "is a folder, not a catalog file: " + p);
      }
      return p;
    }

    /** The SMS template folder; its files are read (and must be valid) when Vecino starts. */
    private Path smsTemplates() {
      Raw r = raw(SMS_TEMPLATES);
      Raw used = r != null ? r : new Raw("config/sms-templates", DEFAULT_ORIGIN);
      Path p = path(SMS_TEMPLATES, used);
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw fail(
            SMS_TEMPLATES,
            used,
            "is a file, not the folder of es.properties and en.properties: " + p);
      }
      return p;
    }

    private URI httpUrl(String key) {
      Raw r = raw(key);
      if (r == null) {
        return null;
      }
      try {
        URI uri = new URI(r.value());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw fail(key, r, "must be an http:// or https:// URL with a host");
    }

    /** The SMS gateway: URL (http/https), token (needed with a URL), secret, max attempts. */
    private SmsGatewaySettings smsGateway() {
      Raw url = raw(SMS_GATEWAY_URL);
      String token = gatewaySecret(SMS_GATEWAY_TOKEN);
      String secret = gatewaySecret(SMS_GATEWAY_SECRET);
      int maxAttempts = integer(SMS_MAX_ATTEMPTS, SmsGatewaySettings.DEFAULT_MAX_ATTEMPTS, 1, 100);
      URI uri = null;
      if (url != null) {
        httpUrl(SMS_GATEWAY_URL);
        uri = URI.create(url.value());
        if (token == null) {
          throw fail(
              SMS_GATEWAY_URL,
              url,
              "needs VECINO_SMS_GATEWAY_TOKEN, the bearer token for the gateway");
        }
      } else if (token != null) {
        throw fail(
            SMS_GATEWAY_TOKEN, raw(SMS_GATEWAY_TOKEN), "is set but VECINO_SMS_GATEWAY_URL is not");
      }
      return new SmsGatewaySettings(uri, token, secret, maxAttempts);
    }

    private String gatewaySecret(String key) {
      Raw r = raw(key);
      if (r == null) {
        return null;
      }
      String value = r.value();
      if (value.length() < SmsGatewaySettings.MIN_SECRET_LENGTH) {
        throw fail(
            key,
            r,
            "must be at least "
                + SmsGatewaySettings.MIN_SECRET_LENGTH
                + " characters long (it has "
                + value.length()
                + ")");
      }
      if (value.chars().anyMatch(c -> c <= ' ' || c == 127)) {
        throw fail(key, r, "must not contain spaces or control characters");
      }
      return value;
    }

    /**
     * The Neighbor's Office: its catalog file (read at start), the kiosk offline limit, the cap on
     * a citizen's bookings and the countries citizen-triggered SMS may go to.
     */
    private OfficeSettings office() {
      Raw r = raw(OFFICE_CATALOG);
      Raw used = r != null ? r : new Raw("config/office.json", DEFAULT_ORIGIN);
      Path p = path(OFFICE_CATALOG, used);
      if (Files.isDirectory(p)) {
        throw fail(OFFICE_CATALOG, used, "is a folder, not a catalog file: " + p);
      }
      Duration offlineAfter =
          duration(
              KIOSK_OFFLINE_AFTER,
              Duration.ofMinutes(2),
              Duration.ofSeconds(10),
              Duration.ofDays(1));
      int maxBookings =
          integer(
              OFFICE_MAX_BOOKINGS_PER_CITIZEN,
              OfficeSettings.DEFAULT_MAX_BOOKINGS_PER_CITIZEN,
              1,
              100);
      return new OfficeSettings(p, offlineAfter, maxBookings, smsCountries());
    }

    /** A comma-separated list of ISO region codes ({@code ES, PT}), upper case. */
    private Set<String> smsCountries() {
      Raw r = raw(SMS_ALLOWED_COUNTRIES);
      if (r == null) {
        return OfficeSettings.DEFAULT_SMS_ALLOWED_COUNTRIES;
      }
      Set<String> out = new LinkedHashSet<>();
      for (String part : r.value().split(",", -1)) {
        String code = part.strip();
        if (!PhoneNumber.isRegion(code)) {
          throw fail(
              SMS_ALLOWED_COUNTRIES,
              r,
              "must be ISO country codes in capitals separated by commas, such as ES or ES,PT");
        }
        out.add(code);
      }
      return out;
    }

    // --- reminders (issue 4); kept last so the other parts' settings merge cleanly

    /** The reminder and webhook settings (the SMS gateway's are {@link #smsGateway()}). */
    private ReminderSettings reminders() {
      Map<AppointmentKind, List<Duration>> offsets = reminderOffsets();
      Optional<QuietHours> quiet = quietHours();
      int retentionDays = integer(REMINDER_RETENTION_DAYS, 30, 1, 3650);
      URI webhookUrl = httpUrl(SCHEDULER_WEBHOOK_URL);
      String webhookSecret = secret(SCHEDULER_WEBHOOK_SECRET);
      if (webhookUrl != null && webhookSecret == null) {
        throw fail(
            SCHEDULER_WEBHOOK_SECRET,
            rawOrDefault(SCHEDULER_WEBHOOK_SECRET),
            "is required when VECINO_SCHEDULER_WEBHOOK_URL is set (at least "
                + ReminderSettings.MIN_SECRET_LENGTH
                + " characters)");
      }
      return new ReminderSettings(offsets, quiet, retentionDays, webhookUrl, webhookSecret);
    }

    /** {@code 24h,2h} for every kind, or {@code medical=24h,2h;municipal=48h}. */
    private Map<AppointmentKind, List<Duration>> reminderOffsets() {
      Map<AppointmentKind, List<Duration>> result = new EnumMap<>(AppointmentKind.class);
      for (AppointmentKind k : AppointmentKind.values()) {
        result.put(k, ReminderSettings.DEFAULT_OFFSETS);
      }
      Raw r = raw(REMINDER_OFFSETS);
      if (r == null) {
        return result;
      }
      String problem =
          "must be a comma-separated list of durations above zero, e.g. 24h,2h,30m, or one per"
              + " kind, e.g. medical=24h,2h;municipal=48h";
      String value = r.value();
      if (!value.contains("=")) {
        List<Duration> all = durations(value, r, problem);
        result.replaceAll((k, v) -> all);
        return result;
      }
      java.util.Set<AppointmentKind> seen = java.util.EnumSet.noneOf(AppointmentKind.class);
      for (String part : value.split(";", -1)) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw fail(REMINDER_OFFSETS, r, problem);
        }
        String kindName = part.substring(0, eq).strip();
        AppointmentKind kind =
            AppointmentKind.fromCode(kindName)
                .orElseThrow(
                    () ->
                        fail(
                            REMINDER_OFFSETS,
                            r,
                            "unknown kind \""
                                + shorten(kindName)
                                + "\"; the kinds are medical and municipal"));
        if (!seen.add(kind)) {
          throw fail(REMINDER_OFFSETS, r, "kind " + kind.code() + " is given twice");
        }
        result.put(kind, durations(part.substring(eq + 1), r, problem));
      }
      return result;
    }

    private List<Duration> durations(String list, Raw r, String problem) {
      List<Duration> out = new java.util.ArrayList<>();
      for (String part : list.split(",", -1)) {
        Duration d;
        try {
          d = DurationParser.parse(part);
        } catch (IllegalArgumentException e) {
          throw fail(REMINDER_OFFSETS, r, problem);
        }
        if (d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
          throw fail(REMINDER_OFFSETS, r, problem + " (at most 720h)");
        }
        out.add(d);
      }
      return out;
    }

    /** The quiet hours; set but empty means none (the default is 21:00-09:00). */
    private Optional<QuietHours> quietHours() {
      Raw r = values.get(REMINDER_QUIET_HOURS);
      if (r == null) {
        return Optional.of(QuietHours.standard());
      }
      if (!r.isSet()) {
        return Optional.empty();
      }
      try {
        return Optional.of(QuietHours.parse(r.value()));
      } catch (IllegalArgumentException e) {
        throw fail(
            REMINDER_QUIET_HOURS,
            r,
            "must be a span of city time such as 21:00-09:00, or empty for none");
      }
    }

    private String secret(String key) {
      return gatewaySecret(key);
    }
  }
}
