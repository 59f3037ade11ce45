package org.vecino.server.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash of the server: of stored secrets (tokens, codes, sessions, api keys), of
 * phone numbers (opt-outs and replies) and of static files (ETags). Strings are hashed as their
 * UTF-8 bytes; hex is lower case. Stateless and thread-safe.
 */
public final class Hashes {
  private Hashes() {}

  /** The SHA-256 of {@code bytes} (32 bytes). */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text} (32 bytes). */
  public static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text}, as 64 lower-case hex digits. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }
}
