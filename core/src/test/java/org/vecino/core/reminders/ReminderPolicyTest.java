package org.vecino.core.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vecino.core.reminders.PlannedReminder.Origin;
import org.vecino.core.reminders.PlannedReminder.Scheduled;
import org.vecino.core.reminders.PlannedReminder.SkipReason;
import org.vecino.core.reminders.PlannedReminder.Skipped;

/** The reminder times of http.md in Europe/Madrid, with fixed "now"s. */
class ReminderPolicyTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final ReminderPolicy STANDARD = ReminderPolicy.standard(MADRID);
  private static final ReminderPolicy NO_QUIET =
      ReminderPolicy.uniform(
          List.of(Duration.ofHours(24), Duration.ofHours(2)), Optional.empty(), MADRID);

  private static Instant t(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant();
  }

  private static List<PlannedReminder> plan(ReminderPolicy p, String startsAt, String now) {
    return p.plan(AppointmentKind.MEDICAL, t(startsAt), t(now), true);
  }

  private static Scheduled scheduled(String at) {
    return new Scheduled(t(at), Origin.OFFSET);
  }

  @Test
  void theDefaultSends24HoursAnd2HoursBefore() {
    assertThat(plan(STANDARD, "2026-12-01T12:30:00+01:00", "2026-11-28T10:00:00+01:00"))
        .containsExactly(
            scheduled("2026-11-30T12:30:00+01:00"), scheduled("2026-12-01T10:30:00+01:00"));
  }

  @Nested
  class DaylightSaving {
    @Test
    void springForward2027WholeDayKeepsTheClockTime() {
      // Sunday 28 March 2027, 02:00 CET -> 03:00 CEST. 24 h before 09:30 CEST is 09:30 CET
      // the day before: 23 elapsed hours.
      List<PlannedReminder> p =
          plan(NO_QUIET, "2027-03-28T09:30:00+02:00", "2027-03-20T10:00:00+01:00");
      assertThat(p)
          .containsExactly(
              scheduled("2027-03-27T09:30:00+01:00"), scheduled("2027-03-28T07:30:00+02:00"));
      assertThat(Duration.between(p.get(0).dueAt(), t("2027-03-28T09:30:00+02:00")))
          .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void springForward2027ElapsedOffsetsCountRealHours() {
      // 2 h before 03:30 CEST is 00:30 CET: three hours on the wall clock.
      assertThat(plan(NO_QUIET, "2027-03-28T03:30:00+02:00", "2027-03-20T10:00:00+01:00"))
          .containsExactly(
              scheduled("2027-03-27T03:30:00+01:00"), scheduled("2027-03-28T00:30:00+01:00"));
    }

    @Test
    void fallBack2026WholeDayKeepsTheClockTime() {
      // Sunday 25 October 2026, 03:00 CEST -> 02:00 CET: 25 elapsed hours in that day.
      List<PlannedReminder> p =
          plan(STANDARD, "2026-10-25T10:00:00+01:00", "2026-10-20T10:00:00+02:00");
      assertThat(p.get(0)).isEqualTo(scheduled("2026-10-24T10:00:00+02:00"));
      assertThat(Duration.between(p.get(0).dueAt(), t("2026-10-25T10:00:00+01:00")))
          .isEqualTo(Duration.ofHours(25));
      // 2 h before 10:00 is 08:00, in quiet hours: the evening before at 20:59 CEST.
      assertThat(p.get(1)).isEqualTo(scheduled("2026-10-24T20:59:00+02:00"));
    }

    @Test
    void fallBack2027TwoDayOffsetKeepsTheClockTime() {
      ReminderPolicy twoDays =
          ReminderPolicy.uniform(List.of(Duration.ofDays(2)), Optional.empty(), MADRID);
      // Monday 1 November 2027 09:30 CET; 31 October 2027 03:00 CEST -> 02:00 CET.
      assertThat(plan(twoDays, "2027-11-01T09:30:00+01:00", "2027-10-25T10:00:00+01:00"))
          .containsExactly(scheduled("2027-10-30T09:30:00+02:00"));
    }

    @Test
    void fallBack2027ElapsedOffsetCrossesTheRepeatedHour() {
      ReminderPolicy threeHours =
          ReminderPolicy.uniform(List.of(Duration.ofHours(3)), Optional.empty(), MADRID);
      // 04:00 CET minus 3 elapsed hours is 02:00 CEST, the first of the two 02:00s.
      assertThat(plan(threeHours, "2027-10-31T04:00:00+01:00", "2027-10-30T10:00:00+02:00"))
          .containsExactly(scheduled("2027-10-31T02:00:00+02:00"));
    }

    @Test
    void aWholeDayBeforeFallsInTheSkippedHourAndMovesForward() {
      ReminderPolicy oneDay =
          ReminderPolicy.uniform(List.of(Duration.ofDays(1)), Optional.empty(), MADRID);
      // 02:30 on 28 March 2027 does not exist in Madrid: 03:30 CEST is used.
      assertThat(plan(oneDay, "2027-03-29T02:30:00+02:00", "2027-03-20T10:00:00+01:00"))
          .containsExactly(scheduled("2027-03-28T03:30:00+02:00"));
    }

    @Test
    void quietHoursFollowTheLocalClockOnTheDayOfTheChange() {
      // 2 h before 10:00 on Sunday 28 March 2027 is 08:00 CEST, quiet; the last moment before
      // the quiet hours began is 20:59 CET on Saturday.
      assertThat(plan(STANDARD, "2027-03-28T10:00:00+02:00", "2027-03-20T10:00:00+01:00"))
          .containsExactly(
              scheduled("2027-03-27T10:00:00+01:00"), scheduled("2027-03-27T20:59:00+01:00"));
    }
  }

  @Nested
  class Quiet {
    @Test
    void aReminderDueInQuietHoursGoesAtTheLastMomentBefore() {
      // Tuesday 09:30; 2 h before is 07:30 -> Monday 20:59.
      assertThat(plan(STANDARD, "2026-12-01T09:30:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(
              scheduled("2026-11-30T09:30:00+01:00"), scheduled("2026-11-30T20:59:00+01:00"));
    }

    @Test
    void aReminderDueAfterMidnightInQuietHoursGoesTheEveningBefore() {
      ReminderPolicy threeHours =
          ReminderPolicy.uniform(
              List.of(Duration.ofHours(3)), Optional.of(QuietHours.standard()), MADRID);
      assertThat(plan(threeHours, "2026-12-01T03:00:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(scheduled("2026-11-30T20:59:00+01:00"));
    }

    @Test
    void quietHoursAreHalfOpen() {
      ReminderPolicy oneHour =
          ReminderPolicy.uniform(
              List.of(Duration.ofHours(1)), Optional.of(QuietHours.standard()), MADRID);
      // Due 09:00 (allowed: the quiet span ends at 09:00) and 21:00 (quiet).
      assertThat(plan(oneHour, "2026-12-01T10:00:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(scheduled("2026-12-01T09:00:00+01:00"));
      assertThat(plan(oneHour, "2026-12-01T22:00:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(scheduled("2026-12-01T20:59:00+01:00"));
      assertThat(plan(oneHour, "2026-12-01T21:59:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(scheduled("2026-12-01T20:59:00+01:00"));
    }

    @Test
    void whenTheLastMomentBeforeQuietHoursHasPassedTheReminderIsSkipped() {
      // Booked Monday 22:00 for Tuesday 08:00: 24 h before has passed, 2 h before (06:00) is
      // quiet and Monday 20:59 has passed; the quiet hours end at 09:00, after the appointment.
      assertThat(plan(STANDARD, "2026-12-01T08:00:00+01:00", "2026-11-30T22:00:00+01:00"))
          .containsExactly(
              new Skipped(t("2026-11-30T08:00:00+01:00"), SkipReason.PAST),
              new Skipped(t("2026-12-01T06:00:00+01:00"), SkipReason.QUIET_HOURS));
    }

    @Test
    void withoutQuietHoursANightReminderIsSentAtItsTime() {
      assertThat(plan(NO_QUIET, "2026-12-01T05:00:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(
              scheduled("2026-11-30T05:00:00+01:00"), scheduled("2026-12-01T03:00:00+01:00"));
    }

    @Test
    void aDaytimeQuietSpanDoesNotWrap() {
      ReminderPolicy lunch =
          ReminderPolicy.uniform(
              List.of(Duration.ofHours(2)),
              Optional.of(new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0))),
              MADRID);
      assertThat(plan(lunch, "2026-12-01T16:00:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(scheduled("2026-12-01T12:59:00+01:00"));
      assertThat(plan(lunch, "2026-12-01T23:00:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(scheduled("2026-12-01T21:00:00+01:00"));
    }

    @Test
    void twoOffsetsMovedToTheSameMomentSendOneReminder() {
      ReminderPolicy p =
          ReminderPolicy.uniform(
              List.of(Duration.ofHours(10), Duration.ofHours(5)),
              Optional.of(QuietHours.standard()),
              MADRID);
      assertThat(plan(p, "2026-12-01T07:00:00+01:00", "2026-11-28T10:00:00+01:00"))
          .containsExactly(
              scheduled("2026-11-30T20:59:00+01:00"),
              new Skipped(t("2026-11-30T20:59:00+01:00"), SkipReason.DUPLICATE));
    }
  }

  @Nested
  class LateBooking {
    @Test
    void pastRemindersAreSkippedAndTheOthersKept() {
      // Booked Monday 11:00 for Tuesday 10:00: 24 h before has passed, 2 h before is ahead.
      assertThat(plan(STANDARD, "2026-12-01T10:00:00+01:00", "2026-11-30T11:00:00+01:00"))
          .containsExactly(
              new Skipped(t("2026-11-30T10:00:00+01:00"), SkipReason.PAST),
              scheduled("2026-11-30T20:59:00+01:00"));
    }

    @Test
    void whenNoneRemainsOneIsSentAtOnce() {
      Instant now = t("2026-11-30T10:00:00+01:00");
      assertThat(plan(STANDARD, "2026-11-30T11:00:00+01:00", "2026-11-30T10:00:00+01:00"))
          .containsExactly(
              new Skipped(t("2026-11-29T11:00:00+01:00"), SkipReason.PAST),
              new Skipped(t("2026-11-30T09:00:00+01:00"), SkipReason.PAST),
              new Scheduled(now, Origin.LATE_BOOKING));
    }

    @Test
    void notWhenTheAppointmentIs30MinutesAwayOrLess() {
      assertThat(plan(STANDARD, "2026-11-30T10:30:00+01:00", "2026-11-30T10:00:00+01:00"))
          .allMatch(r -> r instanceof Skipped);
      assertThat(plan(STANDARD, "2026-11-30T10:30:01+01:00", "2026-11-30T10:00:00+01:00"))
          .filteredOn(r -> r instanceof Scheduled)
          .containsExactly(new Scheduled(t("2026-11-30T10:00:00+01:00"), Origin.LATE_BOOKING));
    }

    @Test
    void inQuietHoursItWaitsUntilTheyEnd() {
      // Booked Sunday 22:00 for Monday 10:00: sent Monday at 09:00.
      assertThat(plan(STANDARD, "2026-11-30T10:00:00+01:00", "2026-11-29T22:00:00+01:00"))
          .filteredOn(r -> r instanceof Scheduled)
          .containsExactly(new Scheduled(t("2026-11-30T09:00:00+01:00"), Origin.LATE_BOOKING));
      // Booked after midnight: the same morning.
      assertThat(plan(STANDARD, "2026-11-30T10:00:00+01:00", "2026-11-30T02:00:00+01:00"))
          .filteredOn(r -> r instanceof Scheduled)
          .containsExactly(new Scheduled(t("2026-11-30T09:00:00+01:00"), Origin.LATE_BOOKING));
    }

    @Test
    void notWhenQuietHoursEndLessThan30MinutesBefore() {
      assertThat(plan(STANDARD, "2026-11-30T09:30:00+01:00", "2026-11-29T22:00:00+01:00"))
          .allMatch(r -> r instanceof Skipped)
          .hasSize(2);
    }

    @Test
    void aMoveAnnouncedByANoticeGetsNoExtraReminder() {
      assertThat(
              STANDARD.plan(
                  AppointmentKind.MEDICAL,
                  t("2026-11-30T11:00:00+01:00"),
                  t("2026-11-30T10:00:00+01:00"),
                  false))
          .allMatch(r -> r instanceof Skipped);
    }
  }

  @Test
  void offsetsArePerKind() {
    ReminderPolicy p =
        new ReminderPolicy(
            Map.of(
                AppointmentKind.MEDICAL, List.of(Duration.ofHours(2), Duration.ofDays(1)),
                AppointmentKind.MUNICIPAL, List.of(Duration.ofDays(3))),
            Optional.empty(),
            MADRID);
    assertThat(
            p.plan(
                AppointmentKind.MUNICIPAL,
                t("2026-12-04T12:00:00+01:00"),
                t("2026-11-28T10:00:00+01:00"),
                true))
        .containsExactly(scheduled("2026-12-01T12:00:00+01:00"));
    assertThat(p.offsets().get(AppointmentKind.MEDICAL))
        .containsExactly(Duration.ofDays(1), Duration.ofHours(2));
  }

  @Test
  void invalidPoliciesAreRefused() {
    assertThatThrownBy(
            () ->
                new ReminderPolicy(
                    Map.of(AppointmentKind.MEDICAL, List.of(Duration.ofHours(1))),
                    Optional.empty(),
                    MADRID))
        .hasMessageContaining("municipal");
    assertThatThrownBy(
            () -> ReminderPolicy.uniform(List.of(Duration.ZERO), Optional.empty(), MADRID))
        .hasMessageContaining("above zero");
    assertThatThrownBy(() -> QuietHours.parse("21:00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuietHours.parse("09:00-09:00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(QuietHours.parse(" 22:30 - 07:00 "))
        .isEqualTo(new QuietHours(LocalTime.of(22, 30), LocalTime.of(7, 0)));
  }
}
