package org.vecino.server.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vecino.server.db.Database;
import org.vecino.server.db.DatabaseException;
import org.vecino.server.db.DbInstants;

/**
 * Keeps rejected MQTT messages for administrators (the most recent ones) and counts rejections by
 * reason across restarts. Thread-safe: writes run in the caller's transaction, reads on their own.
 */
public final class RejectionRepository implements RejectionLog {
  private static final String INSERT =
      "INSERT INTO rejections (topic, reason, detail, received_at, payload)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String ADD_COUNT =
      "INSERT INTO rejection_counts (reason, count) VALUES (?, ?)"
          + " ON CONFLICT (reason) DO UPDATE SET count = rejection_counts.count + excluded.count";
  private static final String SELECT_RECENT =
      "SELECT topic, reason, detail, received_at, payload FROM rejections"
          + " ORDER BY id DESC LIMIT ?";
  private static final String SELECT_COUNTS = "SELECT reason, count FROM rejection_counts";
  private static final String TRIM =
      "DELETE FROM rejections WHERE id <= "
          + "(SELECT id FROM rejections ORDER BY id DESC LIMIT 1 OFFSET ?)";

  private final Database db;

  public RejectionRepository(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Stores rejections and adds them to the counts by reason.
   *
   * @param tx the connection of a transaction of {@link Database#inTransaction}
   * @param rejections oldest first
   */
  public void add(Connection tx, List<Rejection> rejections) throws SQLException {
    if (rejections.isEmpty()) {
      return;
    }
    Map<RejectionReason, Long> counts = new EnumMap<>(RejectionReason.class);
    try (PreparedStatement ps = tx.prepareStatement(INSERT)) {
      for (Rejection r : rejections) {
        ps.setString(1, r.topic());
        ps.setString(2, r.reason().code());
        ps.setString(3, r.detail());
        ps.setString(4, DbInstants.format(r.receivedAt()));
        ps.setString(5, r.payload());
        ps.addBatch();
        counts.merge(r.reason(), 1L, Long::sum);
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = tx.prepareStatement(ADD_COUNT)) {
      for (Map.Entry<RejectionReason, Long> e : counts.entrySet()) {
        ps.setString(1, e.getKey().code());
        ps.setLong(2, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * The most recent rejections, newest first.
   *
   * @param limit at most this many, &gt;= 0
   */
  @Override
  public List<Rejection> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
    if (limit == 0) {
      return List.of();
    }
    return db.read(
        c -> {
          List<Rejection> list = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(SELECT_RECENT)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                list.add(
                    new Rejection(
                        rs.getString(1),
                        reason(rs.getString(2)),
                        rs.getString(3),
                        DbInstants.parse(rs.getString(4)),
                        rs.getString(5)));
              }
            }
          }
          return Collections.unmodifiableList(list);
        });
  }

  /** How many messages were rejected for each reason, ever; every reason is present (maybe 0). */
  public Map<RejectionReason, Long> counts() {
    return db.read(
        c -> {
          Map<RejectionReason, Long> counts = new EnumMap<>(RejectionReason.class);
          for (RejectionReason reason : RejectionReason.values()) {
            counts.put(reason, 0L);
          }
          try (PreparedStatement ps = c.prepareStatement(SELECT_COUNTS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              counts.put(reason(rs.getString(1)), rs.getLong(2));
            }
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  /**
   * Deletes all but the newest {@code keep} rejections (the counts are kept).
   *
   * @param tx the connection of a transaction of {@link Database#inTransaction}
   * @param keep how many to keep, &gt;= 0
   */
  public void trim(Connection tx, int keep) throws SQLException {
    if (keep < 0) {
      throw new IllegalArgumentException("keep must be >= 0");
    }
    try (PreparedStatement ps = tx.prepareStatement(TRIM)) {
      ps.setInt(1, keep);
      ps.executeUpdate();
    }
  }

  private static RejectionReason reason(String code) {
    for (RejectionReason r : RejectionReason.values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new DatabaseException("unknown rejection reason in the database: " + code);
  }
}
