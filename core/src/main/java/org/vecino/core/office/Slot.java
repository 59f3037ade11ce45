package org.vecino.core.office;

import java.time.Instant;
import java.util.Objects;

/**
 * One appointment slot of a procedure at an office. Immutable.
 *
 * @param start when it starts
 * @param end when it ends
 * @param capacity how many citizens are attended at once
 * @param booked how many are booked, 0..capacity
 */
public record Slot(Instant start, Instant end, int capacity, int booked) {
  public Slot {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a slot must end after it starts");
    }
    if (capacity < 1 || booked < 0) {
      throw new IllegalArgumentException("capacity must be >= 1 and booked >= 0");
    }
  }

  /** Places still free; never negative (a capacity lowered below the bookings gives 0). */
  public int free() {
    return Math.max(0, capacity - booked);
  }
}
