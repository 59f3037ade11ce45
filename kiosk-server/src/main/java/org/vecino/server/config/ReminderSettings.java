package org.vecino.server.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.QuietHours;
import org.vecino.core.reminders.ReminderPolicy;

/**
 * The settings of appointment reminders and of the scheduler's webhook (issue 4), in one place.
 * Immutable; {@link #toString()} shows no secret.
 *
 * @param offsets each kind's reminder offsets ({@code VECINO_REMINDER_OFFSETS}, {@code 24h,2h})
 * @param quietHours no reminder in this span of city time, empty for none ({@code
 *     VECINO_REMINDER_QUIET_HOURS}, {@code 21:00-09:00})
 * @param retentionDays an appointment's personal data is deleted this many days after it ({@code
 *     VECINO_REMINDER_RETENTION_DAYS}, 30)
 * @param webhookUrl where confirmations and cancellations are sent, null for nowhere ({@code
 *     VECINO_SCHEDULER_WEBHOOK_URL})
 * @param webhookSecret the key of the webhook's signatures, null when no URL ({@code
 *     VECINO_SCHEDULER_WEBHOOK_SECRET})
 *     <p>The SMS gateway (URL, token, the secret of its signed calls) is {@link
 *     SmsGatewaySettings}: one record for the outbox, the receipts and the citizens' replies.
 */
public record ReminderSettings(
    Map<AppointmentKind, List<Duration>> offsets,
    Optional<QuietHours> quietHours,
    int retentionDays,
    URI webhookUrl,
    String webhookSecret) {
  /** The shortest secret accepted for signatures. */
  public static final int MIN_SECRET_LENGTH = 16;

  public static final List<Duration> DEFAULT_OFFSETS =
      List.of(Duration.ofHours(24), Duration.ofHours(2));

  private static final String OFFSETS_PROBLEM =
      "must be a comma-separated list of durations above zero, e.g. 24h,2h,30m, or one per"
          + " kind, e.g. medical=24h,2h;municipal=48h";

  public static final Setting<Map<AppointmentKind, List<Duration>>> OFFSETS =
      Setting.of(
          "VECINO_REMINDER_OFFSETS",
          "24h,2h",
          Parser.of(
              "durations such as 24h,2h, or medical=48h,2h;municipal=24h",
              ReminderSettings::parseOffsets),
          "when reminders go out before an appointment, for every kind or per kind");
  public static final Setting<Optional<QuietHours>> QUIET_HOURS =
      Setting.of(
              "VECINO_REMINDER_QUIET_HOURS",
              "21:00-09:00",
              Parser.of("a span such as 21:00-09:00, or empty", ReminderSettings::parseQuietHours),
              "no reminder in this span of city time; empty: no quiet hours")
          .acceptingEmpty();
  public static final Setting<Integer> RETENTION_DAYS =
      Setting.of(
          "VECINO_REMINDER_RETENTION_DAYS",
          "30",
          Parser.intRange(1, 3650),
          "days after an appointment when its personal data is deleted");
  public static final Setting<URI> WEBHOOK_URL =
      Setting.of(
          "VECINO_SCHEDULER_WEBHOOK_URL",
          null,
          Parser.httpUrl(),
          "where citizens' confirmations and cancellations are posted; unset: not sent");
  public static final Setting<String> WEBHOOK_SECRET =
      Setting.secret(
          "VECINO_SCHEDULER_WEBHOOK_SECRET",
          Parser.token(MIN_SECRET_LENGTH),
          "key of the webhook's signatures, required with the URL");

  /** This group's settings. */
  public static final List<Setting<?>> SETTINGS =
      List.of(OFFSETS, QUIET_HOURS, RETENTION_DAYS, WEBHOOK_URL, WEBHOOK_SECRET);

  public ReminderSettings {
    Objects.requireNonNull(offsets, "offsets");
    Objects.requireNonNull(quietHours, "quietHours");
    Map<AppointmentKind, List<Duration>> copy = new EnumMap<>(AppointmentKind.class);
    offsets.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    offsets = Collections.unmodifiableMap(copy);
    if (retentionDays < 1) {
      throw new IllegalArgumentException("retentionDays must be at least 1");
    }
    if (webhookUrl != null
        && (webhookSecret == null || webhookSecret.length() < MIN_SECRET_LENGTH)) {
      throw new IllegalArgumentException("a webhook URL needs a secret of 16 characters or more");
    }
  }

  /** The defaults: 24 h and 2 h, quiet 21:00–09:00, 30 days, no webhook, no gateway. */
  public static ReminderSettings defaults() {
    Map<AppointmentKind, List<Duration>> m = new EnumMap<>(AppointmentKind.class);
    for (AppointmentKind k : AppointmentKind.values()) {
      m.put(k, DEFAULT_OFFSETS);
    }
    return new ReminderSettings(m, Optional.of(QuietHours.standard()), 30, null, null);
  }

  static ReminderSettings read(SettingValues v) {
    URI webhookUrl = v.get(WEBHOOK_URL);
    String webhookSecret = v.get(WEBHOOK_SECRET);
    if (webhookUrl != null && webhookSecret == null) {
      throw v.fail(
          WEBHOOK_SECRET,
          "is required when VECINO_SCHEDULER_WEBHOOK_URL is set (at least "
              + MIN_SECRET_LENGTH
              + " characters)");
    }
    return new ReminderSettings(
        v.get(OFFSETS), v.get(QUIET_HOURS), v.get(RETENTION_DAYS), webhookUrl, webhookSecret);
  }

  /** These settings with a webhook. */
  public ReminderSettings withWebhook(URI url, String secret) {
    return new ReminderSettings(offsets, quietHours, retentionDays, url, secret);
  }

  /** The reminder policy in the city's {@code zone}. */
  public ReminderPolicy policy(ZoneId zone) {
    return new ReminderPolicy(offsets, quietHours, zone);
  }

  /** How long personal data is kept after an appointment. */
  public Duration retention() {
    return Duration.ofDays(retentionDays);
  }

  /** {@code 24h,2h} for every kind, or {@code medical=24h,2h;municipal=48h}. */
  private static Map<AppointmentKind, List<Duration>> parseOffsets(String value) {
    Map<AppointmentKind, List<Duration>> result = new EnumMap<>(AppointmentKind.class);
    if (!value.contains("=")) {
      List<Duration> all = durations(value);
      for (AppointmentKind k : AppointmentKind.values()) {
        result.put(k, all);
      }
      return result;
    }
    for (AppointmentKind k : AppointmentKind.values()) {
      result.put(k, DEFAULT_OFFSETS);
    }
    Set<AppointmentKind> seen = EnumSet.noneOf(AppointmentKind.class);
    for (String part : value.split(";", -1)) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new Parser.Invalid(OFFSETS_PROBLEM);
      }
      String kindName = part.substring(0, eq).strip();
      AppointmentKind kind =
          AppointmentKind.fromCode(kindName)
              .orElseThrow(
                  () ->
                      new Parser.Invalid(
                          "unknown kind \""
                              + SettingValues.shorten(kindName)
                              + "\"; the kinds are medical and municipal"));
      if (!seen.add(kind)) {
        throw new Parser.Invalid("kind " + kind.code() + " is given twice");
      }
      result.put(kind, durations(part.substring(eq + 1)));
    }
    return result;
  }

  private static List<Duration> durations(String list) {
    List<Duration> out = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      Duration d;
      try {
        d = DurationParser.parse(part);
      } catch (IllegalArgumentException e) {
        throw new Parser.Invalid(OFFSETS_PROBLEM);
      }
      if (d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
        throw new Parser.Invalid(OFFSETS_PROBLEM + " (at most 720h)");
      }
      out.add(d);
    }
    return out;
  }

  /** The quiet hours; empty means none. */
  private static Optional<QuietHours> parseQuietHours(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(QuietHours.parse(value));
    } catch (IllegalArgumentException e) {
      throw new Parser.Invalid(
          "must be a span of city time such as 21:00-09:00, or empty for none");
    }
  }

  @Override
  public String toString() {
    return "ReminderSettings[offsets="
        + offsets
        + ", quietHours="
        + quietHours.map(QuietHours::toString).orElse("none")
        + ", retentionDays="
        + retentionDays
        + ", webhook="
        + (webhookUrl == null ? "none" : webhookUrl.getScheme() + "://" + webhookUrl.getHost())
        + "]";
  }
}
