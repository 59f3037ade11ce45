package org.vecino.core.kernel;

/**
 * A WGS84 position. Immutable and thread-safe.
 *
 * @param lat latitude in degrees, -90..90
 * @param lon longitude in degrees, -180..180
 */
public record GeoPoint(double lat, double lon) {
  private static final double EARTH_RADIUS_METERS = 6_371_008.8;

  public GeoPoint {
    if (!(lat >= -90 && lat <= 90)) {
      throw new IllegalArgumentException("lat must be -90..90, was " + lat);
    }
    if (!(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("lon must be -180..180, was " + lon);
    }
  }

  /** Great-circle distance in metres (haversine). */
  public double distanceMeters(GeoPoint other) {
    double dLat = Math.toRadians(other.lat - lat);
    double dLon = Math.toRadians(other.lon - lon);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat))
                * Math.cos(Math.toRadians(other.lat))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
