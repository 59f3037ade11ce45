package org.vecino.server.transit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.transit.StopSearch;
import org.vecino.core.transit.board.ArrivalBoardService;
import org.vecino.core.transit.board.BoardSettings;
import org.vecino.core.transit.gtfs.GtfsFeed;
import org.vecino.core.transit.gtfs.GtfsLoadException;
import org.vecino.core.transit.gtfs.GtfsLoader;
import org.vecino.core.transit.gtfs.GtfsProblem;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.server.StartupException;
import org.vecino.server.config.Settings;
import org.vecino.server.db.Database;
import org.vecino.server.ingest.DomainIngest;
import org.vecino.server.module.ServerModule;

/**
 * Public transport wired: the GTFS feed (loaded and checked at start), the live state restored from
 * the database, the sign and alert routes, and the domain's {@link DomainIngest} for the pipeline.
 * Nothing runs in the background. Built once by {@code Vecino}; thread-safe.
 */
public final class TransitModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(TransitModule.class);

  private final GtfsFeed feed;
  private final TransitRoutes routes;
  private final TransitIngest ingest;

  private TransitModule(GtfsFeed feed, TransitRoutes routes, TransitIngest ingest) {
    this.feed = feed;
    this.routes = routes;
    this.ingest = ingest;
  }

  /**
   * Loads the feed and restores the live state from the database.
   *
   * @throws StartupException starting {@code VECINO_GTFS:} when the feed cannot be loaded
   */
  public static TransitModule create(
      Settings settings, Database db, ObjectMapper mapper, Clock clock) {
    GtfsFeed feed = loadFeed(settings.gtfs());
    RealtimeState state = new RealtimeState(clock, settings.maxFutureSkew());
    TransitRepository repository = new TransitRepository(db);
    repository.loadInto(state);
    ArrivalBoardService boards =
        new ArrivalBoardService(
            feed,
            state,
            clock,
            BoardSettings.defaults().withStaleAfter(settings.predictionStaleAfter()));
    TransitRoutes routes =
        new TransitRoutes(
            boards, state, clock, new StopSearch(feed), feed, mapper, settings.timezone());
    return new TransitModule(
        feed, routes, new TransitIngest(settings.mqttPrefix(), feed, state, repository));
  }

  /** The static network (for the simulator and the start log). */
  public GtfsFeed feed() {
    return feed;
  }

  /** Whether a stop of this id exists. */
  public boolean stopExists(String stopId) {
    return feed.stop(stopId).isPresent();
  }

  /** What the ingest pipeline applies and stores for this domain's topics. */
  public DomainIngest<?> ingest() {
    return ingest;
  }

  /** Registers the sign endpoints and {@code /api/v1/alerts}. */
  @Override
  public void register(RoutesConfig config) {
    routes.register(config);
  }

  private static GtfsFeed loadFeed(Path path) {
    long t0 = System.nanoTime();
    GtfsFeed feed;
    try {
      feed = GtfsLoader.load(path);
    } catch (GtfsLoadException e) {
      throw new StartupException("VECINO_GTFS: " + e.getMessage(), e);
    }
    List<GtfsProblem> problems = feed.problems();
    if (!problems.isEmpty()) {
      LOG.warn("GTFS feed {}: {} bad rows skipped", path, problems.size());
      problems.stream()
          .limit(20)
          .forEach(
              p -> LOG.warn("  {} line {} {}: {}", p.file(), p.line(), p.field(), p.message()));
    }
    LOG.info(
        "GTFS feed {} loaded in {} ms", path, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    return feed;
  }
}
