package org.vecino.core.reminders;

import java.time.Instant;
import java.util.Objects;
import org.vecino.core.kernel.Lang;

/**
 * An appointment Vecino reminds a citizen of: only what a reminder needs (no diagnosis). Immutable.
 *
 * @param externalId the scheduling system's own id
 * @param phone where reminders go
 * @param startsAt when it begins
 * @param place where, as the citizen should read it
 * @param kind medical or municipal
 * @param language the citizen's language for texts
 * @param status where it stands
 */
public record Appointment(
    String externalId,
    PhoneNumber phone,
    Instant startsAt,
    String place,
    AppointmentKind kind,
    Lang language,
    AppointmentStatus status) {
  /** Longest external id accepted. */
  public static final int MAX_EXTERNAL_ID = 100;

  /** Longest place accepted. */
  public static final int MAX_PLACE = 200;

  public Appointment {
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(status, "status");
    if (!validExternalId(externalId)) {
      throw new IllegalArgumentException("externalId must be 1..100 of A-Z a-z 0-9 . _ : -");
    }
    if (place.isBlank() || place.length() > MAX_PLACE) {
      throw new IllegalArgumentException("place must be 1..200 characters");
    }
  }

  /** Whether {@code id} is an acceptable external id: 1..100 of {@code A-Za-z0-9._:-}. */
  public static boolean validExternalId(String id) {
    return id != null && id.length() <= MAX_EXTERNAL_ID && id.matches("[A-Za-z0-9._:-]+");
  }

  /** The same appointment with another status. */
  public Appointment withStatus(AppointmentStatus s) {
    return new Appointment(externalId, phone, startsAt, place, kind, language, s);
  }

  /**
   * Whether the time or the place differ from {@code other}'s (a move the citizen must hear of).
   */
  public boolean movedFrom(Appointment other) {
    return !startsAt.equals(other.startsAt) || !place.equals(other.place);
  }

  /** Whether anything the scheduling system sends differs from {@code other}. */
  public boolean sameBookingAs(Appointment other) {
    return phone.e164().equals(other.phone.e164())
        && startsAt.equals(other.startsAt)
        && place.equals(other.place)
        && kind == other.kind
        && language == other.language;
  }
}
