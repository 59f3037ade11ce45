package org.vecino.core.parking.history;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Occupancy history calculations over stored buckets: coarser buckets, the typical day and what to
 * expect shortly. Stateless.
 */
public final class History {
  /** The bucket the history is stored in. */
  public static final Duration STORED_BUCKET = Duration.ofMinutes(5);

  private History() {}

  /** The start of the stored bucket holding an instant (aligned to the epoch). */
  public static Instant storedBucket(Instant t) {
    long s = STORED_BUCKET.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
  }

  /**
   * Merges points (sorted by time) into buckets of {@code bucket} aligned to the epoch: the last
   * value of each, its min and max.
   *
   * @param bucket a whole multiple of {@link #STORED_BUCKET}
   */
  public static List<OccupancyPoint> downsample(List<OccupancyPoint> points, Duration bucket) {
    long size = bucket.toSeconds();
    if (size <= 0 || size % STORED_BUCKET.toSeconds() != 0) {
      throw new IllegalArgumentException("bucket must be a multiple of 5 minutes");
    }
    List<OccupancyPoint> out = new ArrayList<>();
    OccupancyPoint current = null;
    for (OccupancyPoint p : points) {
      Instant start = Instant.ofEpochSecond(Math.floorDiv(p.at().getEpochSecond(), size) * size);
      if (current != null && current.at().equals(start)) {
        current =
            new OccupancyPoint(
                start,
                p.available(),
                Math.min(current.minAvailable(), p.minAvailable()),
                Math.max(current.maxAvailable(), p.maxAvailable()),
                p.total());
        out.set(out.size() - 1, current);
      } else {
        current =
            new OccupancyPoint(start, p.available(), p.minAvailable(), p.maxAvailable(), p.total());
        out.add(current);
      }
    }
    return out;
  }

  /**
   * The typical free spaces of a weekday, hour by hour of city time (0..23): the mean of the points
   * that fall on that weekday and hour. An hour without data is null.
   */
  public static List<Double> typicalDay(List<OccupancyPoint> points, ZoneId zone, DayOfWeek day) {
    double[] sum = new double[24];
    int[] count = new int[24];
    for (OccupancyPoint p : points) {
      ZonedDateTime local = p.at().atZone(zone);
      if (local.getDayOfWeek() == day) {
        sum[local.getHour()] += p.available();
        count[local.getHour()]++;
      }
    }
    List<Double> out = new ArrayList<>(24);
    for (int h = 0; h < 24; h++) {
      out.add(count[h] == 0 ? null : sum[h] / count[h]);
    }
    return out;
  }

  /**
   * Free spaces to expect at {@code now + ahead}: the current value moved by the typical change
   * between the two hours (from {@code typicalDay} profiles of the weeks before), within 0..total.
   * Null when the profile lacks either hour.
   */
  public static Integer expectedAvailable(
      int available,
      int total,
      Instant now,
      Duration ahead,
      ZoneId zone,
      List<OccupancyPoint> recentWeeks) {
    ZonedDateTime a = now.atZone(zone);
    ZonedDateTime b = now.plus(ahead).atZone(zone);
    Double from = typicalDay(recentWeeks, zone, a.getDayOfWeek()).get(a.getHour());
    Double to = typicalDay(recentWeeks, zone, b.getDayOfWeek()).get(b.getHour());
    if (from == null || to == null) {
      return null;
    }
    long expected = Math.round(available + to - from);
    return (int) Math.max(0, Math.min(total, expected));
  }
}
