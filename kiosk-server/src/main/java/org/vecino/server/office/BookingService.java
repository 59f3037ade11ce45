package org.vecino.server.office;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.ConflictException;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.PhoneMask;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.Office;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.Procedure;
import org.vecino.core.office.Slot;
import org.vecino.core.office.SlotPlanner;

/**
 * Office appointments: free slots, booking (never above a slot's capacity, however many requests
 * race, and never more than {@code maxPerCitizen} future bookings per phone), cancelling, and the
 * citizen's upcoming appointments (office bookings plus those of the reminder service). A booking
 * also books its SMS reminders. Thread-safe.
 */
public final class BookingService {
  private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);

  /** How far ahead slots can be seen and booked. */
  public static final int DAYS_AHEAD = 60;

  private final OfficeCatalog catalog;
  private final SlotPlanner planner;
  private final OfficeRepository repository;
  private final OfficeReminders reminders;
  private final int maxPerCitizen;
  private final Clock clock;

  /**
   * @param reminders the reminder service, or null while it is not wired (bookings then have no
   *     reminders and "my appointments" lists office bookings only)
   * @param maxPerCitizen how many bookings that have not ended one phone may hold ({@code
   *     VECINO_OFFICE_MAX_BOOKINGS_PER_CITIZEN})
   */
  public BookingService(
      OfficeCatalog catalog,
      SlotPlanner planner,
      OfficeRepository repository,
      OfficeReminders reminders,
      int maxPerCitizen,
      Clock clock) {
    if (maxPerCitizen < 1) {
      throw new IllegalArgumentException("maxPerCitizen must be at least 1");
    }
    this.catalog = catalog;
    this.planner = planner;
    this.repository = repository;
    this.reminders = reminders;
    this.maxPerCitizen = maxPerCitizen;
    this.clock = clock;
  }

  /** The free slots of a day. */
  public record DaySlots(Office office, Procedure procedure, LocalDate date, List<Slot> slots) {}

  /** A booking with its office and procedure. */
  public record Booked(Booking booking, Office office, Procedure procedure) {}

  /**
   * One upcoming appointment of a citizen.
   *
   * @param kind {@code office}, {@code medical}, {@code municipal}
   */
  public record Appointment(
      String id,
      String kind,
      String title,
      String place,
      Instant startsAt,
      String status,
      boolean cancellable) {}

  public OfficeCatalog catalog() {
    return catalog;
  }

  public SlotPlanner planner() {
    return planner;
  }

  /**
   * The free future slots of a procedure at an office on a date (today when null).
   *
   * @throws NotFoundException for an unknown office
   * @throws ValidationException for an unknown procedure, one not bookable there, or a date more
   *     than {@link #DAYS_AHEAD} days ahead
   */
  public DaySlots slots(String officeId, String procedureId, LocalDate date) {
    Office office =
        catalog.office(officeId).orElseThrow(() -> new NotFoundException("office", officeId));
    Procedure procedure = bookable(office, procedureId, "procedure");
    LocalDate day = date == null ? planner.today() : date;
    if (day.isAfter(planner.today().plusDays(DAYS_AHEAD))) {
      throw new ValidationException("date", "must be at most " + DAYS_AHEAD + " days ahead");
    }
    Instant from = day.atStartOfDay(planner.zone()).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(planner.zone()).toInstant();
    Map<Instant, Integer> booked = repository.bookedCounts(officeId, procedure.id(), from, to);
    return new DaySlots(office, procedure, day, planner.freeSlots(office, procedure, day, booked));
  }

  private Procedure bookable(Office office, String procedureId, String field) {
    if (procedureId == null || procedureId.isBlank()) {
      throw new ValidationException(field, "is required: the id of a procedure");
    }
    Procedure procedure =
        catalog
            .procedure(procedureId)
            .orElseThrow(
                () ->
                    new ValidationException(
                        field, "no procedure has the id '" + procedureId + "'"));
    if (procedure.capacityAt(office.id()).isEmpty()) {
      throw new ValidationException(
          field, "'" + procedureId + "' cannot be booked at " + office.id());
    }
    return procedure;
  }

  /**
   * Books a place for {@code phone}.
   *
   * @throws ValidationException for an unknown office or procedure, one not bookable there, a start
   *     off the grid, outside the hours, in the past or too far ahead
   * @throws ConflictException when the slot is full, the phone already holds a place in it ({@code
   *     already-booked}) or already holds the most bookings it may ({@code too-many-bookings})
   */
  public Booked book(String phone, String officeId, String procedureId, Instant start, Lang lang) {
    Objects.requireNonNull(phone, "phone");
    if (officeId == null || officeId.isBlank()) {
      throw new ValidationException("officeId", "is required");
    }
    Office office =
        catalog
            .office(officeId)
            .orElseThrow(
                () ->
                    new ValidationException("officeId", "no office has the id '" + officeId + "'"));
    Procedure procedure = bookable(office, procedureId, "procedureId");
    if (start == null) {
      throw new ValidationException("start", "is required: the start of a free slot");
    }
    SlotPlanner.Check check = planner.check(office, procedure, start);
    if (check instanceof SlotPlanner.Refused r) {
      throw new ValidationException("start", reason(r.reason()));
    }
    Slot slot = ((SlotPlanner.Bookable) check).slot();
    if (LocalDate.ofInstant(start, planner.zone()).isAfter(planner.today().plusDays(DAYS_AHEAD))) {
      throw new ValidationException("start", "must be at most " + DAYS_AHEAD + " days ahead");
    }
    Booking booking =
        Booking.newBooking("bk-" + Secrets.hex(8), office.id(), procedure.id(), slot, phone, lang);
    switch (repository.book(booking, slot.capacity(), maxPerCitizen, clock.instant())) {
      case FULL -> throw new ConflictException("slot-taken", "every place of this slot is taken");
      case ALREADY_BOOKED ->
          throw new ConflictException(
              "already-booked", "this phone already has a place in this slot");
      case TOO_MANY ->
          throw new ConflictException(
              "too-many-bookings",
              "this phone already holds "
                  + maxPerCitizen
                  + " upcoming appointments, the most allowed: cancel one to book another");
      case BOOKED -> {
        // booked below
      }
    }
    LOG.info(
        "booking {} of {} at {} for {}",
        booking.id(),
        procedure.id(),
        office.id(),
        PhoneMask.mask(phone));
    if (reminders != null) {
      try {
        reminders.book(
            externalId(booking.id()),
            phone,
            slot.start(),
            office.name().get(lang),
            "municipal",
            lang);
      } catch (RuntimeException e) {
        LOG.warn("booking {}: its SMS reminder could not be booked", booking.id(), e);
      }
    }
    return new Booked(booking, office, procedure);
  }

  private static String reason(SlotPlanner.Refusal r) {
    return switch (r) {
      case NOT_BOOKABLE_HERE -> "this procedure cannot be booked at this office";
      case OUTSIDE_HOURS -> "the office is closed at that time";
      case OFF_GRID -> "is not the start of a slot";
      case IN_THE_PAST -> "is in the past";
    };
  }

  /** The reminder service's id of an office booking. */
  public static String externalId(String bookingId) {
    return "office-" + bookingId;
  }

  /**
   * Cancels a booking of {@code phone} and its reminders.
   *
   * @throws NotFoundException when the phone has no such booked booking
   */
  public void cancel(String phone, String bookingId) {
    if (repository.cancel(bookingId, phone, clock.instant()).isEmpty()) {
      throw new NotFoundException("booking", bookingId);
    }
    if (reminders != null) {
      try {
        reminders.cancel(externalId(bookingId));
      } catch (RuntimeException e) {
        LOG.warn("booking {}: its SMS reminder could not be cancelled", bookingId, e);
      }
    }
  }

  /** A booking by id with its office and procedure. */
  public Booked describe(Booking b) {
    return new Booked(
        b,
        catalog.office(b.officeId()).orElseThrow(),
        catalog.procedure(b.procedureId()).orElseThrow());
  }

  /** The citizen's upcoming appointments, soonest first. */
  public List<Appointment> upcoming(String phone, Lang lang) {
    Instant now = clock.instant();
    List<Appointment> out = new ArrayList<>();
    for (Booking b : repository.upcoming(phone, now)) {
      String title =
          catalog.procedure(b.procedureId()).map(p -> p.name().get(lang)).orElse(b.procedureId());
      String place = catalog.office(b.officeId()).map(o -> o.name().get(lang)).orElse(b.officeId());
      out.add(
          new Appointment(
              b.id(), "office", title, place, b.start(), b.status(), b.start().isAfter(now)));
    }
    if (reminders != null) {
      try {
        for (OfficeReminders.Upcoming u : reminders.upcoming(phone)) {
          if (u.externalId().startsWith("office-") || !u.startsAt().isAfter(now)) {
            continue; // the office's own bookings are listed above
          }
          out.add(
              new Appointment(
                  u.externalId(),
                  u.kind(),
                  u.title(),
                  u.place(),
                  u.startsAt(),
                  u.status(),
                  u.cancellable()));
        }
      } catch (RuntimeException e) {
        LOG.warn("the reminder service's appointments could not be read", e);
      }
    }
    out.sort(Comparator.comparing(Appointment::startsAt).thenComparing(Appointment::id));
    return out;
  }
}
