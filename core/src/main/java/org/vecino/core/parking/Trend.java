package org.vecino.core.parking;

/** How a facility's free spaces moved over the last 15 minutes. */
public enum Trend {
  FILLING("filling"),
  EMPTYING("emptying"),
  STEADY("steady");

  private final String code;

  Trend(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
