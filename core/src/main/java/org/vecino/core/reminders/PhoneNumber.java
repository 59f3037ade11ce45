package org.vecino.core.reminders;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Objects;
import org.vecino.core.kernel.PhoneMask;
import org.vecino.core.kernel.ValidationException;

/**
 * A valid phone number in E.164 form ({@code +34600111222}), validated with libphonenumber. Spanish
 * numbers may be given without {@code +34}. Immutable; {@link #toString()} is masked so a number
 * never reaches a log whole.
 *
 * @param e164 the number in E.164
 * @param mobile whether an SMS can reach it (a mobile, or a number that may be mobile)
 */
public record PhoneNumber(String e164, boolean mobile) {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MAX_INPUT = 32;

  public PhoneNumber {
    Objects.requireNonNull(e164, "e164");
    if (!e164.matches("\\+[1-9][0-9]{6,14}")) {
      throw new IllegalArgumentException("not an E.164 number");
    }
  }

  /**
   * Parses and validates {@code text}, reading a number without country code as Spanish.
   *
   * @param field the field named in the error
   * @throws ValidationException when it is not a valid phone number
   */
  public static PhoneNumber parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(field, "is required");
    }
    if (text.length() > MAX_INPUT) {
      throw new ValidationException(field, "is not a phone number (too long)");
    }
    String t = text.strip();
    if (t.startsWith("00")) {
      t = "+" + t.substring(2);
    }
    Phonenumber.PhoneNumber n;
    try {
      n = UTIL.parse(t, "ES");
    } catch (NumberParseException e) {
      throw new ValidationException(field, "is not a phone number");
    }
    if (!UTIL.isValidNumber(n)) {
      throw new ValidationException(
          field, "is not a valid phone number (give it as +34600111222 or 600111222)");
    }
    PhoneNumberType type = UTIL.getNumberType(n);
    boolean mobile = type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE;
    return new PhoneNumber(UTIL.format(n, PhoneNumberFormat.E164), mobile);
  }

  /** Parses {@code text} as {@link #parse(String, String)} with field {@code phone}. */
  public static PhoneNumber parse(String text) {
    return parse(text, "phone");
  }

  /**
   * The ISO 3166 region of the number ({@code ES}, {@code FR}...), or {@code ZZ} when no single
   * region owns it.
   */
  public String region() {
    try {
      String r = UTIL.getRegionCodeForNumber(UTIL.parse(e164, "ZZ"));
      return r == null ? "ZZ" : r;
    } catch (NumberParseException e) {
      return "ZZ";
    }
  }

  /** Whether {@code code} is an ISO 3166 region code known to libphonenumber ({@code ES}). */
  public static boolean isRegion(String code) {
    return code != null && UTIL.getSupportedRegions().contains(code);
  }

  /** Whether an SMS can reach this number. */
  public boolean isMobile() {
    return mobile;
  }

  /** The masked form, {@code +34*****1222}. */
  public String masked() {
    return PhoneMask.mask(e164);
  }

  @Override
  public String toString() {
    return masked();
  }
}
