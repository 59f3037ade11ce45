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
                    new ParkingUpdate.Spot(
                        new SpotReading("sdr-0417", NOW.minusSeconds(9), NOW, false, 15)),
                    new ParkingUpdate.Spot(
                        new SpotReading("sdr-0417", NOW.minusSeconds(5), NOW, true, null)),
                    new ParkingUpdate.Counter(
                        new CounterReading("pz-italia", NOW, NOW, 57, false, 420)),
                    new ParkingUpdate.Counter(
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

  @Test
  void fiveMinuteBucketsOlderThanFiveWeeksAreRolledUpIntoHours() {
    try (Database db = Database.open(dir.resolve("r.db"))) {
      ParkingRepository repo = new ParkingRepository(db, Duration.ofDays(400));
      Instant end = Instant.parse("2026-11-30T10:00:00Z");
      Instant start = end.minus(Duration.ofDays(40));
      // Every five minutes for 40 days: free spaces follow the minute of the hour (0..55).
      db.inTransaction(
          tx -> {
            List<ParkingRepository.HistoryWrite> writes = new java.util.ArrayList<>();
            for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(5))) {
              int minute = (int) ((t.getEpochSecond() / 60) % 60);
              writes.add(new ParkingRepository.HistoryWrite("pz-italia", t, minute, 410));
            }
            repo.recordHistory(tx, writes, start);
            return null;
          });
      assertThat(repo.history("pz-italia", start, end)).hasSize(40 * 288);

      db.inTransaction(
          tx -> {
            repo.compact(tx, end);
            return null;
          });

      Instant cut = end.minus(ParkingRepository.DETAIL_KEPT);
      List<OccupancyPoint> all = repo.history("pz-italia", start, end);
      // Five days of hours, then 35 days of five-minute buckets.
      assertThat(all).hasSize(5 * 24 + 35 * 288);
      assertThat(all.get(0)).isEqualTo(new OccupancyPoint(start, 55, 0, 55, 410));
      assertThat(all.get(5 * 24 - 1).at()).isEqualTo(cut.minus(Duration.ofHours(1)));
      assertThat(all.get(5 * 24)).isEqualTo(new OccupancyPoint(cut, 0, 0, 0, 410));
      assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(OccupancyPoint::at));

      // A second run changes nothing; a restart reads the same history.
      db.inTransaction(
          tx -> {
            repo.compact(tx, end);
            return null;
          });
      assertThat(new ParkingRepository(db, Duration.ofDays(400)).history("pz-italia", start, end))
          .isEqualTo(all);
    }
  }

  @Test
  void aFacilityWithNoHistoryHasAnEmptyOne() {
    try (Database db = Database.open(dir.resolve("e.db"))) {
      ParkingRepository repo = new ParkingRepository(db, Duration.ofDays(400));
      repo.loadInto(freshState());
      assertThat(repo.history("pz-italia", NOW.minus(Duration.ofDays(1)), NOW)).isEmpty();
      assertThat(repo.history("nowhere", NOW.minus(Duration.ofDays(1)), NOW)).isEmpty();
    }
  }
}
