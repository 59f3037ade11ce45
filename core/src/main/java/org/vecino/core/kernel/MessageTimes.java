package org.vecino.core.kernel;

import java.time.Instant;

/** The ordering rule every sensor message shares. Stateless. */
public final class MessageTimes {
  private MessageTimes() {}

  /** The earlier of a message's own timestamp and the time it was received. */
  public static Instant orderingTime(Instant timestamp, Instant receivedAt) {
    return timestamp.isBefore(receivedAt) ? timestamp : receivedAt;
  }
}
