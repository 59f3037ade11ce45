package org.vecino.server.parking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.parking.ParkingCatalog;
import org.vecino.core.parking.ParkingState;
import org.vecino.server.StartupException;
import org.vecino.server.config.Settings;
import org.vecino.server.db.Database;
import org.vecino.server.ingest.DomainIngest;
import org.vecino.server.module.ServerModule;

/**
 * Parking wired: the catalog (read and checked at start), the live state restored from the
 * database, the parking and NGSI-LD routes, and the domain's {@link DomainIngest} for the pipeline.
 * Nothing runs in the background. Built once by {@code Vecino}; thread-safe.
 */
public final class ParkingModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(ParkingModule.class);

  private final ParkingCatalog catalog;
  private final ParkingRoutes routes;
  private final NgsiLdRoutes ngsiLdRoutes;
  private final ParkingIngest ingest;

  private ParkingModule(
      ParkingCatalog catalog,
      ParkingRoutes routes,
      NgsiLdRoutes ngsiLdRoutes,
      ParkingIngest ingest) {
    this.catalog = catalog;
    this.routes = routes;
    this.ngsiLdRoutes = ngsiLdRoutes;
    this.ingest = ingest;
  }

  /**
   * Reads the catalog and restores the live state from the database.
   *
   * @throws StartupException starting {@code VECINO_PARKING_CATALOG:} for a bad catalog file
   */
  public static ParkingModule create(
      Settings settings, Database db, ObjectMapper mapper, Clock clock) {
    ParkingCatalogFile.Loaded parking = loadCatalog(settings.parkingCatalog());
    ParkingState state =
        new ParkingState(
            parking.catalog(),
            parking.thresholds(),
            settings.timezone(),
            clock,
            settings.maxFutureSkew());
    ParkingRepository repository = new ParkingRepository(db, parking.historyRetention());
    repository.loadInto(state);
    return new ParkingModule(
        parking.catalog(),
        new ParkingRoutes(
            state, new ParkingHistoryService(repository), mapper, settings.timezone(), clock),
        new NgsiLdRoutes(state, mapper, settings.timezone()),
        new ParkingIngest(settings.mqttPrefix(), state, repository, clock));
  }

  /** The car parks and street zones (for the simulator). */
  public ParkingCatalog catalog() {
    return catalog;
  }

  /** Whether a car park or street zone of this id exists. */
  public boolean facilityExists(String facilityId) {
    return catalog.facility(facilityId).isPresent();
  }

  /** What the ingest pipeline applies and stores for this domain's topics. */
  public DomainIngest<?> ingest() {
    return ingest;
  }

  /** Registers {@code /api/v1/parking...}, the admin sensor view and the NGSI-LD routes. */
  @Override
  public void register(RoutesConfig config) {
    routes.register(config);
    ngsiLdRoutes.register(config);
  }

  private static ParkingCatalogFile.Loaded loadCatalog(Path path) {
    ParkingCatalogFile.Loaded loaded;
    try {
      loaded = ParkingCatalogFile.load(path);
    } catch (CatalogException e) {
      throw new StartupException("VECINO_PARKING_CATALOG: " + path + ": " + e.getMessage(), e);
    }
    LOG.info(
        "Parking catalog {}: {} facilities, {} spots",
        path,
        loaded.catalog().facilities().size(),
        loaded.catalog().spotCount());
    return loaded;
  }
}
