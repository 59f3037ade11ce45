package org.vecino.server.office;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.SlotPlanner;
import org.vecino.server.StartupException;
import org.vecino.server.auth.TokenService;
import org.vecino.server.config.OfficeSettings;
import org.vecino.server.config.Settings;
import org.vecino.server.config.SettingsLoader;
import org.vecino.server.db.Database;
import org.vecino.server.module.ServerModule;
import org.vecino.server.privacy.PrivacyPurge;
import org.vecino.server.privacy.PurgeStep;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.SmsOutbox;

/**
 * The Neighbor's Office wired: its catalog (read and checked at start), services and routes. What
 * it needs from other parts it is given: the SMS outbox and the reminder service as interfaces, and
 * the token service. Nothing runs in the background. Built once by {@code Vecino}; thread-safe.
 */
public final class OfficeModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(OfficeModule.class);

  private final OfficeCatalog catalog;
  private final OfficeRoutes officeRoutes;
  private final KioskRoutes kioskRoutes;
  private final Open311Routes open311Routes;
  private final OfficeAdminRoutes adminRoutes;
  private final Map<String, PurgeStep> purgeSteps;

  private OfficeModule(
      OfficeCatalog catalog,
      Map<String, PurgeStep> purgeSteps,
      OfficeRoutes officeRoutes,
      KioskRoutes kioskRoutes,
      Open311Routes open311Routes,
      OfficeAdminRoutes adminRoutes) {
    this.catalog = catalog;
    this.purgeSteps = purgeSteps;
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
   * @param outbox where one-time codes and notices are enqueued
   * @param reminders the reminder service, which reminds, confirms and cancels office bookings
   * @throws StartupException starting {@code VECINO_OFFICE_CATALOG:} for a bad catalog file
   */
  public static OfficeModule create(
      Settings settings,
      Database db,
      Predicate<String> stopExists,
      Predicate<String> parkingExists,
      SmsTexts texts,
      SmsOutbox outbox,
      OfficeReminders reminders,
      TokenService tokens,
      Clock clock) {
    OfficeSettings office = settings.office();
    ZoneId zone = settings.timezone();
    OfficeCatalog catalog;
    try {
      catalog = OfficeCatalogFile.load(office.catalog(), stopExists, parkingExists);
    } catch (OfficeCatalogFile.CatalogFileException e) {
      throw new StartupException(
          SettingsLoader.OFFICE_CATALOG + ": " + office.catalog() + ": " + e.getMessage(), e);
    }
    LOG.info(
        "Office catalog {}: {} procedures, {} offices, {} kiosks, {} Open311 services",
        office.catalog(),
        catalog.procedures().size(),
        catalog.offices().size(),
        catalog.kiosks().size(),
        catalog.services().size());
    OfficeRepository repository = new OfficeRepository(db);
    ServiceRequestRepository requestRepository = new ServiceRequestRepository(db);
    BookingService bookings =
        new BookingService(
            catalog,
            new SlotPlanner(clock, zone),
            repository,
            reminders,
            office.maxBookingsPerCitizen(),
            clock);
    CitizenSms sms = new CitizenSms(office.smsAllowedCountries());
    CitizenAuth auth = new CitizenAuth(repository, outbox, texts, sms, clock);
    ServiceRequestService requests =
        new ServiceRequestService(
            catalog, requestRepository, repository, outbox, texts, sms, clock);
    KioskService kiosks = new KioskService(catalog, repository, clock, office.kioskOfflineAfter());
    return new OfficeModule(
        catalog,
        PrivacyPurge.steps(repository.purgeSteps(), requestRepository.purgeSteps()),
        new OfficeRoutes(bookings, auth, requests, tokens, zone),
        new KioskRoutes(kiosks, tokens, zone),
        new Open311Routes(requests, zone, clock),
        new OfficeAdminRoutes(requests, zone));
  }

  public OfficeCatalog catalog() {
    return catalog;
  }

  /**
   * The privacy purge's steps for the office's tables (codes, sessions, rate events, bookings,
   * service requests).
   */
  public Map<String, PurgeStep> purgeSteps() {
    return purgeSteps;
  }

  /** Whether the catalog has a kiosk of this id (for tokens bound to a kiosk). */
  public boolean kioskExists(String kioskId) {
    return catalog.kiosk(kioskId).isPresent();
  }

  /** Registers every office, kiosk, Open311 and office admin route. */
  @Override
  public void register(RoutesConfig routes) {
    officeRoutes.register(routes);
    kioskRoutes.register(routes);
    open311Routes.register(routes);
    adminRoutes.register(routes);
  }
}
