package org.vecino.core.office;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Plans the appointment slots of a procedure at an office: the grid of each opening span cut into
 * slots of the procedure's length, starting at the span's start, each with the procedure's staff
 * capacity. Local times are turned into instants with the city's zone: a local time that does not
 * exist (the spring-forward gap) has no slot; one that exists twice (the autumn overlap) gets one
 * slot, at its earlier instant. Slot ends are start plus the slot length of real time. Stateless
 * apart from the clock; thread-safe.
 */
public final class SlotPlanner {
  private final Clock clock;
  private final ZoneId zone;

  public SlotPlanner(Clock clock, ZoneId zone) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Why a start cannot be booked. */
  public enum Refusal {
    /** The office does not attend this procedure by appointment. */
    NOT_BOOKABLE_HERE,
    /** The office is closed then (closed day, holiday, outside the spans). */
    OUTSIDE_HOURS,
    /** Within the hours but not at the start of a slot. */
    OFF_GRID,
    /** The slot has started or is over. */
    IN_THE_PAST
  }

  /** The outcome of {@link #check}. */
  public sealed interface Check permits Bookable, Refused {}

  /** The start is that of {@code slot} (whose {@code booked} is 0: bookings are not known here). */
  public record Bookable(Slot slot) implements Check {}

  /** The start cannot be booked, for {@code reason}. */
  public record Refused(Refusal reason) implements Check {}

  /**
   * Every slot of {@code date}, past ones included, in time order.
   *
   * @param booked bookings per slot start; starts not on the grid are ignored
   * @return empty when the procedure is not bookable at the office or the office is closed
   */
  public List<Slot> grid(
      Office office, Procedure procedure, LocalDate date, Map<Instant, Integer> booked) {
    OptionalInt capacity = procedure.capacityAt(office.id());
    if (capacity.isEmpty()) {
      return List.of();
    }
    Duration length = Duration.ofMinutes(procedure.slotMinutes());
    List<Slot> slots = new ArrayList<>();
    for (TimeSpan span : office.hours().spansOn(date)) {
      LocalTime t = span.from();
      // Slots must end by the span's end (in local time, so a DST day keeps its local grid).
      while (!t.plus(length).isAfter(span.to()) && !t.plus(length).isBefore(t)) {
        Instant start = instantOf(date.atTime(t));
        if (start != null) {
          slots.add(
              new Slot(
                  start, start.plus(length), capacity.getAsInt(), booked.getOrDefault(start, 0)));
        }
        LocalTime next = t.plus(length);
        if (!next.isAfter(t)) {
          break;
        }
        t = next;
      }
    }
    return List.copyOf(slots);
  }

  /** The slots of {@code date} that start after now and have a free place. */
  public List<Slot> freeSlots(
      Office office, Procedure procedure, LocalDate date, Map<Instant, Integer> booked) {
    Instant now = clock.instant();
    return grid(office, procedure, date, booked).stream()
        .filter(s -> s.start().isAfter(now) && s.free() > 0)
        .toList();
  }

  /** Whether {@code start} is the start of a future slot of the procedure at the office. */
  public Check check(Office office, Procedure procedure, Instant start) {
    if (procedure.capacityAt(office.id()).isEmpty()) {
      return new Refused(Refusal.NOT_BOOKABLE_HERE);
    }
    LocalDateTime local = start.atZone(zone).toLocalDateTime();
    LocalDate date = local.toLocalDate();
    for (Slot s : grid(office, procedure, date, Map.of())) {
      if (s.start().equals(start)) {
        return s.start().isAfter(clock.instant())
            ? new Bookable(s)
            : new Refused(Refusal.IN_THE_PAST);
      }
    }
    LocalTime time = local.toLocalTime();
    Duration length = Duration.ofMinutes(procedure.slotMinutes());
    for (TimeSpan span : office.hours().spansOn(date)) {
      if (!time.isBefore(span.from())
          && time.plus(length).isBefore(span.to().plusNanos(1))
          && !time.plus(length).isBefore(time)) {
        return new Refused(Refusal.OFF_GRID);
      }
    }
    return new Refused(Refusal.OUTSIDE_HOURS);
  }

  /** The city's date today. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  /** The city's zone. */
  public ZoneId zone() {
    return zone;
  }

  private Instant instantOf(LocalDateTime local) {
    try {
      return ZonedDateTime.ofStrict(local, zone.getRules().getOffset(local), zone).toInstant();
    } catch (DateTimeException e) {
      // In the spring-forward gap: that local time does not exist.
      return null;
    }
  }
}
