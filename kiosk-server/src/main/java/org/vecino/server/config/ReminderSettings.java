package org.vecino.server.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.QuietHours;
import org.vecino.core.reminders.ReminderPolicy;

/**
 * The settings of appointment reminders and of the SMS gateway (issue 4), in one place. Immutable;
 * {@link #toString()} shows no secret.
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
