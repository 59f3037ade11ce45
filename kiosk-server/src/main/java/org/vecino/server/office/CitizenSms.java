package org.vecino.server.office;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.PhoneNumber;

/**
 * The rules for SMS that a citizen or an Open311 caller can trigger (one-time codes, the "request
 * closed" notice): they go only to mobile numbers of the allowed countries ({@code
 * VECINO_SMS_ALLOWED_COUNTRIES}), and every such SMS counts against one shared per-phone limit of
 * {@link #PER_PHONE} per {@link #PHONE_WINDOW}. Immutable, thread-safe.
 */
public final class CitizenSms {
  /** SMS a citizen can trigger to one phone per window, whatever their kind. */
  public static final int PER_PHONE = 8;

  public static final Duration PHONE_WINDOW = Duration.ofHours(24);

  private final Set<String> countries;

  /**
   * @param countries the ISO regions whose mobile numbers may receive them ({@code ES})
   */
  public CitizenSms(Set<String> countries) {
    this.countries = Set.copyOf(new TreeSet<>(countries));
  }

  /**
   * Parses a typed phone and checks an SMS may go to it.
   *
   * @param field the field named in the error
   * @throws ValidationException when it is not a phone, not a mobile or of another country
   */
  public PhoneNumber recipient(String raw, String field) {
    PhoneNumber p = PhoneNumber.parse(raw, field);
    if (!p.isMobile()) {
      throw new ValidationException(
          field, "must be a mobile number (SMS cannot reach a landline), such as 600111222");
    }
    if (!countries.contains(p.region())) {
      throw new ValidationException(
          field,
          "must be a mobile number of "
              + String.join(", ", new TreeSet<>(countries))
              + "; SMS are not sent to other countries");
    }
    return p;
  }

  /** Whether an already-stored E.164 number may still receive a citizen-triggered SMS. */
  public boolean allows(String e164) {
    try {
      recipient(e164, "phone");
      return true;
    } catch (ValidationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The shared per-phone limit every citizen-triggered SMS takes one event of. */
  public static OfficeRepository.Limit perPhone(String e164) {
    return new OfficeRepository.Limit("sms-phone", e164, PER_PHONE, PHONE_WINDOW);
  }
}
