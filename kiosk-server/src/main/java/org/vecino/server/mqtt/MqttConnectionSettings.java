package org.vecino.server.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.vecino.server.config.Settings;

/**
 * Where and how a Vecino MQTT client connects. Immutable; {@link #toString()} never shows the
 * password.
 *
 * @param serverUri {@code tcp://host:port} or {@code ssl://host:port} (TLS with the JVM's default
 *     trust store)
 * @param clientId the client id; the subscriber's must be stable across restarts, since the broker
 *     keys the persistent session on it
 * @param username broker user, null for anonymous
 * @param password broker password, null for none
 * @param initialBackoff first delay before retrying a failed or lost connection
 * @param maxBackoff the delay doubles after each failed attempt up to this bound
 */
public record MqttConnectionSettings(
    String serverUri,
    String clientId,
    String username,
    String password,
    Duration initialBackoff,
    Duration maxBackoff) {

  /** Default first retry delay. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);

  /** Default longest retry delay. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  public MqttConnectionSettings {
    Objects.requireNonNull(serverUri, "serverUri");
    if (!(serverUri.startsWith("tcp://") || serverUri.startsWith("ssl://"))) {
      throw new IllegalArgumentException("MQTT URL must start with tcp:// or ssl://");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId is required");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative()
        || initialBackoff.isZero()
        || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff");
    }
    if (username != null && username.isEmpty()) {
      username = null;
    }
    if (password != null && password.isEmpty()) {
      password = null;
    }
  }

  /** Anonymous settings with the default backoff. */
  public static MqttConnectionSettings of(String serverUri, String clientId) {
    return new MqttConnectionSettings(
        serverUri, clientId, null, null, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  /** The subscriber's settings from Vecino's configuration. */
  public static MqttConnectionSettings from(Settings settings) {
    return new MqttConnectionSettings(
        settings.effectiveMqttUrl(),
        settings.mqttClientId(),
        settings.mqttUsername(),
        settings.mqttPassword(),
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF);
  }

  public MqttConnectionSettings withClientId(String id) {
    return new MqttConnectionSettings(
        serverUri, id, username, password, initialBackoff, maxBackoff);
  }

  public MqttConnectionSettings withCredentials(String user, String pass) {
    return new MqttConnectionSettings(serverUri, clientId, user, pass, initialBackoff, maxBackoff);
  }

  public MqttConnectionSettings withBackoff(Duration initial, Duration max) {
    return new MqttConnectionSettings(serverUri, clientId, username, password, initial, max);
  }

  /** Whether the connection uses TLS. */
  public boolean tls() {
    return serverUri.startsWith("ssl://");
  }

  /** The server URI without any user info, safe to log. */
  public String safeServerUri() {
    return redact(serverUri);
  }

  static String redact(String uri) {
    try {
      URI u = URI.create(uri);
      if (u.getUserInfo() == null) {
        return uri;
      }
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null)
          .toString();
    } catch (Exception e) {
      return "<unparseable MQTT URI>";
    }
  }

  @Override
  public String toString() {
    return "MqttConnectionSettings[serverUri="
        + safeServerUri()
        + ", clientId="
        + clientId
        + ", username="
        + (username == null ? "none" : username)
        + ", password="
        + (password == null ? "none" : "***")
        + ", backoff="
        + initialBackoff
        + ".."
        + maxBackoff
        + "]";
  }
}
