package org.vecino.server.ingest;

/** Why an MQTT message was not applied; the names are those of the MQTT contract. */
public enum RejectionReason {
  OUT_OF_ORDER("outOfOrder"),
  FUTURE_TIMESTAMP("futureTimestamp"),
  INVALID_PAYLOAD("invalidPayload"),
  TOO_LARGE("tooLarge"),
  UNKNOWN_ID("unknownId"),
  UNKNOWN_TOPIC("unknownTopic");

  private final String code;

  RejectionReason(String code) {
    this.code = code;
  }

  /** The contract's name, e.g. {@code invalidPayload}. */
  public String code() {
    return code;
  }
}
