package org.vecino.server.office;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/** Phone numbers as citizens type them, made E.164 (Spain by default). Thread-safe. */
final class Phones {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private Phones() {}

  /** {@code 600111222} or {@code +34 600 11 12 22} → {@code +34600111222}; empty when invalid. */
  static Optional<String> e164(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 30) {
      return Optional.empty();
    }
    try {
      Phonenumber.PhoneNumber n = UTIL.parse(raw.strip(), "ES");
      if (!UTIL.isValidNumber(n)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
