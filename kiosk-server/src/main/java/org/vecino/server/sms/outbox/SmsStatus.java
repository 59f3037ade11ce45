package org.vecino.server.sms.outbox;

import java.util.Locale;

/**
 * Where a message of the outbox is. The names (lower case) are those of a reminder's {@code status}
 * in {@code http.md}.
 */
public enum SmsStatus {
  /** Stored, waiting for its time or for a retry. */
  SCHEDULED,
  /** Accepted by the gateway. */
  SENT,
  /** The gateway's receipt says it reached the phone. */
  DELIVERED,
  /** Refused by the gateway, out of retries, or its receipt said failed or expired. */
  FAILED,
  /** Not sent because it was no longer useful, or the number cannot take an SMS. */
  SKIPPED,
  /** Withdrawn before it was sent. */
  CANCELLED;

  /** The name used in JSON and in the database. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SmsStatus fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** Whether the message can still be sent. */
  public boolean pending() {
    return this == SCHEDULED;
  }
}
