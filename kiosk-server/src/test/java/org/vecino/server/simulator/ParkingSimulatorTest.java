package org.vecino.server.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.core.parking.ParkingCatalog;
import org.vecino.core.parking.ParkingState;
import org.vecino.core.parking.StatusThresholds;
import org.vecino.core.testing.MutableClock;
import org.vecino.server.ingest.Decoded;
import org.vecino.server.ingest.SensorUpdate;
import org.vecino.server.parking.ParkingCatalogFile;
import org.vecino.server.parking.ParkingDecoder;
import org.vecino.server.parking.ParkingUpdate;
import org.vecino.server.testing.Repo;

/** The parking simulator's messages, decoded and applied as Vecino would, without a broker. */
class ParkingSimulatorTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  /** Monday 30 November 2026, 11:00 in Santander. */
  private static final Instant MONDAY_11AM = Instant.parse("2026-11-30T10:00:00Z");

  private final ParkingCatalog catalog = ParkingCatalogFile.load(Repo.sampleParking()).catalog();
  private final ParkingDecoder decoder = new ParkingDecoder("city", catalog);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final MutableClock clock = new MutableClock(MONDAY_11AM, MADRID);
  private final TransitSimulatorTest.FakePublisher publisher =
      new TransitSimulatorTest.FakePublisher();
  private final ParkingSimulator simulator =
      new ParkingSimulator(
          publisher, catalog, "city", clock, MADRID, scheduler, Duration.ofSeconds(5), 42);
  private final ParkingState state =
      new ParkingState(catalog, StatusThresholds.defaults(), MADRID, clock, Duration.ofMinutes(5));

  @AfterEach
  void shutdown() {
    scheduler.shutdownNow();
  }

  private void applyAll(List<TransitSimulatorTest.FakePublisher.Sent> sent) {
    for (TransitSimulatorTest.FakePublisher.Sent s : sent) {
      Decoded d = decoder.decode(s.topic(), s.payload(), clock.instant());
      assertThat(d).as(s.topic()).isInstanceOf(Decoded.Update.class);
      SensorUpdate u = ((Decoded.Update) d).update();
      ApplyOutcome outcome =
          u instanceof ParkingUpdate.Spot p
              ? state.apply(p.value())
              : state.apply(((ParkingUpdate.Counter) u).value());
      assertThat(outcome).isEqualTo(ApplyOutcome.APPLIED);
    }
  }

  @Test
  void everyCarParkAndSpotIsPublishedValidAndTheNumbersMove() {
    simulator.tick();
    applyAll(publisher.sent);
    assertThat(publisher.sent).hasSize(12 + catalog.spotCount());
    state.availabilities().forEach(a -> assertThat(a.stale()).as(a.facility().id()).isFalse());

    Set<String> counts = new HashSet<>();
    Set<String> spotsChanged = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      publisher.sent.clear();
      clock.advance(Duration.ofSeconds(5));
      simulator.tick();
      applyAll(publisher.sent);
      assertThat(publisher.sent).hasSize(12 + 3 * ParkingSimulator.FLIPS_PER_ZONE_PER_TICK);
      counts.add(String.valueOf(state.availability("pz-italia").orElseThrow().available()));
      publisher.sent.stream()
          .filter(s -> s.topic().startsWith("city/parking/spots/"))
          .forEach(s -> spotsChanged.add(s.topic()));
    }
    assertThat(counts).hasSizeGreaterThan(3);
    assertThat(spotsChanged).hasSizeGreaterThan(10);
    assertThat(state.sensorReport().lowBattery()).isNotEmpty();
  }

  @Test
  void aCarParkOutsideItsHoursSaysClosed() {
    clock.set(Instant.parse("2026-11-29T12:00:00Z")); // Sunday: Mercado de México is closed
    simulator.tick();
    applyAll(publisher.sent);
    assertThat(state.availability("mercado-mexico").orElseThrow().status().code())
        .isEqualTo("closed");
    assertThat(state.counterReading("mercado-mexico").orElseThrow().closed()).isTrue();
  }
}
