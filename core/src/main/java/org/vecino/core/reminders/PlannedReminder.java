package org.vecino.core.reminders;

import java.time.Instant;
import java.util.Objects;

/**
 * One reminder of an appointment as {@link ReminderPolicy} plans it: sent at {@code dueAt}, or
 * skipped (then {@code dueAt} is when it would have been due). Immutable.
 */
public sealed interface PlannedReminder {
  /** When it goes (or would have gone) out. */
  Instant dueAt();

  /** To be sent at {@code dueAt}. */
  record Scheduled(Instant dueAt, Origin origin) implements PlannedReminder {
    public Scheduled {
      Objects.requireNonNull(dueAt, "dueAt");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /** Not sent, and why. */
  record Skipped(Instant dueAt, SkipReason reason) implements PlannedReminder {
    public Skipped {
      Objects.requireNonNull(dueAt, "dueAt");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a reminder is planned. */
  enum Origin {
    /** One of the kind's offsets, possibly moved before quiet hours. */
    OFFSET,
    /** Booked too late for any offset: sent at once, or when quiet hours end. */
    LATE_BOOKING
  }

  /** Why a reminder is not sent. */
  enum SkipReason {
    /** Its time had passed when the appointment was booked or moved. */
    PAST,
    /** It fell in quiet hours and the last moment before them had passed. */
    QUIET_HOURS,
    /** Another reminder already goes out at the same moment. */
    DUPLICATE,
    /** The number is a landline. */
    LANDLINE,
    /** The citizen replied BAJA. */
    OPTED_OUT;

    /** The name stored and shown ({@code quietHours}). */
    public String code() {
      return switch (this) {
        case PAST -> "past";
        case QUIET_HOURS -> "quietHours";
        case DUPLICATE -> "duplicate";
        case LANDLINE -> "landline";
        case OPTED_OUT -> "optedOut";
      };
    }

    public static SkipReason fromCode(String code) {
      for (SkipReason r : values()) {
        if (r.code().equals(code)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown skip reason " + code);
    }
  }
}
