package org.vecino.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every setting of a running Vecino, validated, in one record per group. Built by {@link
 * SettingsLoader} from the settings file and the environment ({@code operations.md}); each group
 * declares its own settings ({@link Setting}) and reads them. The flat accessors ({@link #db()},
 * {@link #httpPort()}, ...) are shortcuts to the groups. Immutable; {@link #toString()} shows no
 * secret.
 *
 * <p>Tests build settings with {@link SettingsLoader#load(Path, java.util.Map, Path)} from a map of
 * {@code VECINO_*} values and replace a whole group with {@link #toBuilder()}.
 *
 * @param http the HTTP server and its bootstrap admin token ({@code VECINO_HTTP_*}, {@code
 *     VECINO_ADMIN_TOKEN})
 * @param storage the database file ({@code VECINO_DB})
 * @param city the city's time zone ({@code VECINO_TIMEZONE})
 * @param mqtt the broker, topics and simulator ({@code VECINO_MQTT_*}, {@code VECINO_SIMULATOR})
 * @param transit the timetable and real-time predictions ({@code VECINO_GTFS}, {@code
 *     VECINO_TRANSIT_*})
 * @param parking the parking catalog ({@code VECINO_PARKING_CATALOG})
 * @param smsTexts the SMS templates ({@code VECINO_SMS_TEMPLATES}, {@code VECINO_SMS_FOLD_ACCENTS})
 * @param smsGateway the SMS gateway ({@code VECINO_SMS_GATEWAY_*}, {@code
 *     VECINO_SMS_MAX_ATTEMPTS}); unset URL: messages are only logged
 * @param office the Neighbor's Office ({@code VECINO_OFFICE_*}, {@code VECINO_KIOSK_*}, {@code
 *     VECINO_SMS_ALLOWED_COUNTRIES})
 * @param reminders appointment reminders and the scheduler's webhook ({@code VECINO_REMINDER_*},
 *     {@code VECINO_SCHEDULER_WEBHOOK_*})
 */
public record Settings(
    HttpSettings http,
    StorageSettings storage,
    CitySettings city,
    MqttSettings mqtt,
    TransitSettings transit,
    ParkingSettings parking,
    SmsTextSettings smsTexts,
    SmsGatewaySettings smsGateway,
    OfficeSettings office,
    ReminderSettings reminders) {

  /** Every declared setting, group by group, in the order of {@code config/vecino.conf}. */
  public static final List<Setting<?>> DECLARED =
      Stream.of(
              HttpSettings.SETTINGS,
              StorageSettings.SETTINGS,
              MqttSettings.SETTINGS,
              TransitSettings.SETTINGS,
              CitySettings.SETTINGS,
              ParkingSettings.SETTINGS,
              OfficeSettings.SETTINGS,
              ReminderSettings.SETTINGS,
              SmsGatewaySettings.SETTINGS,
              SmsTextSettings.SETTINGS)
          .flatMap(List::stream)
          .toList();

  public Settings {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(transit, "transit");
    Objects.requireNonNull(parking, "parking");
    Objects.requireNonNull(smsTexts, "smsTexts");
    Objects.requireNonNull(smsGateway, "smsGateway");
    Objects.requireNonNull(office, "office");
    Objects.requireNonNull(reminders, "reminders");
  }

  /** Each group read from the parsed values. */
  static Settings read(SettingValues v) {
    return new Settings(
        HttpSettings.read(v),
        StorageSettings.read(v),
        CitySettings.read(v),
        MqttSettings.read(v),
        TransitSettings.read(v),
        ParkingSettings.read(v),
        SmsTextSettings.read(v),
        SmsGatewaySettings.read(v),
        OfficeSettings.read(v),
        ReminderSettings.read(v));
  }

  /** A builder starting from these settings, to replace whole groups (tests). */
  public Builder toBuilder() {
    return new Builder(this);
  }

  // --- shortcuts to the groups, kept for the code written against the flat record

  /** Interface the HTTP server binds to. */
  public String httpHost() {
    return http.host();
  }

  /** HTTP port, 0 for any free one. */
  public int httpPort() {
    return http.port();
  }

  /** Bootstrap admin token, null to generate one. */
  public String adminToken() {
    return http.adminToken();
  }

  /** SQLite database file. */
  public Path db() {
    return storage.db();
  }

  /** The city's zone. */
  public ZoneId timezone() {
    return city.timezone();
  }

  /** External broker URL, null for the embedded broker. */
  public String mqttUrl() {
    return mqtt.url();
  }

  /** Topic prefix. */
  public String mqttPrefix() {
    return mqtt.prefix();
  }

  /** Stable MQTT client id. */
  public String mqttClientId() {
    return mqtt.clientId();
  }

  /** Broker user, may be null. */
  public String mqttUsername() {
    return mqtt.username();
  }

  /** Broker password, may be null. */
  public String mqttPassword() {
    return mqtt.password();
  }

  /** Port of the embedded broker on 127.0.0.1. */
  public int embeddedBrokerPort() {
    return mqtt.embeddedPort();
  }

  /** Whether simulated sensor data is published. */
  public boolean simulator() {
    return mqtt.simulator();
  }

  /** How far in the future a message timestamp may be. */
  public Duration maxFutureSkew() {
    return mqtt.maxFutureSkew();
  }

  /** How many rejected messages are kept for inspection. */
  public int rejectionsKept() {
    return mqtt.rejectionsKept();
  }

  /** Whether Vecino starts its own in-process broker (no external broker configured). */
  public boolean embeddedBroker() {
    return mqtt.embedded();
  }

  /** The broker URL Vecino connects to: the external one, or the embedded one. */
  public String effectiveMqttUrl() {
    return mqtt.effectiveUrl();
  }

  /** GTFS static feed, zip or folder. */
  public Path gtfs() {
    return transit.gtfs();
  }

  /** Age after which a prediction is no longer real-time. */
  public Duration predictionStaleAfter() {
    return transit.predictionStaleAfter();
  }

  /** The parking catalog file. */
  public Path parkingCatalog() {
    return parking.catalog();
  }

  /** Folder of the SMS template files. */
  public Path smsTemplates() {
    return smsTexts.templates();
  }

  /** Whether accents GSM-7 lacks are dropped when that saves an SMS segment. */
  public boolean smsFoldAccents() {
    return smsTexts.foldAccents();
  }

  @Override
  public String toString() {
    // Never print secrets.
    return "Settings[httpPort="
        + httpPort()
        + ", db="
        + db()
        + ", mqtt="
        + effectiveMqttUrl()
        + ", prefix="
        + mqttPrefix()
        + ", simulator="
        + simulator()
        + ", gtfs="
        + gtfs()
        + ", timezone="
        + timezone()
        + ", parkingCatalog="
        + parkingCatalog()
        + "]";
  }

  /**
   * Settings with some groups replaced: {@code settings.toBuilder().smsGateway(g).build()}. Not
   * thread-safe; the built {@link Settings} is immutable.
   */
  public static final class Builder {
    private HttpSettings http;
    private StorageSettings storage;
    private CitySettings city;
    private MqttSettings mqtt;
    private TransitSettings transit;
    private ParkingSettings parking;
    private SmsTextSettings smsTexts;
    private SmsGatewaySettings smsGateway;
    private OfficeSettings office;
    private ReminderSettings reminders;

    private Builder(Settings s) {
      http = s.http;
      storage = s.storage;
      city = s.city;
      mqtt = s.mqtt;
      transit = s.transit;
      parking = s.parking;
      smsTexts = s.smsTexts;
      smsGateway = s.smsGateway;
      office = s.office;
      reminders = s.reminders;
    }

    public Builder http(HttpSettings value) {
      http = value;
      return this;
    }

    public Builder storage(StorageSettings value) {
      storage = value;
      return this;
    }

    public Builder city(CitySettings value) {
      city = value;
      return this;
    }

    public Builder mqtt(MqttSettings value) {
      mqtt = value;
      return this;
    }

    public Builder transit(TransitSettings value) {
      transit = value;
      return this;
    }

    public Builder parking(ParkingSettings value) {
      parking = value;
      return this;
    }

    public Builder smsTexts(SmsTextSettings value) {
      smsTexts = value;
      return this;
    }

    public Builder smsGateway(SmsGatewaySettings value) {
      smsGateway = value;
      return this;
    }

    public Builder office(OfficeSettings value) {
      office = value;
      return this;
    }

    public Builder reminders(ReminderSettings value) {
      reminders = value;
      return this;
    }

    public Settings build() {
      return new Settings(
          http, storage, city, mqtt, transit, parking, smsTexts, smsGateway, office, reminders);
    }
  }
}
