package org.vecino.server.ingest;

import java.util.Objects;

/** The result of decoding one MQTT message: an update to apply, or a rejection. Immutable. */
public sealed interface Decoded {

  /** A valid message. */
  record Update(SensorUpdate update) implements Decoded {
    public Update {
      Objects.requireNonNull(update, "update");
    }
  }

  /** An invalid message and why. */
  record Rejected(RejectionReason reason, String detail) implements Decoded {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
