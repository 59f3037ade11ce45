package org.vecino.server.transit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.LocalizedText;
import org.vecino.core.transit.realtime.AlertDeletion;
import org.vecino.core.transit.realtime.Prediction;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.core.transit.realtime.Severity;
import org.vecino.core.transit.realtime.StopPredictions;
import org.vecino.core.transit.realtime.VehiclePosition;
import org.vecino.server.db.Database;
import org.vecino.server.db.DatabaseException;
import org.vecino.server.db.DbInstants;
import org.vecino.server.json.Json;

/**
 * Keeps the real-time transit state in the database so that it survives a restart: the latest
 * prediction snapshot of each stop, the alerts and their deletions, the vehicles' positions.
 *
 * <p>Thread-safe: {@link #save} runs in the caller's transaction; {@link #loadInto} reads on its
 * own.
 */
public final class TransitRepository {
  private static final Logger log = LoggerFactory.getLogger(TransitRepository.class);

  private static final String UPSERT_SNAPSHOT =
      "INSERT INTO transit_stop_predictions (stop_id, issued_at, received_at, arrivals)"
          + " VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (stop_id) DO UPDATE SET issued_at = excluded.issued_at,"
          + " received_at = excluded.received_at, arrivals = excluded.arrivals";
  private static final String UPSERT_ALERT =
      "INSERT INTO transit_alerts (alert_id, issued_at, received_at, alert) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (alert_id) DO UPDATE SET issued_at = excluded.issued_at,"
          + " received_at = excluded.received_at, alert = excluded.alert";
  private static final String DELETE_DELETION =
      "DELETE FROM transit_alert_deletions WHERE alert_id = ?";
  private static final String DELETE_ALERT = "DELETE FROM transit_alerts WHERE alert_id = ?";
  private static final String UPSERT_DELETION =
      "INSERT INTO transit_alert_deletions (alert_id, deleted_at) VALUES (?, ?)"
          + " ON CONFLICT (alert_id) DO UPDATE SET deleted_at = excluded.deleted_at"
          + " WHERE excluded.deleted_at > transit_alert_deletions.deleted_at";
  private static final String UPSERT_VEHICLE =
      "INSERT INTO transit_vehicle_positions"
          + " (vehicle_id, issued_at, received_at, line, lat, lon, speed_kmh, bearing)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (vehicle_id) DO UPDATE SET issued_at = excluded.issued_at,"
          + " received_at = excluded.received_at, line = excluded.line, lat = excluded.lat,"
          + " lon = excluded.lon, speed_kmh = excluded.speed_kmh, bearing = excluded.bearing";
  private static final String SELECT_SNAPSHOTS =
      "SELECT stop_id, issued_at, received_at, arrivals FROM transit_stop_predictions";
  private static final String SELECT_ALERTS =
      "SELECT alert_id, issued_at, received_at, alert FROM transit_alerts";
  private static final String SELECT_DELETIONS =
      "SELECT alert_id, deleted_at FROM transit_alert_deletions";
  private static final String SELECT_VEHICLES =
      "SELECT vehicle_id, issued_at, received_at, line, lat, lon, speed_kmh, bearing"
          + " FROM transit_vehicle_positions";

  /** One prediction as stored in the {@code arrivals} JSON array. */
  private record ArrivalJson(
      String line,
      String destination,
      Instant arrivalTime,
      String vehicle,
      Integer distanceMeters,
      String trip) {}

  /** An alert as stored in the {@code alert} JSON document (id and times are columns). */
  private record AlertJson(
      String severity,
      List<String> lines,
      List<String> stops,
      Instant activeFrom,
      Instant activeUntil,
      Map<String, String> header,
      Map<String, String> description) {}

  private final Database db;
  private final ObjectWriter arrivalsWriter;
  private final ObjectReader arrivalsReader;
  private final ObjectWriter alertWriter;
  private final ObjectReader alertReader;

  public TransitRepository(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    ObjectMapper mapper = Json.newMapper();
    this.arrivalsWriter =
        mapper.writerFor(
            mapper.getTypeFactory().constructCollectionType(List.class, ArrivalJson.class));
    this.arrivalsReader = mapper.readerForListOf(ArrivalJson.class);
    this.alertWriter = mapper.writerFor(AlertJson.class);
    this.alertReader = mapper.readerFor(AlertJson.class);
  }

  /**
   * Stores updates that {@link RealtimeState} applied, in the order it applied them: a snapshot
   * replaces the stop's previous one, an alert replaces its previous version and clears its
   * deletion, a deletion removes the alert and is remembered (the latest deletion time wins), a
   * position replaces the vehicle's previous one. Only the last update of each key is written.
   *
   * @param tx the connection of a transaction of {@link Database#inTransaction}
   * @param applied the applied updates, oldest first
   */
  public void save(Connection tx, List<TransitUpdate> applied) throws SQLException {
    Map<String, TransitUpdate> latest = new LinkedHashMap<>();
    for (TransitUpdate update : applied) {
      latest.merge(update.key(), update, TransitRepository::survivor);
    }
    try (PreparedStatement snapshots = tx.prepareStatement(UPSERT_SNAPSHOT);
        PreparedStatement alerts = tx.prepareStatement(UPSERT_ALERT);
        PreparedStatement clearDeletions = tx.prepareStatement(DELETE_DELETION);
        PreparedStatement deleteAlerts = tx.prepareStatement(DELETE_ALERT);
        PreparedStatement deletions = tx.prepareStatement(UPSERT_DELETION);
        PreparedStatement vehicles = tx.prepareStatement(UPSERT_VEHICLE)) {
      for (TransitUpdate update : latest.values()) {
        if (update instanceof TransitUpdate.StopArrivals s) {
          addSnapshot(snapshots, s.value());
        } else if (update instanceof TransitUpdate.Alert a) {
          addAlert(alerts, a.value());
          clearDeletions.setString(1, a.value().id());
          clearDeletions.addBatch();
        } else if (update instanceof TransitUpdate.AlertRemoved r) {
          deleteAlerts.setString(1, r.value().alertId());
          deleteAlerts.addBatch();
          deletions.setString(1, r.value().alertId());
          deletions.setString(2, DbInstants.format(r.value().deletedAt()));
          deletions.addBatch();
        } else if (update instanceof TransitUpdate.Vehicle v) {
          addVehicle(vehicles, v.value());
        } else {
          throw new IllegalArgumentException("unknown update " + update.getClass());
        }
      }
      for (PreparedStatement batch :
          List.of(snapshots, alerts, clearDeletions, deleteAlerts, deletions, vehicles)) {
        batch.executeBatch();
      }
    }
  }

  /** Of two updates of one key, the one that is the state after both. */
  private static TransitUpdate survivor(TransitUpdate earlier, TransitUpdate later) {
    if (earlier instanceof TransitUpdate.AlertRemoved a
        && later instanceof TransitUpdate.AlertRemoved b
        && b.value().deletedAt().isBefore(a.value().deletedAt())) {
      return earlier;
    }
    return later;
  }

  private void addSnapshot(PreparedStatement ps, StopPredictions s) throws SQLException {
    List<ArrivalJson> arrivals = new ArrayList<>(s.arrivals().size());
    for (Prediction p : s.arrivals()) {
      arrivals.add(
          new ArrivalJson(
              p.line(),
              p.destination(),
              p.arrivalTime(),
              p.vehicle(),
              p.distanceMeters(),
              p.tripId()));
    }
    ps.setString(1, s.stopId());
    ps.setString(2, DbInstants.format(s.timestamp()));
    ps.setString(3, DbInstants.format(s.receivedAt()));
    ps.setString(4, toJson(arrivalsWriter, arrivals));
    ps.addBatch();
  }

  private void addAlert(PreparedStatement ps, ServiceAlert a) throws SQLException {
    AlertJson json =
        new AlertJson(
            a.severity().code(),
            a.lines(),
            a.stops(),
            a.activeFrom(),
            a.activeUntil(),
            texts(a.header()),
            a.description() == null ? null : texts(a.description()));
    ps.setString(1, a.id());
    ps.setString(2, DbInstants.format(a.timestamp()));
    ps.setString(3, DbInstants.format(a.receivedAt()));
    ps.setString(4, toJson(alertWriter, json));
    ps.addBatch();
  }

  private static void addVehicle(PreparedStatement ps, VehiclePosition v) throws SQLException {
    ps.setString(1, v.vehicleId());
    ps.setString(2, DbInstants.format(v.timestamp()));
    ps.setString(3, DbInstants.format(v.receivedAt()));
    ps.setString(4, v.line());
    ps.setDouble(5, v.position().lat());
    ps.setDouble(6, v.position().lon());
    if (v.speedKmh() == null) {
      ps.setNull(7, Types.DOUBLE);
    } else {
      ps.setDouble(7, v.speedKmh());
    }
    if (v.bearing() == null) {
      ps.setNull(8, Types.INTEGER);
    } else {
      ps.setInt(8, v.bearing());
    }
    ps.addBatch();
  }

  private static Map<String, String> texts(LocalizedText text) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Lang lang : Lang.values()) {
      String t = text.texts().get(lang);
      if (t != null) {
        map.put(lang.code(), t);
      }
    }
    return map;
  }

  private static String toJson(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new DatabaseException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Restoring

  /** Everything stored, decoded. */
  private record Stored(
      List<AlertDeletion> deletions,
      List<ServiceAlert> alerts,
      List<StopPredictions> snapshots,
      List<VehiclePosition> vehicles) {}

  /**
   * Restores the stored state into {@code state} (normally a fresh one, at start): deletions first,
   * then alerts, prediction snapshots and vehicle positions. A row that cannot be decoded is
   * skipped with a warning (sensors resend their state within minutes).
   *
   * @throws DatabaseException when the database cannot be read
   */
  public void loadInto(RealtimeState state) {
    Stored stored =
        db.read(
            c -> new Stored(readDeletions(c), readAlerts(c), readSnapshots(c), readVehicles(c)));
    Map<ApplyOutcome, Integer> outcomes = new EnumMap<>(ApplyOutcome.class);
    stored.deletions().forEach(d -> outcomes.merge(state.apply(d), 1, Integer::sum));
    stored.alerts().forEach(a -> outcomes.merge(state.apply(a), 1, Integer::sum));
    stored.snapshots().forEach(s -> outcomes.merge(state.apply(s), 1, Integer::sum));
    stored.vehicles().forEach(v -> outcomes.merge(state.apply(v), 1, Integer::sum));
    log.info(
        "Restored transit state: {} stop snapshots, {} alerts, {} alert deletions, {} vehicles",
        stored.snapshots().size(),
        stored.alerts().size(),
        stored.deletions().size(),
        stored.vehicles().size());
    int notApplied =
        outcomes.entrySet().stream()
            .filter(e -> e.getKey() != ApplyOutcome.APPLIED)
            .mapToInt(Map.Entry::getValue)
            .sum();
    if (notApplied > 0) {
      log.warn("{} stored transit updates were not restored: {}", notApplied, outcomes);
    }
  }

  private static List<AlertDeletion> readDeletions(Connection c) throws SQLException {
    List<AlertDeletion> list = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT_DELETIONS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        try {
          list.add(new AlertDeletion(id, DbInstants.parse(rs.getString(2))));
        } catch (RuntimeException e) {
          skip("alert deletion", id, e);
        }
      }
    }
    return list;
  }

  private List<ServiceAlert> readAlerts(Connection c) throws SQLException {
    List<ServiceAlert> list = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT_ALERTS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        try {
          AlertJson json = alertReader.readValue(rs.getString(4));
          Severity severity =
              Severity.fromCode(json.severity())
                  .orElseThrow(() -> new IllegalArgumentException("severity " + json.severity()));
          list.add(
              new ServiceAlert(
                  id,
                  DbInstants.parse(rs.getString(2)),
                  DbInstants.parse(rs.getString(3)),
                  severity,
                  json.lines(),
                  json.stops(),
                  json.activeFrom(),
                  json.activeUntil(),
                  localized(json.header()),
                  json.description() == null ? null : localized(json.description())));
        } catch (JsonProcessingException | RuntimeException e) {
          skip("alert", id, e);
        }
      }
    }
    return list;
  }

  private List<StopPredictions> readSnapshots(Connection c) throws SQLException {
    List<StopPredictions> list = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT_SNAPSHOTS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String stopId = rs.getString(1);
        try {
          List<ArrivalJson> arrivals = arrivalsReader.readValue(rs.getString(4));
          List<Prediction> predictions = new ArrayList<>(arrivals.size());
          for (ArrivalJson a : arrivals) {
            predictions.add(
                new Prediction(
                    a.line(),
                    a.destination(),
                    a.arrivalTime(),
                    a.vehicle(),
                    a.distanceMeters(),
                    a.trip()));
          }
          list.add(
              new StopPredictions(
                  stopId,
                  DbInstants.parse(rs.getString(2)),
                  DbInstants.parse(rs.getString(3)),
                  predictions));
        } catch (JsonProcessingException | RuntimeException e) {
          skip("stop snapshot", stopId, e);
        }
      }
    }
    return list;
  }

  private static List<VehiclePosition> readVehicles(Connection c) throws SQLException {
    List<VehiclePosition> list = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT_VEHICLES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        try {
          double lat = rs.getDouble(5);
          double lon = rs.getDouble(6);
          double speed = rs.getDouble(7);
          Double speedKmh = rs.wasNull() ? null : speed;
          int b = rs.getInt(8);
          Integer bearing = rs.wasNull() ? null : b;
          list.add(
              new VehiclePosition(
                  id,
                  DbInstants.parse(rs.getString(2)),
                  DbInstants.parse(rs.getString(3)),
                  rs.getString(4),
                  new GeoPoint(lat, lon),
                  speedKmh,
                  bearing));
        } catch (RuntimeException e) {
          skip("vehicle position", id, e);
        }
      }
    }
    return list;
  }

  private static LocalizedText localized(Map<String, String> map) {
    Map<Lang, String> texts = new EnumMap<>(Lang.class);
    if (map != null) {
      map.forEach((code, text) -> Lang.fromCode(code).ifPresent(lang -> texts.put(lang, text)));
    }
    return new LocalizedText(texts);
  }

  private static void skip(String what, String id, Exception e) {
    log.warn("Stored {} {} cannot be restored, skipped: {}", what, id, e.getMessage());
  }
}
