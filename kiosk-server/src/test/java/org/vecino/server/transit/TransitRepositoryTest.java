package org.vecino.server.transit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

class TransitRepositoryTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:12:30Z");

  @TempDir Path dir;

  private Path file;
  private Database db;
  private TransitRepository repository;

  @BeforeEach
  void open() {
    file = dir.resolve("vecino.db");
    db = Database.open(file);
    repository = new TransitRepository(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void save(TransitUpdate... updates) {
    db.inTransaction(
        c -> {
          repository.save(c, List.of(updates));
          return null;
        });
  }

  /** Closes and reopens the database, then restores into a fresh state, as at a restart. */
  private RealtimeState restart() {
    db.close();
    db = Database.open(file);
    repository = new TransitRepository(db);
    RealtimeState state =
        new RealtimeState(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), Duration.ofMinutes(5));
    repository.loadInto(state);
    return state;
  }

  private int count(String table) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  private static StopPredictions snapshot(String stopId, Instant timestamp, Prediction... p) {
    return new StopPredictions(stopId, timestamp, timestamp.plusMillis(37), List.of(p));
  }

  private static ServiceAlert alert(String id, Instant timestamp) {
    return new ServiceAlert(
        id,
        timestamp,
        timestamp.plusMillis(5),
        Severity.INFO,
        List.of(),
        List.of(),
        null,
        null,
        LocalizedText.of(Lang.ES, "Aviso " + id),
        null);
  }

  @Test
  void everyKindOfUpdateSurvivesARestart() {
    Prediction full =
        new Prediction(
            "1", "Valdenoja", T0.plusSeconds(180).plusNanos(123_456_789), "212", 850, "1-0815");
    Prediction minimal = new Prediction("7C1", null, T0.plusSeconds(600), null, null, null);
    StopPredictions stop47 = snapshot("47", T0.plusNanos(1_000), full, minimal);
    StopPredictions emptyStop = snapshot("48", T0);
    ServiceAlert fullAlert =
        new ServiceAlert(
            "obras-castilla",
            T0.minusSeconds(3600),
            T0.minusSeconds(3599).plusNanos(42),
            Severity.WARNING,
            List.of("1", "2"),
            List.of("47"),
            T0.minusSeconds(3600),
            T0.plusSeconds(7200),
            new LocalizedText(
                Map.of(
                    Lang.ES, "Desvío por obras en Calle Castilla", Lang.EN, "Detour: roadworks")),
            new LocalizedText(Map.of(Lang.ES, "Las líneas 1 y 2 no paran en «Castilla»")));
    ServiceAlert minimalAlert =
        new ServiceAlert(
            "only-en",
            T0,
            T0,
            Severity.SEVERE,
            null,
            null,
            null,
            null,
            LocalizedText.of(Lang.EN, "Network closed"),
            null);
    AlertDeletion deletion = new AlertDeletion("gone", T0.minusSeconds(10));
    VehiclePosition bus =
        new VehiclePosition(
            "212", T0, T0.plusMillis(3), "1", new GeoPoint(43.4623, -3.8099), 23.5, 270);
    VehiclePosition bareBus =
        new VehiclePosition("213", T0, T0, null, new GeoPoint(-90, 180), null, null);

    save(
        new TransitUpdate.StopArrivals(stop47),
        new TransitUpdate.StopArrivals(emptyStop),
        new TransitUpdate.Alert(fullAlert),
        new TransitUpdate.Alert(minimalAlert),
        new TransitUpdate.AlertRemoved(deletion),
        new TransitUpdate.Vehicle(bus),
        new TransitUpdate.Vehicle(bareBus));

    RealtimeState state = restart();

    assertThat(state.snapshot("47")).contains(stop47);
    assertThat(state.snapshot("48")).contains(emptyStop);
    assertThat(state.snapshots()).hasSize(2);
    assertThat(state.alerts()).containsExactlyInAnyOrder(fullAlert, minimalAlert);
    assertThat(state.deletions()).containsExactly(deletion);
    assertThat(state.vehicle("212")).contains(bus);
    assertThat(state.vehicle("213")).contains(bareBus);
    assertThat(state.vehicles()).hasSize(2);
    assertThat(state.alertsVersion()).isPositive();
    assertThat(state.stopVersion("47")).isPositive();
  }

  @Test
  void aLaterUpdateReplacesTheStoredOne() {
    Prediction early = new Prediction("1", null, T0.plusSeconds(300), null, null, null);
    Prediction late = new Prediction("2", null, T0.plusSeconds(400), null, null, null);
    save(
        new TransitUpdate.StopArrivals(snapshot("47", T0, early)),
        new TransitUpdate.Vehicle(
            new VehiclePosition("212", T0, T0, "1", new GeoPoint(43, -3), 10.0, 90)),
        new TransitUpdate.Alert(alert("a", T0)));
    StopPredictions newer = snapshot("47", T0.plusSeconds(20), late);
    VehiclePosition moved =
        new VehiclePosition(
            "212",
            T0.plusSeconds(20),
            T0.plusSeconds(20),
            null,
            new GeoPoint(43.1, -3.1),
            null,
            null);
    ServiceAlert changed =
        new ServiceAlert(
            "a",
            T0.plusSeconds(20),
            T0.plusSeconds(20),
            Severity.SEVERE,
            List.of("1"),
            List.of(),
            null,
            null,
            LocalizedText.of(Lang.ES, "Cambiado"),
            null);
    save(
        new TransitUpdate.StopArrivals(newer),
        new TransitUpdate.Vehicle(moved),
        new TransitUpdate.Alert(changed));

    assertThat(count("transit_stop_predictions")).isEqualTo(1);
    assertThat(count("transit_vehicle_positions")).isEqualTo(1);
    assertThat(count("transit_alerts")).isEqualTo(1);
    RealtimeState state = restart();
    assertThat(state.snapshot("47")).contains(newer);
    assertThat(state.vehicle("212")).contains(moved);
    assertThat(state.alerts()).containsExactly(changed);
  }

  @Test
  void aDeletionRemovesTheAlertAndKeepsALateCopyOut() {
    ServiceAlert original = alert("a", T0);
    save(new TransitUpdate.Alert(original));
    AlertDeletion deletion = new AlertDeletion("a", T0.plusSeconds(30));
    save(new TransitUpdate.AlertRemoved(deletion));
    assertThat(count("transit_alerts")).isZero();
    assertThat(count("transit_alert_deletions")).isEqualTo(1);

    RealtimeState state = restart();
    assertThat(state.alerts()).isEmpty();
    assertThat(state.deletions()).containsExactly(deletion);
    assertThat(state.apply(original)).isEqualTo(ApplyOutcome.OUT_OF_ORDER);

    // A newer alert of the same id brings it back and clears the deletion.
    ServiceAlert reissued = alert("a", T0.plusSeconds(40));
    save(new TransitUpdate.Alert(reissued));
    assertThat(count("transit_alert_deletions")).isZero();
    assertThat(restart().alerts()).containsExactly(reissued);
  }

  @Test
  void theLastUpdateOfAKeyInOneSaveWins() {
    ServiceAlert a = alert("a", T0);
    AlertDeletion deleted = new AlertDeletion("a", T0.plusSeconds(1));
    ServiceAlert b = alert("b", T0);
    AlertDeletion bDeleted = new AlertDeletion("b", T0.plusSeconds(1));
    ServiceAlert bBack = alert("b", T0.plusSeconds(2));
    AlertDeletion c5 = new AlertDeletion("c", T0.plusSeconds(5));
    AlertDeletion c3 = new AlertDeletion("c", T0.plusSeconds(3));
    StopPredictions first = snapshot("47", T0);
    StopPredictions second = snapshot("47", T0.plusSeconds(1));
    save(
        new TransitUpdate.Alert(a),
        new TransitUpdate.StopArrivals(first),
        new TransitUpdate.AlertRemoved(deleted),
        new TransitUpdate.Alert(b),
        new TransitUpdate.AlertRemoved(bDeleted),
        new TransitUpdate.Alert(bBack),
        new TransitUpdate.AlertRemoved(c5),
        new TransitUpdate.AlertRemoved(c3),
        new TransitUpdate.StopArrivals(second));

    RealtimeState state = restart();
    assertThat(state.alerts()).containsExactly(bBack);
    assertThat(state.deletions()).containsExactlyInAnyOrder(deleted, c5);
    assertThat(state.snapshot("47")).contains(second);
  }

  @Test
  void anOlderDeletionDoesNotReplaceANewerOne() {
    AlertDeletion newer = new AlertDeletion("a", T0.plusSeconds(5));
    save(new TransitUpdate.AlertRemoved(newer));
    save(new TransitUpdate.AlertRemoved(new AlertDeletion("a", T0.plusSeconds(3))));
    assertThat(restart().deletions()).containsExactly(newer);
  }

  @Test
  void anUndecodableRowIsSkippedAndTheRestRestored() {
    save(
        new TransitUpdate.StopArrivals(snapshot("47", T0)),
        new TransitUpdate.Alert(alert("good", T0)));
    db.inTransaction(
        c -> {
          insertRaw(c, "INSERT INTO transit_stop_predictions VALUES ('48', ?, ?, 'not json')");
          insertRaw(c, "INSERT INTO transit_alerts VALUES ('bad', ?, ?, '{\"severity\":\"x\"}')");
          return null;
        });
    RealtimeState state = restart();
    assertThat(state.snapshots()).extracting(StopPredictions::stopId).containsExactly("47");
    assertThat(state.alerts()).extracting(ServiceAlert::id).containsExactly("good");
  }

  @Test
  void savingNothingIsHarmless() {
    save();
    assertThat(restart().snapshots()).isEmpty();
  }

  private static void insertRaw(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, "2026-11-28T10:12:30.000000000Z");
      ps.setString(2, "2026-11-28T10:12:30.000000000Z");
      ps.executeUpdate();
    }
  }
}
