package org.vecino.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.vecino.core.testing.MutableClock;
import org.vecino.server.Vecino;
import org.vecino.server.config.ReminderSettings;
import org.vecino.server.config.Settings;
import org.vecino.server.config.SettingsLoader;
import org.vecino.server.config.SmsGatewaySettings;
import org.vecino.server.sms.outbox.SqlSmsOutbox;

/**
 * A real Vecino for integration tests: random HTTP port, a SQLite file in a temporary folder, an
 * external broker, the sample city's timetable, a hand-set clock. Not thread-safe.
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  /** Monday 30 November 2026, 10:00 in Santander: buses run. */
  public static final Instant MONDAY_10AM = Instant.parse("2026-11-30T09:00:00Z");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Settings settings;
  private final MutableClock clock;
  private Vecino vecino;

  private TestServer(Settings settings, MutableClock clock) {
    this.settings = settings;
    this.clock = clock;
    this.vecino = Vecino.start(settings, clock);
  }

  /** A server with these reminder settings, its clock at {@code now}. */
  public static TestServer start(
      Path dir, String mqttUrl, ReminderSettings reminders, Instant now) {
    return start(dir, mqttUrl, reminders, SmsGatewaySettings.logOnly(), now);
  }

  /**
   * A server with these reminder and gateway settings (e.g. the secret of the gateway's signed
   * calls), its clock at {@code now}.
   */
  public static TestServer start(
      Path dir, String mqttUrl, ReminderSettings reminders, SmsGatewaySettings sms, Instant now) {
    MutableClock clock = new MutableClock(now, ZoneId.of("Europe/Madrid"));
    Settings settings =
        settings(dir, mqttUrl, "vecino-test-" + System.nanoTime()).toBuilder()
            .smsGateway(sms)
            .reminders(reminders)
            .build();
    return new TestServer(settings, clock);
  }

  /**
   * Settings for a server on {@code dir} against the broker at {@code mqttUrl} (null for an
   * embedded one): the shipped sample city, any free HTTP port on 127.0.0.1, no simulator, every
   * other setting at its default. Read by {@link SettingsLoader} from {@code VECINO_*} values, so
   * they are checked like a real configuration.
   */
  public static Settings settings(Path dir, String mqttUrl, String clientId) {
    Map<String, String> values = new HashMap<>();
    values.put("VECINO_HTTP_HOST", "127.0.0.1");
    values.put("VECINO_HTTP_PORT", "0");
    values.put("VECINO_DB", dir.resolve("vecino.db").toString());
    if (mqttUrl != null) {
      values.put("VECINO_MQTT_URL", mqttUrl);
    }
    values.put("VECINO_MQTT_CLIENT_ID", clientId);
    values.put("VECINO_SIMULATOR", "false");
    values.put("VECINO_GTFS", Repo.sampleGtfs().toString());
    values.put("VECINO_ADMIN_TOKEN", ADMIN_TOKEN);
    values.put("VECINO_PARKING_CATALOG", Repo.sampleParking().toString());
    values.put("VECINO_SMS_TEMPLATES", Repo.smsTemplates().toString());
    values.put("VECINO_OFFICE_CATALOG", Repo.officeCatalog().toString());
    return SettingsLoader.load(null, values, dir);
  }

  /** A server at {@link #MONDAY_10AM} whose SMS are logged (no gateway). */
  public static TestServer start(Path dir, String mqttUrl) {
    return new TestServer(
        settings(dir, mqttUrl, "vecino-test-" + System.nanoTime()),
        new MutableClock(MONDAY_10AM, ZoneId.of("Europe/Madrid")));
  }

  /** A server whose SMS go to {@code sms} (a gateway URL, secret, attempts). */
  public static TestServer start(Path dir, String mqttUrl, SmsGatewaySettings sms) {
    MutableClock clock = new MutableClock(MONDAY_10AM, ZoneId.of("Europe/Madrid"));
    Settings settings =
        settings(dir, mqttUrl, "vecino-test-" + System.nanoTime()).toBuilder()
            .smsGateway(sms)
            .build();
    return new TestServer(settings, clock);
  }

  /** The running Vecino. */
  public Vecino vecino() {
    return vecino;
  }

  /** Stops and starts again on the same database, broker session and clock. */
  public void restart() {
    vecino.stop();
    vecino = Vecino.start(settings, clock);
  }

  public void stop() {
    vecino.stop();
  }

  /** The running server's durable SMS outbox. */
  public SqlSmsOutbox smsOutbox() {
    return vecino.smsOutbox();
  }

  public MutableClock clock() {
    return clock;
  }

  public int port() {
    return vecino.httpPort();
  }

  public java.util.List<String> routes() {
    return vecino.httpRoutes();
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
  }

  public HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public HttpResponse<String> getAsAdmin(String path) {
    return get(path, "Authorization", "Bearer " + ADMIN_TOKEN);
  }

  @Override
  public void close() {
    if (vecino != null) {
      vecino.stop();
    }
  }
}
