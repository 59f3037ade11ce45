package org.vecino.server.office;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random secrets for codes, sessions and api keys (hashed with {@link
 * org.vecino.server.crypto.Hashes}). Thread-safe.
 */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A six-digit code, uniformly drawn. */
  static String sixDigits() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }
}
