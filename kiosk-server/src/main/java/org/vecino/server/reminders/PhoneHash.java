package org.vecino.server.reminders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.vecino.core.reminders.PhoneNumber;

/** The SHA-256 (hex) of an E.164 number: how opt-outs and replies are keyed. Stateless. */
final class PhoneHash {
  private PhoneHash() {}

  static String of(PhoneNumber phone) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(phone.e164().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
