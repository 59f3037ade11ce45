package org.vecino.server.sms.outbox;

import java.time.Duration;

/**
 * Where the dispatcher hands messages over: the HTTP gateway of {@code http.md}, or the log in a
 * default run. Implementations are thread-safe and never throw for a failed call: every ending is a
 * {@link GatewayOutcome}.
 */
public interface SmsGateway {

  /** Hands one message over; a repeated {@link GatewayRequest#id()} is not sent twice. */
  GatewayOutcome send(GatewayRequest request);

  /** The longest one {@link #send} call may take. */
  Duration callTimeout();

  /** {@code http} or {@code log}, shown by {@code /health}. */
  String mode();

  /**
   * Whether an accepted message goes on to a phone. False for the log of a default run, where the
   * admin outbox view is the only way a text is read (so a secret's text stays there until its
   * validity ends); true otherwise (a secret's text is then erased once accepted).
   */
  default boolean reachesPhones() {
    return true;
  }
}
