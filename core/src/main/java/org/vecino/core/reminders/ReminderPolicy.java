package org.vecino.core.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When an appointment's reminders go out (http.md): per kind, offsets before the start; whole-day
 * offsets keep the clock time across a daylight-saving change, others are elapsed time. A reminder
 * due in quiet hours is sent at the last allowed moment before them ({@link #LAST_MOMENT_MARGIN}
 * before they begin), or skipped when that has passed. Reminders already past are skipped; if none
 * remains and the appointment is more than {@link #LATE_MIN_LEAD} away, one goes at once, or when
 * quiet hours end if that is still more than {@link #LATE_MIN_LEAD} before it. Immutable and
 * thread-safe.
 */
public final class ReminderPolicy {
  /** A late reminder is only worth sending this long before the appointment. */
  public static final Duration LATE_MIN_LEAD = Duration.ofMinutes(30);

  /** A reminder moved out of quiet hours goes this long before they begin (20:59 for 21:00). */
  public static final Duration LAST_MOMENT_MARGIN = Duration.ofMinutes(1);

  private static final Duration DAY = Duration.ofDays(1);

  private final Map<AppointmentKind, List<Duration>> offsets;
  private final Optional<QuietHours> quietHours;
  private final ZoneId zone;

  /**
   * @param offsets each kind's offsets (every kind present, each list non-empty, every offset above
   *     zero)
   * @param quietHours the quiet span, or empty for none
   * @param zone the city's zone
   */
  public ReminderPolicy(
      Map<AppointmentKind, List<Duration>> offsets, Optional<QuietHours> quietHours, ZoneId zone) {
    Objects.requireNonNull(offsets, "offsets");
    this.quietHours = Objects.requireNonNull(quietHours, "quietHours");
    this.zone = Objects.requireNonNull(zone, "zone");
    Map<AppointmentKind, List<Duration>> copy = new EnumMap<>(AppointmentKind.class);
    for (AppointmentKind k : AppointmentKind.values()) {
      List<Duration> list = offsets.get(k);
      if (list == null || list.isEmpty()) {
        throw new IllegalArgumentException("no reminder offsets for " + k.code());
      }
      for (Duration d : list) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("reminder offsets must be above zero");
        }
      }
      // Largest offset first: the earliest reminder first.
      copy.put(k, List.copyOf(new TreeSet<>(list).descendingSet()));
    }
    this.offsets = java.util.Collections.unmodifiableMap(copy);
  }

  /** The same offsets for every kind. */
  public static ReminderPolicy uniform(
      List<Duration> offsets, Optional<QuietHours> quietHours, ZoneId zone) {
    Map<AppointmentKind, List<Duration>> m = new EnumMap<>(AppointmentKind.class);
    for (AppointmentKind k : AppointmentKind.values()) {
      m.put(k, offsets);
    }
    return new ReminderPolicy(m, quietHours, zone);
  }

  /** http.md's default: 24 h and 2 h before, quiet 21:00–09:00. */
  public static ReminderPolicy standard(ZoneId zone) {
    return uniform(
        List.of(Duration.ofHours(24), Duration.ofHours(2)),
        Optional.of(QuietHours.standard()),
        zone);
  }

  public Map<AppointmentKind, List<Duration>> offsets() {
    return offsets;
  }

  public Optional<QuietHours> quietHours() {
    return quietHours;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * The reminders of an appointment of {@code kind} starting at {@code startsAt}, planned at {@code
   * now}, earliest first.
   *
   * @param allowLate whether the late-booking reminder may be added (false when the citizen is told
   *     of a move by another SMS anyway)
   */
  public List<PlannedReminder> plan(
      AppointmentKind kind, Instant startsAt, Instant now, boolean allowLate) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(now, "now");
    List<PlannedReminder> out = new ArrayList<>();
    List<Instant> scheduled = new ArrayList<>();
    for (Duration offset : offsets.get(kind)) {
      Instant nominal = nominalDue(startsAt, offset);
      Instant due = nominal;
      if (quietHours.isPresent() && quietHours.get().contains(nominal, zone)) {
        due = quietHours.get().startOfSpan(nominal, zone).minus(LAST_MOMENT_MARGIN);
        if (!due.isAfter(now)) {
          out.add(
              new PlannedReminder.Skipped(
                  nominal,
                  nominal.isAfter(now)
                      ? PlannedReminder.SkipReason.QUIET_HOURS
                      : PlannedReminder.SkipReason.PAST));
          continue;
        }
      }
      if (!due.isAfter(now)) {
        out.add(new PlannedReminder.Skipped(nominal, PlannedReminder.SkipReason.PAST));
      } else if (scheduled.contains(due)) {
        out.add(new PlannedReminder.Skipped(due, PlannedReminder.SkipReason.DUPLICATE));
      } else {
        scheduled.add(due);
        out.add(new PlannedReminder.Scheduled(due, PlannedReminder.Origin.OFFSET));
      }
    }
    if (scheduled.isEmpty() && allowLate) {
      lateReminder(startsAt, now).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(PlannedReminder::dueAt));
    return List.copyOf(out);
  }

  /** The policy's plan at {@code now} for {@code a}, the late reminder allowed. */
  public List<PlannedReminder> plan(Appointment a, Instant now) {
    return plan(a.kind(), a.startsAt(), now, true);
  }

  /** Whole days keep the clock time in the city's zone; other offsets are elapsed time. */
  Instant nominalDue(Instant startsAt, Duration offset) {
    if (offset.toNanos() % DAY.toNanos() == 0) {
      return startsAt.atZone(zone).minusDays(offset.toDays()).toInstant();
    }
    return startsAt.minus(offset);
  }

  private Optional<PlannedReminder> lateReminder(Instant startsAt, Instant now) {
    Instant at = now;
    if (quietHours.isPresent() && quietHours.get().contains(now, zone)) {
      at = quietHours.get().endOfSpan(now, zone);
    }
    if (Duration.between(at, startsAt).compareTo(LATE_MIN_LEAD) > 0) {
      return Optional.of(new PlannedReminder.Scheduled(at, PlannedReminder.Origin.LATE_BOOKING));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "ReminderPolicy[offsets="
        + offsets
        + ", quietHours="
        + quietHours
        + ", zone="
        + zone
        + "]";
  }
}
