package org.vecino.server.transit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.Lang;
import org.vecino.core.testing.MutableClock;
import org.vecino.core.transit.board.ArrivalBoardService;
import org.vecino.core.transit.board.BoardSettings;
import org.vecino.core.transit.gtfs.GtfsFeed;
import org.vecino.core.transit.gtfs.GtfsLoader;
import org.vecino.core.transit.realtime.Prediction;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.core.transit.realtime.StopPredictions;
import org.vecino.server.testing.Repo;
import org.vecino.server.testing.TestServer;

class BoardCacheTest {
  private static final GtfsFeed FEED = GtfsLoader.load(Repo.sampleGtfs());
  private final MutableClock clock =
      new MutableClock(TestServer.MONDAY_10AM.plusMillis(200), ZoneId.of("Europe/Madrid"));
  private final RealtimeState state = new RealtimeState(clock, Duration.ofMinutes(5));
  private final ArrivalBoardService boards =
      new ArrivalBoardService(FEED, state, clock, BoardSettings.defaults());
  private final BoardCache cache = new BoardCache(state, clock, BoardSettings.defaults());
  private int renders;

  private BoardCache.Entry get() {
    return cache.get(
        new BoardCache.Key("13", "json"),
        () -> boards.board("13", 10, Lang.ES),
        b -> {
          renders++;
          return new BoardCache.Rendered(
              b.toString().getBytes(StandardCharsets.UTF_8), String.valueOf(b.arrivals()));
        });
  }

  @Test
  void aBoardIsReusedWithinTheSecondAndRebuiltAfterIt() {
    BoardCache.Entry first = get();
    clock.advance(Duration.ofMillis(500));
    assertThat(get()).isSameAs(first);
    assertThat(renders).isEqualTo(1);
    clock.advance(Duration.ofMillis(400)); // 10:00:01.100
    get();
    assertThat(renders).isEqualTo(2);
  }

  @Test
  void aNewSnapshotForTheStopInvalidatesAtOnce() {
    get();
    state.apply(
        new StopPredictions(
            "13",
            clock.instant(),
            clock.instant(),
            List.of(new Prediction("1", "X", clock.instant().plusSeconds(120), "V", null, null))));
    get();
    assertThat(renders).isEqualTo(2);
  }

  @Test
  void theBoardExpiresWhenAMinuteCountTicksDownMidSecond() {
    Instant now = clock.instant();
    state.apply(
        new StopPredictions(
            "13",
            now,
            now,
            List.of(
                new Prediction("1", "X", now.plusSeconds(300).plusMillis(300), "V", null, null))));
    BoardCache.Entry e = get();
    // 5 minutes now; 4 minutes from arrival - 5 min = now + 300 ms
    assertThat(e.validUntil()).isEqualTo(now.plusMillis(300));
    clock.advance(Duration.ofMillis(300));
    get();
    assertThat(renders).isEqualTo(2);
  }

  @Test
  void theBoardExpiresWhenItsPredictionsGoStale() {
    Instant issued = clock.instant().minusSeconds(90).plusMillis(100);
    state.apply(new StopPredictions("13", issued, issued, List.of()));
    BoardCache.Entry e = get();
    assertThat(e.validUntil()).isBeforeOrEqualTo(issued.plus(Duration.ofSeconds(90)));
  }
}
