package org.vecino.core.office;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the Neighbor's Office offers: procedures, offices, kiosks and Open311 services, in
 * catalog order, looked up by id. Ids are unique per kind; every office a procedure or kiosk names
 * exists. Immutable and thread-safe.
 */
public final class OfficeCatalog {
  private final Map<String, Procedure> procedures;
  private final Map<String, Office> offices;
  private final Map<String, KioskDevice> kiosks;
  private final Map<String, Open311Service> services;

  public OfficeCatalog(
      List<Procedure> procedures,
      List<Office> offices,
      List<KioskDevice> kiosks,
      List<Open311Service> services) {
    this.offices = index(offices, Office::id, "office");
    this.procedures = index(procedures, Procedure::id, "procedure");
    this.kiosks = index(kiosks, KioskDevice::id, "kiosk");
    this.services = index(services, Open311Service::code, "service");
    for (Procedure p : procedures) {
      for (String office : p.capacityByOffice().keySet()) {
        if (!this.offices.containsKey(office)) {
          throw new IllegalArgumentException(
              "procedure " + p.id() + " names unknown office " + office);
        }
      }
    }
    for (KioskDevice k : kiosks) {
      if (!this.offices.containsKey(k.officeId())) {
        throw new IllegalArgumentException(
            "kiosk " + k.id() + " names unknown office " + k.officeId());
      }
    }
  }

  private static <T> Map<String, T> index(
      List<T> items, java.util.function.Function<T, String> id, String what) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T item : items) {
      if (m.put(id.apply(item), item) != null) {
        throw new IllegalArgumentException(what + " " + id.apply(item) + " is listed twice");
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  public List<Procedure> procedures() {
    return List.copyOf(procedures.values());
  }

  public List<Office> offices() {
    return List.copyOf(offices.values());
  }

  public List<KioskDevice> kiosks() {
    return List.copyOf(kiosks.values());
  }

  public List<Open311Service> services() {
    return List.copyOf(services.values());
  }

  public Optional<Procedure> procedure(String id) {
    return Optional.ofNullable(procedures.get(id));
  }

  public Optional<Office> office(String id) {
    return Optional.ofNullable(offices.get(id));
  }

  public Optional<KioskDevice> kiosk(String id) {
    return Optional.ofNullable(kiosks.get(id));
  }

  public Optional<Open311Service> service(String code) {
    return Optional.ofNullable(services.get(code));
  }
}
