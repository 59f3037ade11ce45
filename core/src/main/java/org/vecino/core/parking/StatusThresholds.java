package org.vecino.core.parking;

/**
 * When a facility is {@code almostFull}: entered when the free share falls under {@code
 * enterBelow}, left when it rises above {@code leaveAbove}. The gap keeps the status from flapping
 * at the boundary. Immutable.
 *
 * @param enterBelow share of free spaces, 0..1 (default 0.10)
 * @param leaveAbove share of free spaces, enterBelow..1 (default 0.12)
 */
public record StatusThresholds(double enterBelow, double leaveAbove) {
  public StatusThresholds {
    if (!(enterBelow > 0 && enterBelow < 1)) {
      throw new IllegalArgumentException("enterBelow must be between 0 and 1");
    }
    if (!(leaveAbove >= enterBelow && leaveAbove < 1)) {
      throw new IllegalArgumentException("leaveAbove must be between enterBelow and 1");
    }
  }

  public static StatusThresholds defaults() {
    return new StatusThresholds(0.10, 0.12);
  }
}
