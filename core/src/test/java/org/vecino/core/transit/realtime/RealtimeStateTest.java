package org.vecino.core.transit.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.LocalizedText;

class RealtimeStateTest {
  static final Instant NOW = Instant.parse("2026-11-28T10:12:30Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Madrid"));

  final RealtimeState state = new RealtimeState(CLOCK, Duration.ofMinutes(5));

  static Instant at(int secondsFromNow) {
    return NOW.plusSeconds(secondsFromNow);
  }

  static StopPredictions snapshot(Instant timestamp, Instant receivedAt, String vehicle) {
    return new StopPredictions(
        "47",
        timestamp,
        receivedAt,
        List.of(new Prediction("1", "Valdenoja", timestamp.plusSeconds(180), vehicle, null, null)));
  }

  static ServiceAlert alert(String id, Instant timestamp, Instant receivedAt, String header) {
    return new ServiceAlert(
        id,
        timestamp,
        receivedAt,
        Severity.WARNING,
        List.of("1"),
        List.of(),
        null,
        null,
        LocalizedText.of(Lang.ES, header),
        null);
  }

  static VehiclePosition position(Instant timestamp, double lat) {
    return new VehiclePosition("212", timestamp, timestamp, "1", new GeoPoint(lat, -3.8), 20.0, 90);
  }

  @Nested
  class Snapshots {
    @Test
    void aSnapshotReplacesThePreviousOne() {
      assertThat(state.stopVersion("47")).isZero();
      assertThat(state.apply(snapshot(at(-20), at(-20), "212"))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(snapshot(at(-10), at(-10), "215"))).isEqualTo(ApplyOutcome.APPLIED);

      assertThat(state.snapshot("47"))
          .get()
          .extracting(s -> s.arrivals().get(0).vehicle())
          .isEqualTo("215");
      assertThat(state.stopVersion("47")).isEqualTo(2);
      assertThat(state.snapshot("48")).isEmpty();
    }

    @Test
    void anOlderSnapshotIsOutOfOrderAndChangesNothing() {
      state.apply(snapshot(at(-10), at(-10), "215"));
      long version = state.stopVersion("47");

      assertThat(state.apply(snapshot(at(-20), at(-5), "212")))
          .isEqualTo(ApplyOutcome.OUT_OF_ORDER);
      assertThat(state.snapshot("47"))
          .get()
          .extracting(StopPredictions::timestamp)
          .isEqualTo(at(-10));
      assertThat(state.stopVersion("47")).isEqualTo(version);
    }

    @Test
    void anEqualTimestampIsAppliedAgain() {
      state.apply(snapshot(at(-10), at(-10), "215"));
      long version = state.stopVersion("47");

      assertThat(state.apply(snapshot(at(-10), at(-2), "215"))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.snapshot("47"))
          .get()
          .extracting(StopPredictions::receivedAt)
          .isEqualTo(at(-2));
      assertThat(state.stopVersion("47")).isGreaterThan(version);
    }

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsRejected() {
      assertThat(state.apply(snapshot(at(301), NOW, "212")))
          .isEqualTo(ApplyOutcome.FUTURE_TIMESTAMP);
      assertThat(state.snapshot("47")).isEmpty();
      assertThat(state.stopVersion("47")).isZero();
    }

    @Test
    void aTimestampExactlyFiveMinutesAheadIsAccepted() {
      assertThat(state.apply(snapshot(at(300), NOW, "212"))).isEqualTo(ApplyOutcome.APPLIED);
    }

    @Test
    void aFastClockDoesNotBlockTheCorrectSuccessor() {
      // A sensor clock 4 minutes fast: ordered by the time it was received, not its timestamp.
      assertThat(state.apply(snapshot(at(240), at(-10), "212"))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(snapshot(at(-5), at(-4), "215"))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.snapshot("47"))
          .get()
          .extracting(StopPredictions::timestamp)
          .isEqualTo(at(-5));
    }

    @Test
    void orderingTimeIsTheEarlierOfTimestampAndReceipt() {
      assertThat(snapshot(at(240), at(-10), "1").orderingTime()).isEqualTo(at(-10));
      assertThat(snapshot(at(-30), at(-10), "1").orderingTime()).isEqualTo(at(-30));
    }

    @Test
    void snapshotsOfDifferentStopsAreIndependent() {
      state.apply(snapshot(at(-10), at(-10), "215"));
      StopPredictions other = new StopPredictions("48", at(-60), at(-60), List.of());
      assertThat(state.apply(other)).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.snapshots()).hasSize(2);
    }
  }

  @Nested
  class Alerts {
    @Test
    void anOlderAlertIsOutOfOrder() {
      state.apply(alert("obras", at(-60), at(-60), "v2"));
      assertThat(state.apply(alert("obras", at(-120), at(-1), "v1")))
          .isEqualTo(ApplyOutcome.OUT_OF_ORDER);
      assertThat(state.alerts()).extracting(a -> a.header().get(Lang.ES)).containsExactly("v2");
    }

    @Test
    void aRetainedCopyWithTheSameTimestampIsAppliedAgain() {
      state.apply(alert("obras", at(-60), at(-60), "v1"));
      assertThat(state.apply(alert("obras", at(-60), at(-1), "v1")))
          .isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.alerts()).hasSize(1);
    }

    @Test
    void anAlertFromTheFutureIsRejected() {
      assertThat(state.apply(alert("obras", at(301), NOW, "v1")))
          .isEqualTo(ApplyOutcome.FUTURE_TIMESTAMP);
      assertThat(state.alerts()).isEmpty();
    }

    @Test
    void theDeletionKeepsALateOlderCopyOut() {
      state.apply(alert("obras", at(-120), at(-120), "v1"));
      long version = state.alertsVersion();

      assertThat(state.apply(new AlertDeletion("obras", at(-60)))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.alerts()).isEmpty();
      assertThat(state.alertsVersion()).isGreaterThan(version);
      assertThat(state.deletions()).containsExactly(new AlertDeletion("obras", at(-60)));

      // The same alert delivered late (e.g. a retained copy from another broker path).
      assertThat(state.apply(alert("obras", at(-120), at(-10), "v1")))
          .isEqualTo(ApplyOutcome.OUT_OF_ORDER);
      assertThat(state.alerts()).isEmpty();
    }

    @Test
    void aNewerAlertAfterTheDeletionComesBack() {
      state.apply(alert("obras", at(-120), at(-120), "v1"));
      state.apply(new AlertDeletion("obras", at(-60)));

      assertThat(state.apply(alert("obras", at(-30), at(-29), "v2")))
          .isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.alerts()).extracting(a -> a.header().get(Lang.ES)).containsExactly("v2");
      assertThat(state.deletions()).isEmpty();
    }

    @Test
    void anOlderDeletionDoesNotMoveTheTombstoneBack() {
      state.apply(new AlertDeletion("obras", at(-60)));
      state.apply(new AlertDeletion("obras", at(-300)));
      assertThat(state.deletions()).containsExactly(new AlertDeletion("obras", at(-60)));
      assertThat(state.apply(alert("obras", at(-120), at(-5), "v1")))
          .isEqualTo(ApplyOutcome.OUT_OF_ORDER);
    }

    @Test
    void deletingAnUnknownAlertIsRememberedWithoutChangingTheVersion() {
      long version = state.alertsVersion();
      assertThat(state.apply(new AlertDeletion("nunca", at(-5)))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.alertsVersion()).isEqualTo(version);
      assertThat(state.deletions()).hasSize(1);
    }
  }

  @Nested
  class Vehicles {
    @Test
    void positionsFollowTheSameOrderingRules() {
      assertThat(state.apply(position(at(-10), 43.46))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(position(at(-20), 43.47))).isEqualTo(ApplyOutcome.OUT_OF_ORDER);
      assertThat(state.apply(position(at(-10), 43.46))).isEqualTo(ApplyOutcome.APPLIED);
      assertThat(state.apply(position(at(400), 43.48))).isEqualTo(ApplyOutcome.FUTURE_TIMESTAMP);
      assertThat(state.vehicle("212")).get().extracting(v -> v.position().lat()).isEqualTo(43.46);
    }
  }
}
