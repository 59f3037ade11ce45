package org.vecino.server.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Topic and rejection helpers shared by the domains' decoders ({@link MessageDecoder}). Stateless
 * and thread-safe.
 */
public final class Topics {
  private Topics() {}

  /** Validates a topic prefix: non-blank, no wildcards, no leading or trailing slash. */
  public static String checkPrefix(String prefix) {
    if (prefix == null
        || prefix.isBlank()
        || prefix.startsWith("/")
        || prefix.endsWith("/")
        || prefix.contains("+")
        || prefix.contains("#")) {
      throw new IllegalArgumentException("invalid MQTT topic prefix: " + prefix);
    }
    return prefix;
  }

  /**
   * The segments of {@code topic} after {@code prefix/}, or null when the topic is not under the
   * prefix.
   */
  public static List<String> segmentsAfterPrefix(String prefix, String topic) {
    if (topic == null
        || topic.length() <= prefix.length() + 1
        || !topic.startsWith(prefix)
        || topic.charAt(prefix.length()) != '/') {
      return null;
    }
    return Arrays.asList(topic.substring(prefix.length() + 1).split("/", -1));
  }

  /**
   * The checks every decoder runs first, cheapest first: the arguments are present, and the payload
   * is not over {@link MessageDecoder#MAX_PAYLOAD_BYTES} (then it is {@code tooLarge} and never
   * parsed, whatever its topic).
   *
   * @return the {@code tooLarge} rejection, or empty when decoding may go on
   */
  public static Optional<Decoded> precheck(String topic, byte[] payload, Instant receivedAt) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    return payload.length > MessageDecoder.MAX_PAYLOAD_BYTES
        ? Optional.of(tooLarge(payload))
        : Optional.empty();
  }

  /** The {@code tooLarge} rejection of a payload over {@link MessageDecoder#MAX_PAYLOAD_BYTES}. */
  public static Decoded tooLarge(byte[] payload) {
    return new Decoded.Rejected(
        RejectionReason.TOO_LARGE,
        "payload: "
            + payload.length
            + " bytes, more than the limit of "
            + MessageDecoder.MAX_PAYLOAD_BYTES);
  }

  /** The {@code unknownTopic} rejection of a topic outside the contract. */
  public static Decoded unknownTopic() {
    return new Decoded.Rejected(RejectionReason.UNKNOWN_TOPIC, "topic: not in the MQTT contract");
  }
}
