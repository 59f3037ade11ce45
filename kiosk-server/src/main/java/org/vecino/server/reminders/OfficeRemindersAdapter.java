package org.vecino.server.reminders;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.Appointment;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.server.office.OfficeReminders;

/**
 * The office's reminder port over the {@link ReminderService}: an office booking becomes an
 * appointment of the reminder service (so it is reminded by SMS like any other, and answered by
 * SI/ANULAR/BAJA), and "my appointments" at a kiosk lists the citizen's other appointments.
 * Stateless and thread-safe.
 */
public final class OfficeRemindersAdapter implements OfficeReminders {
  private final ReminderService reminders;

  public OfficeRemindersAdapter(ReminderService reminders) {
    this.reminders = Objects.requireNonNull(reminders, "reminders");
  }

  @Override
  public void book(
      String externalId, String phone, Instant startsAt, String place, String kind, Lang lang) {
    AppointmentKind k =
        AppointmentKind.fromCode(kind)
            .orElseThrow(() -> new IllegalArgumentException("unknown kind " + kind));
    reminders.put(
        ReminderService.OWNER_OFFICE,
        new Appointment(
            externalId,
            PhoneNumber.parse(phone),
            startsAt,
            place,
            k,
            lang,
            AppointmentStatus.BOOKED));
  }

  @Override
  public void cancel(String externalId) {
    if (reminders.exists(externalId)) {
      reminders.cancel(externalId);
    }
  }

  @Override
  public List<Upcoming> upcoming(String phone) {
    PhoneNumber number;
    try {
      number = PhoneNumber.parse(phone);
    } catch (ValidationException e) {
      return List.of();
    }
    return reminders.upcomingFor(number).stream()
        .map(
            u ->
                new Upcoming(
                    u.externalId(),
                    u.kind().code(),
                    null,
                    u.place(),
                    u.startsAt(),
                    u.status().code(),
                    false))
        .toList();
  }
}
