package org.vecino.server.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.parking.CounterReading;
import org.vecino.core.parking.ParkingState;
import org.vecino.core.parking.SpotReading;
import org.vecino.core.parking.history.OccupancyPoint;
import org.vecino.server.db.Database;
import org.vecino.server.ingest.SensorUpdate;
import org.vecino.server.testing.Repo;

class ParkingRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:12:30Z");
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  @TempDir Path dir;

  private static ParkingState freshState() {
    ParkingCatalogFile.Loaded c = ParkingCatalogFile.load(Repo.sampleParking());
    return new ParkingState(
        c.catalog(), c.thresholds(), MADRID, Clock.fixed(NOW, MADRID), Duration.ofMinutes(5));
  }

  @Test
  void theLatestReadingOfEachSensorIsRestored() {
    try (Database db = Database.open(dir.resolve("v.db"))) {
      ParkingRepository repo = new ParkingRepository(db, Duration.ofDays(400));
      db.inTransaction(
          tx -> {
            repo.save(
                tx,
                List.of(
                    new SensorUpdate.ParkingSpot(
                        new SpotReading("sdr-0417", NOW.minusSeconds(9), NOW, false, 15)),
                    new SensorUpdate.ParkingSpot(
                        new SpotReading("sdr-0417", NOW.minusSeconds(5), NOW, true, null)),
                    new SensorUpdate.ParkingCounter(
                        new CounterReading("pz-italia", NOW, NOW, 57, false, 420)),
                    new SensorUpdate.ParkingCounter(
                        new CounterReading("escolapios", NOW, NOW, null, true, null))));
            return null;
          });
      ParkingState state = freshState();
      assertThat(repo.loadInto(state)).isEqualTo(3);
      assertThat(state.spotReading("sdr-0417").orElseThrow())
          .isEqualTo(new SpotReading("sdr-0417", NOW.minusSeconds(5), NOW, true, null));
      assertThat(state.counterReading("pz-italia").orElseThrow())
          .isEqualTo(new CounterReading("pz-italia", NOW, NOW, 57, false, 420));
      assertThat(state.counterReading("escolapios").orElseThrow().closed()).isTrue();
      assertThat(state.availability("pz-italia").orElseThrow().available()).isEqualTo(57);
    }
  }

  @Test
  void historyKeepsLastMinAndMaxPerFiveMinutesAndDropsWhatIsBeyondTheRetention() {
    try (Database db = Database.open(dir.resolve("h.db"))) {
      ParkingRepository repo = new ParkingRepository(db, Duration.ofDays(30));
      Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
      db.inTransaction(
          tx -> {
            repo.recordHistory(
                tx,
                List.of(
                    new ParkingRepository.HistoryWrite(
                        "pz-italia", t0.minus(Duration.ofDays(31)), 1, 410),
                    new ParkingRepository.HistoryWrite("pz-italia", t0.plusSeconds(10), 50, 410),
                    new ParkingRepository.HistoryWrite("pz-italia", t0.plusSeconds(60), 30, 410),
                    new ParkingRepository.HistoryWrite("pz-italia", t0.plusSeconds(200), 40, 410),
                    new ParkingRepository.HistoryWrite("pz-italia", t0.plusSeconds(300), 45, 420),
                    new ParkingRepository.HistoryWrite("canadio", t0, 7, 290)),
                t0.minus(Duration.ofDays(1)));
            return null;
          });
      assertThat(repo.history("pz-italia", t0, t0.plus(Duration.ofHours(1))))
          .containsExactly(
              new OccupancyPoint(t0, 40, 30, 50, 410),
              new OccupancyPoint(t0.plusSeconds(300), 45, 45, 45, 420));
      assertThat(repo.history("pz-italia", t0.minus(Duration.ofDays(40)), t0)).hasSize(1);
      // An hour later the trim runs: the 31-day-old bucket goes.
      db.inTransaction(
          tx -> {
            repo.recordHistory(tx, List.of(), t0);
            return null;
          });
      assertThat(repo.history("pz-italia", t0.minus(Duration.ofDays(40)), t0)).isEmpty();
      assertThat(repo.history("canadio", t0, t0.plusSeconds(1))).hasSize(1);
    }
  }
}
