package org.vecino.server.sms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signatures of {@code http.md}: header {@code X-Vecino-Timestamp} (Unix seconds) and
 * header {@code X-Vecino-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body">}, used for the
 * gateway's calls to Vecino and for Vecino's webhook to the scheduling system. Immutable and
 * thread-safe; the secret is never shown.
 */
public final class Signatures {
  public static final String TIMESTAMP_HEADER = "X-Vecino-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Vecino-Signature";

  /** How far a timestamp may be from Vecino's clock. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final byte[] secret;

  public Signatures(String secret) {
    Objects.requireNonNull(secret, "secret");
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The value of the signature header for {@code body} sent at {@code unixSeconds}. */
  public String sign(long unixSeconds, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(unixSeconds + ".", body));
  }

  /**
   * Whether a request is authentic: both headers present and well formed, the timestamp within
   * {@link #MAX_SKEW} of {@code now}, and the signature right (compared in constant time).
   */
  public boolean verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
    if (timestampHeader == null || signatureHeader == null || body == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - ts) > MAX_SKEW.toSeconds()) {
      return false;
    }
    String given = signatureHeader.trim();
    if (!given.startsWith("sha256=")) {
      return false;
    }
    byte[] givenMac;
    try {
      givenMac = HexFormat.of().parseHex(given.substring("sha256=".length()).toLowerCase());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(givenMac, hmac(timestampHeader.trim() + ".", body));
  }

  private byte[] hmac(String prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "Signatures[secret=***]";
  }
}
