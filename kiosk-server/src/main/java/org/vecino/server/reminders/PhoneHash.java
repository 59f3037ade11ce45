package org.vecino.server.reminders;

import org.vecino.core.reminders.PhoneNumber;
import org.vecino.server.crypto.Hashes;

/** The SHA-256 (hex) of an E.164 number: how opt-outs and replies are keyed. Stateless. */
final class PhoneHash {
  private PhoneHash() {}

  static String of(PhoneNumber phone) {
    return Hashes.sha256Hex(phone.e164());
  }
}
