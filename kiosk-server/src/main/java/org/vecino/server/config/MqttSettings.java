package org.vecino.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The MQTT settings: the broker (external, or the embedded one), the topic contract, and the
 * simulator that publishes to it. Immutable; {@link #toString()} never shows the password.
 *
 * @param url external broker URL, null for the embedded broker ({@code VECINO_MQTT_URL})
 * @param prefix topic prefix ({@code VECINO_MQTT_PREFIX}, {@code city})
 * @param clientId stable client id ({@code VECINO_MQTT_CLIENT_ID}, {@code vecino-kiosk})
 * @param username broker user, may be null ({@code VECINO_MQTT_USERNAME})
 * @param password broker password, may be null ({@code VECINO_MQTT_PASSWORD})
 * @param embeddedPort port of the embedded broker on 127.0.0.1 ({@code VECINO_MQTT_EMBEDDED_PORT},
 *     1883)
 * @param simulator publish simulated sensor data ({@code VECINO_SIMULATOR}; default: true with the
 *     embedded broker)
 * @param maxFutureSkew how far in the future a message timestamp may be ({@code
 *     VECINO_MQTT_MAX_FUTURE}, 5m)
 * @param rejectionsKept how many rejected messages are kept for inspection ({@code
 *     VECINO_MQTT_REJECTIONS_KEPT}, 1000)
 */
public record MqttSettings(
    String url,
    String prefix,
    String clientId,
    String username,
    String password,
    int embeddedPort,
    boolean simulator,
    Duration maxFutureSkew,
    int rejectionsKept) {
  public static final Setting<String> URL =
      Setting.of(
          "VECINO_MQTT_URL",
          null,
          Parser.of("tcp://host:port or ssl://host:port", MqttSettings::brokerUrl),
          "external broker (ssl:// for TLS); unset: an embedded broker on 127.0.0.1");
  public static final Setting<String> PREFIX =
      Setting.of(
          "VECINO_MQTT_PREFIX",
          "city",
          Parser.text()
              .check(
                  p -> !p.contains("#") && !p.contains("+"),
                  p -> "must not contain the wildcards # or +")
              .check(
                  p -> !p.startsWith("/") && !p.endsWith("/"), p -> "must not start or end with /")
              .check(p -> !p.contains("//"), p -> "must not contain an empty level (//)")
              .check(
                  p -> p.chars().noneMatch(Character::isISOControl),
                  p -> "must not contain control characters")
              .allowing("topic levels without # or +"),
          "topic prefix of the MQTT contract");
  public static final Setting<String> CLIENT_ID =
      Setting.of(
          "VECINO_MQTT_CLIENT_ID",
          "vecino-kiosk",
          Parser.matching(
                  Pattern.compile("[A-Za-z0-9._-]{1,64}"),
                  "must be 1..64 characters of A-Z, a-z, 0-9, '.', '_' or '-'")
              .allowing("1..64 of A-Z a-z 0-9 . _ -"),
          "stable client id of Vecino's persistent session");
  public static final Setting<String> USERNAME =
      Setting.of("VECINO_MQTT_USERNAME", null, Parser.text(), "broker user; unset: anonymous");
  public static final Setting<String> PASSWORD =
      Setting.secret(
          "VECINO_MQTT_PASSWORD", Parser.text(), "broker password; needs VECINO_MQTT_USERNAME");
  public static final Setting<Integer> EMBEDDED_PORT =
      Setting.of(
          "VECINO_MQTT_EMBEDDED_PORT",
          "1883",
          Parser.intRange(1, 65535),
          "port of the embedded broker on 127.0.0.1, used when VECINO_MQTT_URL is unset");
  public static final Setting<Boolean> SIMULATOR =
      Setting.of(
          "VECINO_SIMULATOR",
          null,
          Parser.bool(),
          "publish simulated sensor data; unset: true with the embedded broker, else false");
  public static final Setting<Duration> MAX_FUTURE =
      Setting.of(
          "VECINO_MQTT_MAX_FUTURE",
          "5m",
          Parser.duration(Duration.ZERO, Duration.ofHours(1)),
          "how far in the future a message's timestamp may be before it is rejected");
  public static final Setting<Integer> REJECTIONS_KEPT =
      Setting.of(
          "VECINO_MQTT_REJECTIONS_KEPT",
          "1000",
          Parser.intRange(10, 100_000),
          "how many rejected messages are kept for administrators");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          URL,
          PREFIX,
          CLIENT_ID,
          USERNAME,
          PASSWORD,
          EMBEDDED_PORT,
          SIMULATOR,
          MAX_FUTURE,
          REJECTIONS_KEPT);

  public MqttSettings {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
  }

  static MqttSettings read(SettingValues v) {
    String url = v.get(URL);
    if (v.get(PASSWORD) != null && v.get(USERNAME) == null) {
      throw v.fail(PASSWORD, "is set but VECINO_MQTT_USERNAME is not");
    }
    Boolean simulator = v.get(SIMULATOR);
    return new MqttSettings(
        url,
        v.get(PREFIX),
        v.get(CLIENT_ID),
        v.get(USERNAME),
        v.get(PASSWORD),
        v.get(EMBEDDED_PORT),
        simulator != null ? simulator : url == null,
        v.get(MAX_FUTURE),
        v.get(REJECTIONS_KEPT));
  }

  /** Whether Vecino starts its own in-process broker (no external broker configured). */
  public boolean embedded() {
    return url == null;
  }

  /** The broker URL Vecino connects to: the external one, or the embedded one. */
  public String effectiveUrl() {
    return url != null ? url : "tcp://127.0.0.1:" + embeddedPort;
  }

  /** {@code tcp://host:port} or {@code ssl://host:port}, written back in that form. */
  private static String brokerUrl(String text) {
    String expected = "must be tcp://host:port or ssl://host:port";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new Parser.Invalid(expected);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null) {
      throw new Parser.Invalid(expected);
    }
    if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
      throw new Parser.Invalid(scheme + ":// is not supported; " + expected + " (ssl:// for TLS)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Parser.Invalid(
          "must not contain a user or password; use VECINO_MQTT_USERNAME and"
              + " VECINO_MQTT_PASSWORD");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
      throw new Parser.Invalid(expected + " with a port 1..65535, e.g. tcp://127.0.0.1:1883");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new Parser.Invalid(expected + ", nothing after the port");
    }
    return scheme + "://" + uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public String toString() {
    return "MqttSettings[url="
        + effectiveUrl()
        + ", prefix="
        + prefix
        + ", clientId="
        + clientId
        + ", username="
        + (username == null ? "none" : username)
        + ", password="
        + (password == null ? "unset" : "***")
        + ", simulator="
        + simulator
        + "]";
  }
}
