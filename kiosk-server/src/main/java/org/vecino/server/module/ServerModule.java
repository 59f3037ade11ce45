package org.vecino.server.module;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.vecino.server.http.HealthCheck;

/**
 * One part of Vecino as {@code Vecino} wires it: built by the part's own {@code create(...)} from
 * the settings and the shared infrastructure it needs (its gauges registered there), it registers
 * its HTTP routes, gives its parts of {@code /health}, starts its background work and stops it in
 * {@link #close()}. What it needs from another part it receives as an interface, never by building
 * that part's services. {@code Vecino} calls {@link #start()} once, after construction, and puts
 * the module in the stop order first, so {@link #close()} must stop only what was started.
 * Implementations are thread-safe once started.
 */
public interface ServerModule extends AutoCloseable {

  /** Registers this module's HTTP routes (none by default). */
  default void register(RoutesConfig routes) {}

  /** This module's parts of {@code /health} (none by default). */
  default List<HealthCheck> health() {
    return List.of();
  }

  /** Starts this module's background work (nothing by default). */
  default void start() {}

  /** Stops what {@link #start()} started (nothing by default); never throws. */
  @Override
  default void close() {}
}
