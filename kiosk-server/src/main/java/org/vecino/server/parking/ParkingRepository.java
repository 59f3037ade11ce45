package org.vecino.server.parking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.parking.CounterReading;
import org.vecino.core.parking.ParkingState;
import org.vecino.core.parking.SpotReading;
import org.vecino.core.parking.history.History;
import org.vecino.core.parking.history.OccupancyPoint;
import org.vecino.server.db.Database;
import org.vecino.server.db.DbInstants;
import org.vecino.server.ingest.SensorUpdate;

/**
 * Keeps the latest reading of every parking sensor in the database so that the parking state
 * survives a restart. Thread-safe: {@link #save} runs in the caller's transaction; {@link
 * #loadInto} reads on its own.
 */
public final class ParkingRepository {
  private static final Logger log = LoggerFactory.getLogger(ParkingRepository.class);

  private static final String UPSERT_SPOT =
      "INSERT INTO parking_spot_readings"
          + " (spot_id, issued_at, received_at, occupied, battery_percent) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (spot_id) DO UPDATE SET issued_at = excluded.issued_at,"
          + " received_at = excluded.received_at, occupied = excluded.occupied,"
          + " battery_percent = excluded.battery_percent";
  private static final String UPSERT_COUNTER =
      "INSERT INTO parking_counter_readings"
          + " (facility_id, issued_at, received_at, available, closed, total)"
          + " VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (facility_id) DO UPDATE SET issued_at = excluded.issued_at,"
          + " received_at = excluded.received_at, available = excluded.available,"
          + " closed = excluded.closed, total = excluded.total";
  private static final String SELECT_SPOTS =
      "SELECT spot_id, issued_at, received_at, occupied, battery_percent"
          + " FROM parking_spot_readings";
  private static final String SELECT_COUNTERS =
      "SELECT facility_id, issued_at, received_at, available, closed, total"
          + " FROM parking_counter_readings";

  private static final String UPSERT_OCCUPANCY =
      "INSERT INTO parking_occupancy"
          + " (facility_id, bucket_start, available, min_available, max_available, total)"
          + " VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (facility_id, bucket_start) DO UPDATE SET"
          + " available = excluded.available, total = excluded.total,"
          + " min_available = CASE WHEN excluded.min_available < parking_occupancy.min_available"
          + " THEN excluded.min_available ELSE parking_occupancy.min_available END,"
          + " max_available = CASE WHEN excluded.max_available > parking_occupancy.max_available"
          + " THEN excluded.max_available ELSE parking_occupancy.max_available END";
  private static final String SELECT_OCCUPANCY =
      "SELECT bucket_start, available, min_available, max_available, total"
          + " FROM parking_occupancy WHERE facility_id = ? AND bucket_start >= ?"
          + " AND bucket_start < ? ORDER BY bucket_start";
  private static final String DELETE_OLD_OCCUPANCY =
      "DELETE FROM parking_occupancy WHERE bucket_start < ?";

  /** How often old history is deleted. */
  private static final Duration TRIM_EVERY = Duration.ofHours(1);

  /** A facility's free spaces at a moment, to add to its history. */
  public record HistoryWrite(String facilityId, Instant at, int available, int total) {}

  private final Database db;
  private final Duration historyRetention;
  private Instant lastTrim; // only the writer thread uses it

  /**
   * @param historyRetention how long occupancy history is kept
   */
  public ParkingRepository(Database db, Duration historyRetention) {
    this.db = Objects.requireNonNull(db, "db");
    this.historyRetention = Objects.requireNonNull(historyRetention, "historyRetention");
  }

  /**
   * Adds free-space values to the history, in their 5-minute buckets (the bucket keeps the last
   * value, its minimum and maximum), and about once an hour deletes what is older than the
   * retention. Runs in the writer's transaction.
   */
  public void recordHistory(Connection tx, List<HistoryWrite> writes, Instant now)
      throws SQLException {
    if (!writes.isEmpty()) {
      try (PreparedStatement ps = tx.prepareStatement(UPSERT_OCCUPANCY)) {
        for (HistoryWrite w : writes) {
          ps.setString(1, w.facilityId());
          ps.setLong(2, History.storedBucket(w.at()).getEpochSecond());
          ps.setInt(3, w.available());
          ps.setInt(4, w.available());
          ps.setInt(5, w.available());
          ps.setInt(6, w.total());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (lastTrim == null || !now.isBefore(lastTrim.plus(TRIM_EVERY))) {
      try (PreparedStatement ps = tx.prepareStatement(DELETE_OLD_OCCUPANCY)) {
        ps.setLong(1, now.minus(historyRetention).getEpochSecond());
        int deleted = ps.executeUpdate();
        if (deleted > 0) {
          log.info("Parking history: {} buckets older than {} deleted", deleted, historyRetention);
        }
      }
      lastTrim = now;
    }
  }

  /** A facility's stored 5-minute buckets in {@code [from, to)}, oldest first. */
  public List<OccupancyPoint> history(String facilityId, Instant from, Instant to) {
    return db.read(
        c -> {
          List<OccupancyPoint> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(SELECT_OCCUPANCY)) {
            ps.setString(1, facilityId);
            ps.setLong(2, History.storedBucket(from).getEpochSecond());
            ps.setLong(3, to.getEpochSecond());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new OccupancyPoint(
                        Instant.ofEpochSecond(rs.getLong(1)),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5)));
              }
            }
          }
          return out;
        });
  }

  /**
   * Stores parking updates the state applied, oldest first; only the last of each sensor is
   * written.
   *
   * @param tx the connection of a transaction of {@link Database#inTransaction}
   * @throws IllegalArgumentException for an update of another domain
   */
  public void save(Connection tx, List<SensorUpdate> applied) throws SQLException {
    Map<String, SensorUpdate> latest = new LinkedHashMap<>();
    for (SensorUpdate u : applied) {
      latest.put(u.key(), u);
    }
    try (PreparedStatement spots = tx.prepareStatement(UPSERT_SPOT);
        PreparedStatement counters = tx.prepareStatement(UPSERT_COUNTER)) {
      for (SensorUpdate u : latest.values()) {
        if (u instanceof SensorUpdate.ParkingSpot s) {
          SpotReading r = s.value();
          spots.setString(1, r.spotId());
          spots.setString(2, DbInstants.format(r.timestamp()));
          spots.setString(3, DbInstants.format(r.receivedAt()));
          spots.setBoolean(4, r.occupied());
          setInt(spots, 5, r.batteryPercent());
          spots.addBatch();
        } else if (u instanceof SensorUpdate.ParkingCounter c) {
          CounterReading r = c.value();
          counters.setString(1, r.facilityId());
          counters.setString(2, DbInstants.format(r.timestamp()));
          counters.setString(3, DbInstants.format(r.receivedAt()));
          setInt(counters, 4, r.available());
          counters.setBoolean(5, r.closed());
          setInt(counters, 6, r.total());
          counters.addBatch();
        } else {
          throw new IllegalArgumentException("not a parking update: " + u.getClass());
        }
      }
      spots.executeBatch();
      counters.executeBatch();
    }
  }

  private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  private static Integer getInt(ResultSet rs, int index) throws SQLException {
    int v = rs.getInt(index);
    return rs.wasNull() ? null : v;
  }

  /**
   * Restores the stored readings into {@code state} (normally a fresh one, at start). A reading of
   * a sensor no longer in the catalog, or that cannot be decoded, is skipped with a warning.
   *
   * @return how many readings were restored
   */
  public int loadInto(ParkingState state) {
    List<SpotReading> spots = new ArrayList<>();
    List<CounterReading> counters = new ArrayList<>();
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SELECT_SPOTS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String id = rs.getString(1);
              try {
                spots.add(
                    new SpotReading(
                        id,
                        DbInstants.parse(rs.getString(2)),
                        DbInstants.parse(rs.getString(3)),
                        rs.getBoolean(4),
                        getInt(rs, 5)));
              } catch (RuntimeException e) {
                skip("spot", id, e);
              }
            }
          }
          try (PreparedStatement ps = c.prepareStatement(SELECT_COUNTERS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String id = rs.getString(1);
              try {
                counters.add(
                    new CounterReading(
                        id,
                        DbInstants.parse(rs.getString(2)),
                        DbInstants.parse(rs.getString(3)),
                        getInt(rs, 4),
                        rs.getBoolean(5),
                        getInt(rs, 6)));
              } catch (RuntimeException e) {
                skip("counter", id, e);
              }
            }
          }
          return null;
        });
    int restored = 0;
    for (SpotReading r : spots) {
      if (state.catalog().spot(r.spotId()).isEmpty()) {
        log.warn("Stored reading of spot {} skipped: no longer in the parking catalog", r.spotId());
      } else {
        state.apply(r);
        restored++;
      }
    }
    for (CounterReading r : counters) {
      try {
        state.apply(r);
        restored++;
      } catch (IllegalArgumentException e) {
        skip("counter", r.facilityId(), e);
      }
    }
    return restored;
  }

  private static void skip(String what, String id, Exception e) {
    log.warn("Stored parking {} {} cannot be restored, skipped: {}", what, id, e.getMessage());
  }
}
