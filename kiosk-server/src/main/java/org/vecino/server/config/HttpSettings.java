package org.vecino.server.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The HTTP server's settings. Immutable; {@link #toString()} never shows the admin token.
 *
 * @param host interface the HTTP server binds to ({@code VECINO_HTTP_HOST}, 0.0.0.0)
 * @param port HTTP port, 0 for any free one ({@code VECINO_HTTP_PORT}, 7070)
 * @param adminToken bootstrap admin token, null to generate one ({@code VECINO_ADMIN_TOKEN})
 */
public record HttpSettings(String host, int port, String adminToken) {
  public static final Setting<String> HOST =
      Setting.of(
          "VECINO_HTTP_HOST",
          "0.0.0.0",
          Parser.matching(
                  Pattern.compile("[A-Za-z0-9.:%\\[\\]-]+"),
                  "must be a host name or IP address, e.g. 0.0.0.0 or 127.0.0.1")
              .allowing("a host name or IP address"),
          "interface the HTTP server listens on");
  public static final Setting<Integer> PORT =
      Setting.of(
          "VECINO_HTTP_PORT",
          "7070",
          Parser.intRange(0, 65535),
          "HTTP port, 0 for any free port (printed at start)");
  public static final Setting<String> ADMIN_TOKEN =
      Setting.secret(
          "VECINO_ADMIN_TOKEN",
          Parser.token(16),
          "bootstrap token with every role; unset: generated at first start");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, ADMIN_TOKEN);

  public HttpSettings {
    Objects.requireNonNull(host, "host");
  }

  static HttpSettings read(SettingValues v) {
    return new HttpSettings(v.get(HOST), v.get(PORT), v.get(ADMIN_TOKEN));
  }

  @Override
  public String toString() {
    return "HttpSettings[host="
        + host
        + ", port="
        + port
        + ", adminToken="
        + (adminToken == null ? "generated" : "***")
        + "]";
  }
}
