package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.QuietHours;

/**
 * The reminder, webhook and gateway settings ({@link ReminderSettings}) in {@link SettingsLoader}.
 */
class ReminderSettingsTest {
  private static final String SECRET = "0123456789abcdef-secret";
  @TempDir Path dir;

  @BeforeEach
  void sampleGtfsFolder() throws IOException {
    Files.createDirectories(dir.resolve("config/gtfs"));
  }

  private ReminderSettings load(Map<String, String> env) {
    return SettingsLoader.load(null, env, dir).reminders();
  }

  @Test
  void defaults() {
    ReminderSettings r = load(Map.of());
    assertThat(r).isEqualTo(ReminderSettings.defaults());
    assertThat(r.offsets().get(AppointmentKind.MEDICAL))
        .containsExactly(Duration.ofHours(24), Duration.ofHours(2));
    assertThat(r.quietHours()).contains(QuietHours.standard());
    assertThat(r.retentionDays()).isEqualTo(30);
    assertThat(r.webhookUrl()).isNull();
  }

  @Test
  void everythingSet() {
    ReminderSettings r =
        load(
            Map.of(
                "VECINO_REMINDER_OFFSETS", "medical=48h,2h;municipal=24h,30m",
                "VECINO_REMINDER_QUIET_HOURS", "22:00-08:30",
                "VECINO_REMINDER_RETENTION_DAYS", "7",
                "VECINO_SMS_GATEWAY_URL", "https://sms.example.org/api",
                "VECINO_SMS_GATEWAY_TOKEN", "gateway-token-0123456789",
                "VECINO_SMS_GATEWAY_SECRET", SECRET,
                "VECINO_SCHEDULER_WEBHOOK_URL", "https://scheduler.example.org/hook",
                "VECINO_SCHEDULER_WEBHOOK_SECRET", SECRET));
    assertThat(r.offsets().get(AppointmentKind.MEDICAL))
        .containsExactly(Duration.ofHours(48), Duration.ofHours(2));
    assertThat(r.offsets().get(AppointmentKind.MUNICIPAL))
        .containsExactly(Duration.ofHours(24), Duration.ofMinutes(30));
    assertThat(r.quietHours()).contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 30)));
    assertThat(r.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(r.webhookUrl()).isEqualTo(URI.create("https://scheduler.example.org/hook"));
    assertThat(r.webhookSecret()).isEqualTo(SECRET);
    assertThat(r.toString()).doesNotContain(SECRET).doesNotContain("gateway-token-0123456789");
  }

  @Test
  void oneListForEveryKindAndAKindLeftOutKeepsTheDefault() {
    assertThat(load(Map.of("VECINO_REMINDER_OFFSETS", "24h,2h,30m")).offsets())
        .containsEntry(
            AppointmentKind.MUNICIPAL,
            List.of(Duration.ofHours(24), Duration.ofHours(2), Duration.ofMinutes(30)));
    assertThat(load(Map.of("VECINO_REMINDER_OFFSETS", "municipal=1h")).offsets())
        .containsEntry(AppointmentKind.MEDICAL, ReminderSettings.DEFAULT_OFFSETS)
        .containsEntry(AppointmentKind.MUNICIPAL, List.of(Duration.ofHours(1)));
  }

  @Test
  void anEmptyQuietHoursSettingMeansNone() throws IOException {
    Files.writeString(dir.resolve("v.conf"), "VECINO_REMINDER_QUIET_HOURS =\n");
    assertThat(SettingsLoader.load(Path.of("v.conf"), Map.of(), dir).reminders().quietHours())
        .isEqualTo(Optional.empty());
  }

  @Test
  void badValuesStopTheStartNamingTheSetting() {
    assertThatThrownBy(() -> load(Map.of("VECINO_REMINDER_OFFSETS", "dental=2h")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VECINO_REMINDER_OFFSETS: unknown kind \"dental\"");
    assertThatThrownBy(() -> load(Map.of("VECINO_REMINDER_OFFSETS", "medical=2h;medical=1h")))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> load(Map.of("VECINO_REMINDER_OFFSETS", "0m")))
        .hasMessageStartingWith("VECINO_REMINDER_OFFSETS: must be");
    assertThatThrownBy(() -> load(Map.of("VECINO_REMINDER_QUIET_HOURS", "9-21")))
        .hasMessageStartingWith("VECINO_REMINDER_QUIET_HOURS: must be a span");
    assertThatThrownBy(() -> load(Map.of("VECINO_REMINDER_QUIET_HOURS", "09:00-09:00")))
        .hasMessageStartingWith("VECINO_REMINDER_QUIET_HOURS: must be a span");
    assertThatThrownBy(() -> load(Map.of("VECINO_REMINDER_RETENTION_DAYS", "0")))
        .hasMessageStartingWith("VECINO_REMINDER_RETENTION_DAYS: must be a number 1..3650");
    assertThatThrownBy(
            () -> load(Map.of("VECINO_SCHEDULER_WEBHOOK_URL", "https://scheduler.example.org/h")))
        .hasMessageStartingWith("VECINO_SCHEDULER_WEBHOOK_SECRET: is required");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "VECINO_SCHEDULER_WEBHOOK_URL", "https://scheduler.example.org/h",
                        "VECINO_SCHEDULER_WEBHOOK_SECRET", "short")))
        .hasMessage(
            "VECINO_SCHEDULER_WEBHOOK_SECRET: must be at least 16 characters long (it has 5)"
                + " (from the environment)");
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_GATEWAY_SECRET", "shortsecret")))
        .hasMessageStartingWith("VECINO_SMS_GATEWAY_SECRET: must be at least 16")
        .hasMessageNotContaining("shortsecret");
  }
}
