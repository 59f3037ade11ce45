package org.vecino.core.kernel;

/**
 * Masks a phone number for logs and answers: the country code and the last four digits stay ({@code
 * +34600111222} becomes {@code +34*****1222}). Stateless and thread-safe.
 */
public final class PhoneMask {
  private PhoneMask() {}

  /** The masked form of an E.164 number; anything else is masked whole but for its last two. */
  public static String mask(String phone) {
    if (phone == null) {
      return null;
    }
    if (phone.matches("\\+[1-9][0-9]{6,14}")) {
      int cc = phone.startsWith("+1") || phone.startsWith("+7") ? 2 : 3;
      int keep = 4;
      return phone.substring(0, cc)
          + "*".repeat(phone.length() - cc - keep)
          + phone.substring(phone.length() - keep);
    }
    int keep = Math.min(2, phone.length());
    return "*".repeat(phone.length() - keep) + phone.substring(phone.length() - keep);
  }
}
