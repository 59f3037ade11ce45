package org.vecino.server.office;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.Lang;

/**
 * The port through which the office books SMS reminders for its appointments and reads the
 * citizen's other appointments. Implemented by an adapter over the reminder service; the office
 * does not care how reminders are sent. Implementations are thread-safe.
 */
public interface OfficeReminders {

  /**
   * Books reminders for an appointment.
   *
   * @param externalId the office's id of it ({@code office-<bookingId>})
   * @param phone the citizen's E.164 number
   * @param startsAt when it starts
   * @param place where (the office's name)
   * @param kind {@code municipal} for office appointments
   * @param lang the language of the texts
   */
  void book(
      String externalId, String phone, Instant startsAt, String place, String kind, Lang lang);

  /** Cancels the reminders of an appointment; nothing happens for an unknown id. */
  void cancel(String externalId);

  /** The citizen's upcoming appointments known to the reminder service, soonest first. */
  List<Upcoming> upcoming(String phone);

  /**
   * One appointment of the reminder service.
   *
   * @param externalId its id
   * @param kind {@code medical}, {@code municipal}, ...
   * @param title what it is, may be null
   * @param place where, may be null
   * @param startsAt when
   * @param status {@code booked}, {@code confirmed}, ...
   * @param cancellable whether the citizen may cancel it
   */
  record Upcoming(
      String externalId,
      String kind,
      String title,
      String place,
      Instant startsAt,
      String status,
      boolean cancellable) {
    public Upcoming {
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(startsAt, "startsAt");
      Objects.requireNonNull(status, "status");
    }
  }
}
