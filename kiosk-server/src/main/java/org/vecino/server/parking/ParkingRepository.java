package org.vecino.server.parking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.parking.CounterReading;
import org.vecino.core.parking.ParkingState;
import org.vecino.core.parking.SpotReading;
import org.vecino.core.parking.history.History;
import org.vecino.core.parking.history.OccupancyPoint;
import org.vecino.server.db.Database;
import org.vecino.server.db.DbInstants;

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

  private static final String INSERT_FACILITY_REF =
      "INSERT INTO parking_history_facilities (facility_id) VALUES (?)"
          + " ON CONFLICT (facility_id) DO NOTHING";
  private static final String SELECT_FACILITY_REFS =
      "SELECT ref, facility_id FROM parking_history_facilities";
  private static final String SELECT_FACILITY_REF =
      "SELECT ref FROM parking_history_facilities WHERE facility_id = ?";
  private static final String UPSERT_5M = upsert("parking_occupancy_5m");
  private static final String UPSERT_1H = upsert("parking_occupancy_1h");
  private static final String SELECT_5M = select("parking_occupancy_5m");
  private static final String SELECT_1H = select("parking_occupancy_1h");
  private static final String DELETE_5M_BEFORE =
      "DELETE FROM parking_occupancy_5m WHERE facility_ref = ? AND bucket_start < ?";
  private static final String DELETE_1H_BEFORE =
      "DELETE FROM parking_occupancy_1h WHERE facility_ref = ? AND bucket_start < ?";

  /** How often old history is rolled up and trimmed. */
  private static final Duration TRIM_EVERY = Duration.ofHours(1);

  /**
   * How long five-minute buckets are kept before they are rolled up into hourly ones: the four
   * weeks of the typical day, and a week more.
   */
  public static final Duration DETAIL_KEPT = Duration.ofDays(35);

  /** The bucket of the rolled-up history. */
  public static final Duration ROLLED_UP_BUCKET = Duration.ofHours(1);

  /** A facility's free spaces at a moment, to add to its history. */
  public record HistoryWrite(String facilityId, Instant at, int available, int total) {}

  private final Database db;
  private final Duration historyRetention;
  // facility id -> its integer key in the history tables; written by the writer, read by readers
  private final Map<String, Integer> refs = new ConcurrentHashMap<>();
  private Instant lastTrim; // only the writer thread uses it

  /**
   * @param historyRetention how long occupancy history is kept
   */
  public ParkingRepository(Database db, Duration historyRetention) {
    this.db = Objects.requireNonNull(db, "db");
    this.historyRetention = Objects.requireNonNull(historyRetention, "historyRetention");
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SELECT_FACILITY_REFS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              refs.put(rs.getString(2), rs.getInt(1));
            }
          }
          return null;
        });
  }

  private static String upsert(String table) {
    return "INSERT INTO "
        + table
        + " (facility_ref, bucket_start, available, min_available, max_available, total)"
        + " VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (facility_ref, bucket_start) DO UPDATE SET"
        + " available = excluded.available, total = excluded.total,"
        + " min_available = CASE WHEN excluded.min_available < "
        + table
        + ".min_available THEN excluded.min_available ELSE "
        + table
        + ".min_available END,"
        + " max_available = CASE WHEN excluded.max_available > "
        + table
        + ".max_available THEN excluded.max_available ELSE "
        + table
        + ".max_available END";
  }

  private static String select(String table) {
    return "SELECT bucket_start, available, min_available, max_available, total FROM "
        + table
        + " WHERE facility_ref = ? AND bucket_start >= ? AND bucket_start < ?"
        + " ORDER BY bucket_start";
  }

  /**
   * Adds free-space values to the history, in their 5-minute buckets (the bucket keeps the last
   * value, its minimum and maximum), and about once an hour rolls five-minute buckets older than
   * {@link #DETAIL_KEPT} up into hourly ones and deletes what is older than the retention. Runs in
   * the writer's transaction.
   */
  public void recordHistory(Connection tx, List<HistoryWrite> writes, Instant now)
      throws SQLException {
    if (!writes.isEmpty()) {
      try (PreparedStatement ps = tx.prepareStatement(UPSERT_5M)) {
        for (HistoryWrite w : writes) {
          ps.setInt(1, refFor(tx, w.facilityId()));
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
      compact(tx, now);
      lastTrim = now;
    }
  }

  /**
   * Rolls five-minute buckets older than {@link #DETAIL_KEPT} (whole hours) up into hourly buckets,
   * and deletes history older than the retention. Runs in the caller's transaction.
   */
  public void compact(Connection tx, Instant now) throws SQLException {
    long hour = ROLLED_UP_BUCKET.toSeconds();
    long rollBefore = Math.floorDiv(now.minus(DETAIL_KEPT).getEpochSecond(), hour) * hour;
    long keepFrom = now.minus(historyRetention).getEpochSecond();
    int rolled = 0;
    int deleted = 0;
    try (PreparedStatement select = tx.prepareStatement(SELECT_5M);
        PreparedStatement upsert = tx.prepareStatement(UPSERT_1H);
        PreparedStatement delete5 = tx.prepareStatement(DELETE_5M_BEFORE);
        PreparedStatement delete1 = tx.prepareStatement(DELETE_1H_BEFORE)) {
      for (int ref : List.copyOf(refs.values())) {
        select.setInt(1, ref);
        select.setLong(2, Long.MIN_VALUE);
        select.setLong(3, rollBefore);
        List<OccupancyPoint> old = readPoints(select);
        for (OccupancyPoint p : History.downsample(old, ROLLED_UP_BUCKET)) {
          upsert.setInt(1, ref);
          upsert.setLong(2, p.at().getEpochSecond());
          upsert.setInt(3, p.available());
          upsert.setInt(4, p.minAvailable());
          upsert.setInt(5, p.maxAvailable());
          upsert.setInt(6, p.total());
          upsert.addBatch();
        }
        upsert.executeBatch();
        rolled += old.size();
        delete5.setInt(1, ref);
        delete5.setLong(2, Math.max(rollBefore, keepFrom));
        deleted += delete5.executeUpdate();
        delete1.setInt(1, ref);
        delete1.setLong(2, keepFrom);
        deleted += delete1.executeUpdate();
      }
    }
    if (rolled > 0) {
      log.info("Parking history: {} five-minute buckets rolled up into hours", rolled);
    }
    if (deleted - rolled > 0) {
      log.info(
          "Parking history: {} buckets older than {} deleted", deleted - rolled, historyRetention);
    }
  }

  private int refFor(Connection tx, String facilityId) throws SQLException {
    Integer ref = refs.get(facilityId);
    if (ref != null) {
      return ref;
    }
    try (PreparedStatement ins = tx.prepareStatement(INSERT_FACILITY_REF)) {
      ins.setString(1, facilityId);
      ins.executeUpdate();
    }
    try (PreparedStatement sel = tx.prepareStatement(SELECT_FACILITY_REF)) {
      sel.setString(1, facilityId);
      try (ResultSet rs = sel.executeQuery()) {
        rs.next();
        ref = rs.getInt(1);
      }
    }
    // The catalog's facilities are registered at start in their own transaction (loadInto), so
    // a key is cached here only in the rare case of a facility first seen by a write.
    refs.put(facilityId, ref);
    return ref;
  }

  private static List<OccupancyPoint> readPoints(PreparedStatement ps) throws SQLException {
    List<OccupancyPoint> out = new ArrayList<>();
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
    return out;
  }

  /**
   * A facility's stored buckets in {@code [from, to)}, oldest first: hourly ones where the history
   * was rolled up, five-minute ones after.
   */
  public List<OccupancyPoint> history(String facilityId, Instant from, Instant to) {
    Integer ref = refs.get(facilityId);
    if (ref == null) {
      return List.of();
    }
    return db.read(
        c -> {
          List<OccupancyPoint> out = new ArrayList<>();
          for (String sql : List.of(SELECT_1H, SELECT_5M)) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setInt(1, ref);
              ps.setLong(2, History.storedBucket(from).getEpochSecond());
              ps.setLong(3, to.getEpochSecond());
              out.addAll(readPoints(ps));
            }
          }
          out.sort(Comparator.comparing(OccupancyPoint::at));
          return out;
        });
  }

  /**
   * Stores parking updates the state applied, oldest first; only the last of each sensor is
   * written.
   *
   * @param tx the connection of a transaction of {@link Database#inTransaction}
   */
  public void save(Connection tx, List<ParkingUpdate> applied) throws SQLException {
    Map<String, ParkingUpdate> latest = new LinkedHashMap<>();
    for (ParkingUpdate u : applied) {
      latest.put(u.key(), u);
    }
    try (PreparedStatement spots = tx.prepareStatement(UPSERT_SPOT);
        PreparedStatement counters = tx.prepareStatement(UPSERT_COUNTER)) {
      for (ParkingUpdate u : latest.values()) {
        if (u instanceof ParkingUpdate.Spot s) {
          SpotReading r = s.value();
          spots.setString(1, r.spotId());
          spots.setString(2, DbInstants.format(r.timestamp()));
          spots.setString(3, DbInstants.format(r.receivedAt()));
          spots.setBoolean(4, r.occupied());
          setInt(spots, 5, r.batteryPercent());
          spots.addBatch();
        } else if (u instanceof ParkingUpdate.Counter c) {
          CounterReading r = c.value();
          counters.setString(1, r.facilityId());
          counters.setString(2, DbInstants.format(r.timestamp()));
          counters.setString(3, DbInstants.format(r.receivedAt()));
          setInt(counters, 4, r.available());
          counters.setBoolean(5, r.closed());
          setInt(counters, 6, r.total());
          counters.addBatch();
        } else {
          throw new IllegalArgumentException("unknown parking update: " + u.getClass());
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
    // Every facility of the catalog gets its history key now, in a transaction of its own.
    db.inTransaction(
        c -> {
          for (var f : state.catalog().facilities()) {
            refFor(c, f.id());
          }
          return null;
        });
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
