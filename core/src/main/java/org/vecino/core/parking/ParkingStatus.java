package org.vecino.core.parking;

/** A facility's status as signs show it ({@code http.md}). */
public enum ParkingStatus {
  OPEN("open"),
  ALMOST_FULL("almostFull"),
  FULL("full"),
  CLOSED("closed"),
  UNKNOWN("unknown");

  private final String code;

  ParkingStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
