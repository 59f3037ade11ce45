package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  private static final String SECRET = "s3cr3t-value-NEVER-shown";

  @TempDir Path dir;

  @BeforeEach
  void sampleGtfsFolder() throws IOException {
    Files.createDirectories(dir.resolve("config/gtfs"));
  }

  private Settings load(Map<String, String> env) {
    return SettingsLoader.load(null, env, dir);
  }

  private Settings load(String fileText, Map<String, String> env) throws IOException {
    Path file = dir.resolve("vecino.conf");
    Files.writeString(file, fileText, StandardCharsets.UTF_8);
    return SettingsLoader.load(Path.of("vecino.conf"), env, dir);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(Map<String, String> env) {
    return assertThatThrownBy(() -> load(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(String fileText) {
    return assertThatThrownBy(() -> load(fileText, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void defaultsWithNothingSet() {
    Settings s = load(Map.of());
    assertThat(s.httpHost()).isEqualTo("0.0.0.0");
    assertThat(s.httpPort()).isEqualTo(7070);
    assertThat(s.db()).isEqualTo(dir.resolve("data/vecino.db"));
    assertThat(s.mqttUrl()).isNull();
    assertThat(s.embeddedBroker()).isTrue();
    assertThat(s.mqttPrefix()).isEqualTo("city");
    assertThat(s.mqttClientId()).isEqualTo("vecino-kiosk");
    assertThat(s.mqttUsername()).isNull();
    assertThat(s.mqttPassword()).isNull();
    assertThat(s.embeddedBrokerPort()).isEqualTo(1883);
    assertThat(s.simulator()).isTrue();
    assertThat(s.gtfs()).isEqualTo(dir.resolve("config/gtfs"));
    assertThat(s.timezone()).isEqualTo(ZoneId.of("Europe/Madrid"));
    assertThat(s.adminToken()).isNull();
    assertThat(s.predictionStaleAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.rejectionsKept()).isEqualTo(1000);
  }

  @Test
  void everySettingFromTheEnvironment() throws IOException {
    Files.createFile(dir.resolve("feed.zip"));
    Map<String, String> env = new HashMap<>();
    env.put("VECINO_HTTP_HOST", "127.0.0.1");
    env.put("VECINO_HTTP_PORT", "0");
    env.put("VECINO_DB", "/var/lib/vecino/v.db");
    env.put("VECINO_MQTT_URL", "ssl://broker.example.org:8883");
    env.put("VECINO_MQTT_PREFIX", "santander/city");
    env.put("VECINO_MQTT_CLIENT_ID", "kiosk_1.a-b");
    env.put("VECINO_MQTT_USERNAME", "vecino");
    env.put("VECINO_MQTT_PASSWORD", SECRET);
    env.put("VECINO_MQTT_EMBEDDED_PORT", "11883");
    env.put("VECINO_SIMULATOR", "true");
    env.put("VECINO_GTFS", "feed.zip");
    env.put("VECINO_TIMEZONE", "Atlantic/Canary");
    env.put("VECINO_ADMIN_TOKEN", "0123456789abcdef");
    env.put("VECINO_TRANSIT_STALE_AFTER", "2m");
    env.put("VECINO_MQTT_MAX_FUTURE", "0s");
    env.put("VECINO_MQTT_REJECTIONS_KEPT", "100000");
    env.put("VECINO_PARKING_CATALOG", "config/parking.json");
    env.put("VECINO_REMINDER_OFFSETS", "24h,2h,30m");
    env.put("VECINO_REMINDER_QUIET_HOURS", "21:00-09:00");
    env.put("VECINO_SMS_GATEWAY_URL", "https://sms.example.org/api");
    env.put("VECINO_SMS_GATEWAY_TOKEN", SECRET);
    env.put("VECINO_SMS_GATEWAY_SECRET", SECRET);
    env.put("VECINO_SCHEDULER_WEBHOOK_URL", "http://scheduler.local:8080/hook");
    env.put("VECINO_SCHEDULER_WEBHOOK_SECRET", SECRET);
    env.put("PATH", "/usr/bin");
    env.put("HOME", "/root");

    Settings s = load(env);

    assertThat(s.httpHost()).isEqualTo("127.0.0.1");
    assertThat(s.httpPort()).isZero();
    assertThat(s.db()).isEqualTo(Path.of("/var/lib/vecino/v.db"));
    assertThat(s.mqttUrl()).isEqualTo("ssl://broker.example.org:8883");
    assertThat(s.embeddedBroker()).isFalse();
    assertThat(s.mqttPrefix()).isEqualTo("santander/city");
    assertThat(s.mqttClientId()).isEqualTo("kiosk_1.a-b");
    assertThat(s.mqttUsername()).isEqualTo("vecino");
    assertThat(s.mqttPassword()).isEqualTo(SECRET);
    assertThat(s.embeddedBrokerPort()).isEqualTo(11883);
    assertThat(s.simulator()).isTrue();
    assertThat(s.gtfs()).isEqualTo(dir.resolve("feed.zip"));
    assertThat(s.timezone()).isEqualTo(ZoneId.of("Atlantic/Canary"));
    assertThat(s.adminToken()).isEqualTo("0123456789abcdef");
    assertThat(s.predictionStaleAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.maxFutureSkew()).isZero();
    assertThat(s.rejectionsKept()).isEqualTo(100000);
    assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("0123456789abcdef");
  }

  @Test
  void simulatorDefaultsToOffWithAnExternalBroker() {
    assertThat(load(Map.of("VECINO_MQTT_URL", "tcp://10.0.0.5:1883")).simulator()).isFalse();
    assertThat(
            load(Map.of("VECINO_MQTT_URL", "tcp://10.0.0.5:1883", "VECINO_SIMULATOR", "true"))
                .simulator())
        .isTrue();
    assertThat(load(Map.of("VECINO_SIMULATOR", "false")).simulator()).isFalse();
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    String file =
        """
        # a comment
           # an indented comment

        VECINO_HTTP_PORT = 8080
        VECINO_MQTT_PREFIX=from-file
        VECINO_TIMEZONE   =   Europe/Lisbon
        VECINO_MQTT_CLIENT_ID = "quoted-id"
        VECINO_MQTT_USERNAME = user#with#hashes
        """;
    Settings s = load(file, Map.of("VECINO_HTTP_PORT", "9090", "VECINO_MQTT_PREFIX", "from-env"));
    assertThat(s.httpPort()).isEqualTo(9090);
    assertThat(s.mqttPrefix()).isEqualTo("from-env");
    assertThat(s.timezone()).isEqualTo(ZoneId.of("Europe/Lisbon"));
    assertThat(s.mqttClientId()).isEqualTo("quoted-id");
    assertThat(s.mqttUsername()).isEqualTo("user#with#hashes");
  }

  @Test
  void anEmptyValueMeansTheDefaultAndAnEmptyVariableUnsetsTheFileValue() throws IOException {
    Settings s =
        load(
            "VECINO_HTTP_PORT =\nVECINO_MQTT_URL = tcp://h:1883\r\n",
            Map.of("VECINO_MQTT_URL", ""));
    assertThat(s.httpPort()).isEqualTo(7070);
    assertThat(s.mqttUrl()).isNull();
  }

  @Test
  void fileWithByteOrderMarkAndWindowsLineEndings() throws IOException {
    Settings s = load("\uFEFFVECINO_HTTP_PORT = 8081\r\nVECINO_DB = x.db\r\n", Map.of());
    assertThat(s.httpPort()).isEqualTo(8081);
    assertThat(s.db()).isEqualTo(dir.resolve("x.db"));
  }

  @Test
  void anInvalidValueInTheFileNamesTheSettingAndTheLine() {
    assertFails("# port\n\nVECINO_HTTP_PORT = abc\n")
        .hasMessage(
            "VECINO_HTTP_PORT: must be a number 0..65535, got \"abc\" (from vecino.conf line 3)");
  }

  @Test
  void anInvalidValueInTheEnvironmentSaysSo() {
    assertFails(Map.of("VECINO_HTTP_PORT", "65536"))
        .hasMessage(
            "VECINO_HTTP_PORT: must be a number 0..65535, got \"65536\" (from the environment)");
  }

  @Test
  void eachInvalidSettingIsNamed() {
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("VECINO_HTTP_HOST", "bad host");
    bad.put("VECINO_HTTP_PORT", "-1");
    bad.put("VECINO_DB", ".");
    bad.put("VECINO_MQTT_URL", "mqtt://broker:1883");
    bad.put("VECINO_MQTT_PREFIX", "city/#");
    bad.put("VECINO_MQTT_CLIENT_ID", "has space");
    bad.put("VECINO_MQTT_EMBEDDED_PORT", "0");
    bad.put("VECINO_SIMULATOR", "yes");
    bad.put("VECINO_GTFS", "missing.zip");
    bad.put("VECINO_TIMEZONE", "Mars/Olympus");
    bad.put("VECINO_TRANSIT_STALE_AFTER", "5s");
    bad.put("VECINO_MQTT_MAX_FUTURE", "2h");
    bad.put("VECINO_MQTT_REJECTIONS_KEPT", "9");
    bad.put("VECINO_PARKING_CATALOG", "bad\0path");
    bad.put("VECINO_REMINDER_OFFSETS", "24h,,2h");
    bad.put("VECINO_REMINDER_QUIET_HOURS", "21:00");
    bad.put("VECINO_SMS_GATEWAY_URL", "ftp://sms.example.org");
    bad.put("VECINO_SCHEDULER_WEBHOOK_URL", "not a url");
    bad.forEach(
        (key, value) ->
            assertFails(Map.of(key, value))
                .as(key)
                .hasMessageStartingWith(key + ": ")
                .hasMessageEndingWith("(from the environment)"));
  }

  @Test
  void specificMessages() throws IOException {
    assertFails(Map.of("VECINO_MQTT_URL", "mqtt://broker:1883"))
        .hasMessageContaining("mqtt:// is not supported")
        .hasMessageContaining("tcp://host:port");
    assertFails(Map.of("VECINO_MQTT_URL", "tcp://broker")).hasMessageContaining("port");
    assertFails(Map.of("VECINO_MQTT_URL", "broker:1883")).hasMessageContaining("tcp://");
    assertFails(Map.of("VECINO_MQTT_URL", "tcp://broker:1883/x"))
        .hasMessageContaining("nothing after the port");
    assertFails(Map.of("VECINO_MQTT_PREFIX", "/city")).hasMessageContaining("start or end");
    assertFails(Map.of("VECINO_MQTT_PREFIX", "city/")).hasMessageContaining("start or end");
    assertFails(Map.of("VECINO_MQTT_PREFIX", "a/+/b")).hasMessageContaining("wildcards");
    assertFails(Map.of("VECINO_MQTT_CLIENT_ID", "x".repeat(65))).hasMessageContaining("1..64");
    assertFails(Map.of("VECINO_SIMULATOR", "TRUE")).hasMessageContaining("true or false");
    assertFails(Map.of("VECINO_TRANSIT_STALE_AFTER", "90")).hasMessageContaining("needs a unit");
    assertFails(Map.of("VECINO_TRANSIT_STALE_AFTER", "2h"))
        .hasMessageContaining("between 10s and 1h");
    assertFails(Map.of("VECINO_GTFS", "missing.zip"))
        .hasMessageContaining("no such file or folder: " + dir.resolve("missing.zip"));
    Files.writeString(dir.resolve("feed.txt"), "x");
    assertFails(Map.of("VECINO_GTFS", "feed.txt")).hasMessageContaining(".zip file or a folder");
    assertFails(Map.of("VECINO_HTTP_PORT", "1883"))
        .hasMessageStartingWith("VECINO_MQTT_EMBEDDED_PORT: ");
    assertFails(Map.of("VECINO_MQTT_PASSWORD", SECRET))
        .hasMessage(
            "VECINO_MQTT_PASSWORD: is set but VECINO_MQTT_USERNAME is not (from the environment)");
  }

  @Test
  void aMissingDefaultGtfsFolderIsReportedAsTheDefault() throws IOException {
    Files.delete(dir.resolve("config/gtfs"));
    assertFails(Map.of())
        .hasMessageStartingWith("VECINO_GTFS: no such file or folder: ")
        .hasMessageEndingWith("(default value)");
  }

  @Test
  void unknownKeySuggestsTheClosestOne() {
    assertFails(Map.of("VECINO_HTTP_PROT", "7070"))
        .hasMessage(
            "VECINO_HTTP_PROT: unknown setting, did you mean VECINO_HTTP_PORT? (from the"
                + " environment)");
    assertFails(Map.of("VECINO_NOTHING_LIKE_IT", "1"))
        .hasMessage("VECINO_NOTHING_LIKE_IT: unknown setting (from the environment)");
    assertFails("VECINO_TIMEZONE = UTC\nVECINO_SIMULATR = true\n")
        .hasMessage(
            "VECINO_SIMULATR: unknown setting, did you mean VECINO_SIMULATOR? (from vecino.conf"
                + " line 2)");
    assertFails("http_port = 7070\n")
        .hasMessage(
            "http_port: unknown setting, did you mean VECINO_HTTP_PORT? (from vecino.conf line"
                + " 1)");
  }

  @Test
  void badFileLines() throws IOException {
    assertFails("\nVECINO_HTTP_PORT 7070\n")
        .hasMessage("vecino.conf line 2: expected KEY = value, found no \"=\"");
    assertFails("= 7070\n")
        .hasMessage("vecino.conf line 1: a setting name is missing before \"=\"");
    assertFails("VECINO HTTP PORT = 7070\n")
        .hasMessageStartingWith("vecino.conf line 1: \"VECINO HTTP PORT\" is not a setting name");
    assertFails("VECINO_HTTP_PORT = 1\n# x\nVECINO_HTTP_PORT = 2\n")
        .hasMessage("VECINO_HTTP_PORT: set twice in vecino.conf (lines 1 and 3)");
    Files.write(dir.resolve("latin1.conf"), new byte[] {'V', '=', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> SettingsLoader.load(Path.of("latin1.conf"), Map.of(), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("settings file latin1.conf: is not valid UTF-8");
  }

  @Test
  void aMissingSettingsFileIsAnError() {
    assertThatThrownBy(() -> SettingsLoader.load(Path.of("nope.conf"), Map.of(), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("settings file nope.conf: does not exist");
    assertThatThrownBy(() -> SettingsLoader.load(Path.of("config"), Map.of(), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("settings file config: is not a regular file");
  }

  @Test
  void secretsNeverAppearInMessages() throws IOException {
    assertFails(Map.of("VECINO_ADMIN_TOKEN", "short-" + "x"))
        .hasMessage(
            "VECINO_ADMIN_TOKEN: must be at least 16 characters long (it has 7) (from the"
                + " environment)");
    assertFails(Map.of("VECINO_ADMIN_TOKEN", SECRET + " with space"))
        .hasMessageStartingWith("VECINO_ADMIN_TOKEN: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertFails("VECINO_MQTT_PASSWORD = " + SECRET + "\n")
        .hasMessageStartingWith("VECINO_MQTT_PASSWORD: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertFails(Map.of("VECINO_MQTT_URL", "tcp://user:" + SECRET + "@broker:1883"))
        .hasMessageContaining("VECINO_MQTT_USERNAME")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertFails(Map.of("VECINO_SMS_GATEWAY_URL", "ftp://sms?token=" + SECRET))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    // A misspelt secret's name is reported, never its value.
    assertFails(Map.of("VECINO_MQTT_PASSWROD", SECRET))
        .hasMessageContaining("did you mean VECINO_MQTT_PASSWORD?")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void closestKeyAndEditDistance() {
    assertThat(SettingsLoader.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(SettingsLoader.editDistance("", "abc")).isEqualTo(3);
    assertThat(SettingsLoader.editDistance("abc", "abc")).isZero();
    assertThat(SettingsLoader.closestKnownKey("VECINO_DBB")).isEqualTo("VECINO_DB");
    assertThat(SettingsLoader.closestKnownKey("vecino-gtfs")).isEqualTo("VECINO_GTFS");
    assertThat(SettingsLoader.closestKnownKey("VECINO_PORT")).isNull();
  }

  @Test
  void theShippedFileListsEveryKeyAndLoadsToTheDefaults() throws IOException {
    Path shipped = repositoryRoot().resolve("config/vecino.conf");
    assertThat(shipped).isRegularFile();

    Set<String> documented = new LinkedHashSet<>();
    Matcher m =
        Pattern.compile("(?m)^#?\\s*(VECINO_[A-Z_]+)\\s*=").matcher(Files.readString(shipped));
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(SettingsLoader.KNOWN_KEYS);

    Settings fromFile = SettingsLoader.load(shipped, Map.of(), dir);
    assertThat(fromFile).isEqualTo(SettingsLoader.load(null, Map.of(), dir));
  }

  @Test
  void theShippedFileKeepsWorkingWhenEveryCommentedExampleIsEnabled() throws IOException {
    String text = Files.readString(repositoryRoot().resolve("config/vecino.conf"));
    String enabled = text.replaceAll("(?m)^# (VECINO_[A-Z_]+ =)", "$1");
    Files.createDirectories(dir.resolve("config"));
    Settings s = load(enabled, Map.of());
    assertThat(s.mqttUrl()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(s.mqttPassword()).isEqualTo("change-me");
  }

  /** The repository root: surefire sets {@code vecino.repo}; else walk up to {@code config/}. */
  static Path repositoryRoot() {
    String property = System.getProperty("vecino.repo");
    if (property != null && Files.isRegularFile(Path.of(property, "config/vecino.conf"))) {
      return Path.of(property);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("config/vecino.conf"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root with config/vecino.conf not found");
  }
}
