package org.vecino.core.parking;

/** One spot as signs show it. */
public enum SpotStatus {
  FREE("free"),
  OCCUPIED("occupied"),
  /** Not heard from within its stale limit: never counted as free. */
  UNKNOWN("unknown");

  private final String code;

  SpotStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
