package org.vecino.server.config;

import java.net.URI;
import java.util.List;

/**
 * The SMS gateway settings ({@code http.md}, {@code operations.md}). Immutable; {@link #toString}
 * never shows the token or the secret.
 *
 * @param url where messages are posted ({@code VECINO_SMS_GATEWAY_URL}), null to only log them and
 *     show them in the admin outbox view
 * @param token bearer token for the gateway ({@code VECINO_SMS_GATEWAY_TOKEN}), set when {@code
 *     url} is
 * @param secret key of the signatures of the gateway's calls to Vecino ({@code
 *     VECINO_SMS_GATEWAY_SECRET}), null to refuse them (503)
 * @param maxAttempts calls made for one message before it is {@code failed} ({@code
 *     VECINO_SMS_MAX_ATTEMPTS}, 8)
 */
public record SmsGatewaySettings(URI url, String token, String secret, int maxAttempts) {
  public static final int MIN_SECRET_LENGTH = 16;
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  public static final Setting<URI> URL =
      Setting.of(
          "VECINO_SMS_GATEWAY_URL",
          null,
          Parser.httpUrl(),
          "where SMS are posted; unset: they are only logged and shown in the admin outbox");
  public static final Setting<String> TOKEN =
      Setting.secret(
          "VECINO_SMS_GATEWAY_TOKEN",
          Parser.token(MIN_SECRET_LENGTH),
          "bearer token for the gateway, required with a URL");
  public static final Setting<String> SECRET =
      Setting.secret(
          "VECINO_SMS_GATEWAY_SECRET",
          Parser.token(MIN_SECRET_LENGTH),
          "key of the gateway's signed calls (receipts, replies); unset: they are refused");
  public static final Setting<Integer> MAX_ATTEMPTS =
      Setting.of(
          "VECINO_SMS_MAX_ATTEMPTS",
          String.valueOf(DEFAULT_MAX_ATTEMPTS),
          Parser.intRange(1, 100),
          "calls to the gateway for one SMS before it is marked failed");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS = List.of(URL, TOKEN, SECRET, MAX_ATTEMPTS);

  public SmsGatewaySettings {
    if (url != null && token == null) {
      throw new IllegalArgumentException("a gateway URL needs a token");
    }
    if (token != null && token.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("token too short");
    }
    if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("secret too short");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** No gateway: messages are logged (default run). */
  public static SmsGatewaySettings logOnly() {
    return new SmsGatewaySettings(null, null, null, DEFAULT_MAX_ATTEMPTS);
  }

  static SmsGatewaySettings read(SettingValues v) {
    URI url = v.get(URL);
    String token = v.get(TOKEN);
    if (url != null && token == null) {
      throw v.fail(URL, "needs VECINO_SMS_GATEWAY_TOKEN, the bearer token for the gateway");
    }
    if (url == null && token != null) {
      throw v.fail(TOKEN, "is set but VECINO_SMS_GATEWAY_URL is not");
    }
    return new SmsGatewaySettings(url, token, v.get(SECRET), v.get(MAX_ATTEMPTS));
  }

  /** The URL without user information, query or fragment, which may hold credentials. */
  public static String safeUrl(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() > 0 ? ":" + url.getPort() : "")
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  @Override
  public String toString() {
    return "SmsGatewaySettings[url="
        + (url == null ? "none (log)" : safeUrl(url))
        + ", token="
        + (token == null ? "unset" : "***")
        + ", secret="
        + (secret == null ? "unset" : "***")
        + ", maxAttempts="
        + maxAttempts
        + "]";
  }
}
