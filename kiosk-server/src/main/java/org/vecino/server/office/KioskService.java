package org.vecino.server.office;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.KioskDevice;
import org.vecino.core.office.OfficeCatalog;

/**
 * The kiosks of the catalog and their heartbeats: a kiosk is online when its last heartbeat is
 * within the offline limit ({@code VECINO_KIOSK_OFFLINE_AFTER}). Thread-safe.
 */
public final class KioskService {
  private final OfficeCatalog catalog;
  private final OfficeRepository repository;
  private final Clock clock;
  private final Duration offlineAfter;

  public KioskService(
      OfficeCatalog catalog, OfficeRepository repository, Clock clock, Duration offlineAfter) {
    this.catalog = catalog;
    this.repository = repository;
    this.clock = clock;
    this.offlineAfter = offlineAfter;
  }

  /** A kiosk and what its heartbeats say. */
  public record Status(KioskDevice kiosk, Instant lastSeenAt, boolean online, String version) {}

  public KioskDevice kiosk(String id) {
    return catalog.kiosk(id).orElseThrow(() -> new NotFoundException("kiosk", id));
  }

  /** Records a heartbeat; version and screen are optional short texts. */
  public void heartbeat(String kioskId, String version, String screen) {
    kiosk(kioskId);
    check("version", version);
    check("screen", screen);
    repository.heartbeat(new OfficeRepository.Heartbeat(kioskId, clock.instant(), version, screen));
  }

  private static void check(String field, String value) {
    if (value != null && (value.isBlank() || value.length() > 100)) {
      throw new ValidationException(field, "must be 1..100 characters");
    }
  }

  /** Every kiosk of the catalog, in catalog order, online or not. */
  public List<Status> statuses() {
    Map<String, OfficeRepository.Heartbeat> beats = repository.heartbeats();
    Instant now = clock.instant();
    List<Status> out = new ArrayList<>();
    for (KioskDevice k : catalog.kiosks()) {
      OfficeRepository.Heartbeat h = beats.get(k.id());
      boolean online =
          h != null
              && !h.lastSeenAt().isBefore(now.minus(offlineAfter))
              && !h.lastSeenAt().isAfter(now.plus(offlineAfter));
      out.add(
          new Status(k, h == null ? null : h.lastSeenAt(), online, h == null ? null : h.version()));
    }
    return out;
  }
}
