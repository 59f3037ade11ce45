package org.vecino.server.office;

import java.time.Instant;
import org.vecino.core.kernel.Lang;
import org.vecino.core.office.Slot;

/**
 * A citizen's place in an office slot, as stored. Immutable.
 *
 * @param lang the code of the citizen's language ({@code es})
 * @param status {@code booked} or {@code cancelled}
 */
public record Booking(
    String id,
    String officeId,
    String procedureId,
    Instant start,
    Instant end,
    String phone,
    String lang,
    String status) {

  /** A new booking of {@code slot}, not yet stored. */
  static Booking newBooking(
      String id, String officeId, String procedureId, Slot slot, String phone, Lang lang) {
    return new Booking(
        id, officeId, procedureId, slot.start(), slot.end(), phone, lang.code(), "booked");
  }
}
