package org.vecino.server.office;

import java.time.Duration;
import java.util.Objects;

/**
 * Who makes a rate-limited office call: a kiosk proven by its device token ({@code Authorization:
 * Bearer}), or else an anonymous client known only by its remote address. The unauthenticated
 * {@code X-Kiosk-Id} header never makes a caller a kiosk. Immutable.
 *
 * @param kioskId the kiosk its device token is bound to, or null for an anonymous client
 * @param address the client's remote address (used only when {@code kioskId} is null)
 */
public record Caller(String kioskId, String address) {
  public Caller {
    Objects.requireNonNull(address, "address");
  }

  /** A kiosk proven by its device token. */
  public static Caller kiosk(String kioskId, String address) {
    return new Caller(Objects.requireNonNull(kioskId, "kioskId"), address);
  }

  /** An anonymous client at {@code address}. */
  public static Caller client(String address) {
    return new Caller(null, address == null || address.isBlank() ? "-" : address);
  }

  public boolean isKiosk() {
    return kioskId != null;
  }

  /**
   * The limit of this caller: the kiosk's own quota, or the smaller quota of one anonymous client.
   */
  OfficeRepository.Limit limit(String scope, int perKiosk, int perClient, Duration window) {
    return isKiosk()
        ? new OfficeRepository.Limit(scope + "-kiosk", kioskId, perKiosk, window)
        : new OfficeRepository.Limit(scope + "-client", address, perClient, window);
  }
}
