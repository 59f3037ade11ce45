package org.vecino.server.sms.outbox;

import java.time.Duration;
import java.util.Objects;

/** How one call to the SMS gateway ended. Immutable. */
public sealed interface GatewayOutcome {

  /** The gateway took the message (2xx) and gave it its own id. */
  record Accepted(String messageId) implements GatewayOutcome {
    public Accepted {
      Objects.requireNonNull(messageId, "messageId");
    }
  }

  /** Why a call should be repeated later. */
  enum RetryKind {
    /** 408 or 429: the gateway is up but asks to come back later. */
    THROTTLED("throttled"),
    /** 5xx, or a 2xx without a message id. */
    SERVER_ERROR("serverError"),
    /** No answer within the call's timeout. */
    TIMEOUT("timeout"),
    /** The connection could not be made (refused, unknown host, connect timeout) or broke. */
    UNREACHABLE("unreachable");

    private final String code;

    RetryKind(String code) {
      this.code = code;
    }

    /** The label used in metrics. */
    public String code() {
      return code;
    }

    /** Whether this counts against the gateway's health (the circuit breaker). */
    public boolean gatewayDown() {
      return this != THROTTLED;
    }
  }

  /**
   * The call should be repeated later with the same id.
   *
   * @param after how long the gateway asked to wait ({@code Retry-After}), or null
   * @param reason a short reason for {@code last_error} and logs (never the text or the phone)
   * @param kind what went wrong
   * @param maybeHanded whether the gateway may have taken the message nonetheless (a timeout, a
   *     broken connection, a 5xx)
   */
  record Retry(Duration after, String reason, RetryKind kind, boolean maybeHanded)
      implements GatewayOutcome {
    public Retry {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(kind, "kind");
      if (after != null && after.isNegative()) {
        after = Duration.ZERO;
      }
    }
  }

  /** The gateway refused the message for good (a 4xx other than 408 and 429). */
  record Rejected(int status, String reason) implements GatewayOutcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The label of this outcome in {@code vecino_sms_gateway_calls_total}. */
  default String metricResult() {
    if (this instanceof Accepted) {
      return "accepted";
    }
    if (this instanceof Rejected) {
      return "rejected";
    }
    return ((Retry) this).kind().code();
  }
}
