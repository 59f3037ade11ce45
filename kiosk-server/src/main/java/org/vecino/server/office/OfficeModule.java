package org.vecino.server.office;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Predicate;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.SlotPlanner;
import org.vecino.server.StartupException;
import org.vecino.server.auth.TokenService;
import org.vecino.server.config.OfficeSettings;
import org.vecino.server.config.SettingsLoader;
import org.vecino.server.db.Database;
import org.vecino.server.sms.SmsTexts;

/**
 * The Neighbor's Office wired: its catalog (read and checked at start), services and routes. Built
 * once by {@code Vecino}; thread-safe.
 */
public final class OfficeModule {
  private final OfficeCatalog catalog;
  private final OfficeRoutes officeRoutes;
  private final KioskRoutes kioskRoutes;
  private final Open311Routes open311Routes;
  private final OfficeAdminRoutes adminRoutes;

  private OfficeModule(
      OfficeCatalog catalog,
      OfficeRoutes officeRoutes,
      KioskRoutes kioskRoutes,
      Open311Routes open311Routes,
      OfficeAdminRoutes adminRoutes) {
    this.catalog = catalog;
    this.officeRoutes = officeRoutes;
    this.kioskRoutes = kioskRoutes;
    this.open311Routes = open311Routes;
    this.adminRoutes = adminRoutes;
  }

  /**
   * Reads the catalog and builds the office.
   *
   * @param stopExists whether a bus stop id exists (kiosks name nearby stops)
   * @param parkingExists whether a car park or zone id exists (kiosks name nearby parking)
   * @param ports the SMS outbox and reminder service (either may be null: not wired yet)
   * @throws StartupException starting {@code VECINO_OFFICE_CATALOG:} for a bad catalog file
   */
  public static OfficeModule create(
      OfficeSettings settings,
      Database db,
      Predicate<String> stopExists,
      Predicate<String> parkingExists,
      SmsTexts texts,
      OfficePorts ports,
      TokenService tokens,
      ObjectMapper mapper,
      ZoneId zone,
      Clock clock) {
    OfficeCatalog catalog;
    try {
      catalog = OfficeCatalogFile.load(settings.catalog(), stopExists, parkingExists);
    } catch (OfficeCatalogFile.CatalogFileException e) {
      throw new StartupException(
          SettingsLoader.OFFICE_CATALOG + ": " + settings.catalog() + ": " + e.getMessage(), e);
    }
    OfficeRepository repository = new OfficeRepository(db);
    ServiceRequestRepository requestRepository = new ServiceRequestRepository(db);
    BookingService bookings =
        new BookingService(
            catalog,
            new SlotPlanner(clock, zone),
            repository,
            ports.reminders(),
            settings.maxBookingsPerCitizen(),
            clock);
    CitizenSms sms = new CitizenSms(settings.smsAllowedCountries());
    CitizenAuth auth = new CitizenAuth(repository, ports.outbox(), texts, sms, clock);
    ServiceRequestService requests =
        new ServiceRequestService(
            catalog, requestRepository, repository, ports.outbox(), texts, sms, clock);
    KioskService kiosks =
        new KioskService(catalog, repository, clock, settings.kioskOfflineAfter());
    return new OfficeModule(
        catalog,
        new OfficeRoutes(bookings, auth, requests, tokens, zone),
        new KioskRoutes(kiosks, tokens, zone),
        new Open311Routes(requests, zone, clock),
        new OfficeAdminRoutes(requests, zone));
  }

  public OfficeCatalog catalog() {
    return catalog;
  }

  /** Registers every office, kiosk, Open311 and office admin route. */
  public void register(RoutesConfig routes) {
    officeRoutes.register(routes);
    kioskRoutes.register(routes);
    open311Routes.register(routes);
    adminRoutes.register(routes);
  }
}
