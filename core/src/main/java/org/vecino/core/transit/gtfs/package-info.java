/**
 * GTFS static feeds: {@link org.vecino.core.transit.gtfs.GtfsLoader} reads a feed (zip or folder)
 * into a {@link org.vecino.core.transit.gtfs.GtfsFeed}, the {@link
 * org.vecino.core.transit.Timetable} the arrival signs query. Plain JDK, no dependencies.
 */
package org.vecino.core.transit.gtfs;
