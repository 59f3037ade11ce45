package org.vecino.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Every setting of a running Vecino, validated. Built by {@link SettingsLoader} from the settings
 * file and the environment ({@code operations.md}). Immutable.
 *
 * @param httpHost interface the HTTP server binds to ({@code VECINO_HTTP_HOST}, default 0.0.0.0)
 * @param httpPort HTTP port, 0 for any free one ({@code VECINO_HTTP_PORT}, 7070)
 * @param db SQLite database file ({@code VECINO_DB}, {@code data/vecino.db})
 * @param mqttUrl external broker URL, null for the embedded broker ({@code VECINO_MQTT_URL})
 * @param mqttPrefix topic prefix ({@code VECINO_MQTT_PREFIX}, {@code city})
 * @param mqttClientId stable client id ({@code VECINO_MQTT_CLIENT_ID}, {@code vecino-kiosk})
 * @param mqttUsername broker user, may be null ({@code VECINO_MQTT_USERNAME})
 * @param mqttPassword broker password, may be null ({@code VECINO_MQTT_PASSWORD})
 * @param embeddedBrokerPort port of the embedded broker on 127.0.0.1 ({@code
 *     VECINO_MQTT_EMBEDDED_PORT}, 1883)
 * @param simulator publish simulated sensor data ({@code VECINO_SIMULATOR})
 * @param gtfs GTFS static feed, zip or folder ({@code VECINO_GTFS})
 * @param timezone the city's zone ({@code VECINO_TIMEZONE}, Europe/Madrid)
 * @param adminToken bootstrap admin token, null to generate one ({@code VECINO_ADMIN_TOKEN})
 * @param predictionStaleAfter age after which a prediction is no longer real-time ({@code
 *     VECINO_TRANSIT_STALE_AFTER}, 90s)
 * @param maxFutureSkew how far in the future a message timestamp may be ({@code
 *     VECINO_MQTT_MAX_FUTURE}, 5m)
 * @param rejectionsKept how many rejected messages are kept for inspection ({@code
 *     VECINO_MQTT_REJECTIONS_KEPT}, 1000)
 * @param parkingCatalog the parking catalog file ({@code VECINO_PARKING_CATALOG}, {@code
 *     config/parking.json}); read and validated at start
 * @param smsTemplates folder of the SMS template files {@code es.properties}, {@code en.properties}
 *     ({@code VECINO_SMS_TEMPLATES}, {@code config/sms-templates}); read and validated at start
 * @param smsFoldAccents write accented letters GSM-7 lacks without accent when that saves an SMS
 *     segment ({@code VECINO_SMS_FOLD_ACCENTS}, true)
 * @param smsGateway the SMS gateway ({@code VECINO_SMS_GATEWAY_URL}, {@code _TOKEN}, {@code
 *     _SECRET}, {@code VECINO_SMS_MAX_ATTEMPTS}); unset URL: messages are only logged
 * @param office the Neighbor's Office: catalog file and kiosk offline limit
 * @param reminders appointment reminders, the scheduler's webhook and the SMS gateway ({@code
 *     VECINO_REMINDER_*}, {@code VECINO_SCHEDULER_WEBHOOK_*}, {@code VECINO_SMS_GATEWAY_*})
 */
public record Settings(
    String httpHost,
    int httpPort,
    Path db,
    String mqttUrl,
    String mqttPrefix,
    String mqttClientId,
    String mqttUsername,
    String mqttPassword,
    int embeddedBrokerPort,
    boolean simulator,
    Path gtfs,
    ZoneId timezone,
    String adminToken,
    Duration predictionStaleAfter,
    Duration maxFutureSkew,
    int rejectionsKept,
    Path parkingCatalog,
    Path smsTemplates,
    boolean smsFoldAccents,
    SmsGatewaySettings smsGateway,
    OfficeSettings office,
    ReminderSettings reminders) {
  public Settings {
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(mqttPrefix, "mqttPrefix");
    Objects.requireNonNull(mqttClientId, "mqttClientId");
    Objects.requireNonNull(gtfs, "gtfs");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(predictionStaleAfter, "predictionStaleAfter");
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    Objects.requireNonNull(parkingCatalog, "parkingCatalog");
    Objects.requireNonNull(smsTemplates, "smsTemplates");
    Objects.requireNonNull(smsGateway, "smsGateway");
    Objects.requireNonNull(office, "office");
    Objects.requireNonNull(reminders, "reminders");
  }

  /** Whether Vecino starts its own in-process broker (no external broker configured). */
  public boolean embeddedBroker() {
    return mqttUrl == null;
  }

  /** The broker URL Vecino connects to: the external one, or the embedded one. */
  public String effectiveMqttUrl() {
    return mqttUrl != null ? mqttUrl : "tcp://127.0.0.1:" + embeddedBrokerPort;
  }

  @Override
  public String toString() {
    // Never print secrets.
    return "Settings[httpPort="
        + httpPort
        + ", db="
        + db
        + ", mqtt="
        + effectiveMqttUrl()
        + ", prefix="
        + mqttPrefix
        + ", simulator="
        + simulator
        + ", gtfs="
        + gtfs
        + ", timezone="
        + timezone
        + ", parkingCatalog="
        + parkingCatalog
        + "]";
  }
}
