package org.vecino.server.transit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.vecino.core.transit.board.ArrivalBoard;
import org.vecino.core.transit.board.BoardArrival;
import org.vecino.core.transit.board.BoardSettings;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.core.transit.realtime.StopPredictions;

/**
 * Rendered boards (bytes and ETag) kept until they could change: a new snapshot for the stop or any
 * alert change (the state's versions), the next whole second (answers carry {@code generatedAt} to
 * the second), or the first instant at which time alone changes the board (a minute count ticking
 * down, an arrival leaving, a prediction going stale). Signs in a city poll many stops every few
 * seconds; this keeps a poll to a map lookup. A cache rebuilt from the state, never a source of
 * truth. Thread-safe.
 */
final class BoardCache {
  private static final int MAX_ENTRIES = 20_000;

  /** What identifies one rendering of a board. */
  record Key(String stopId, String variant) {}

  /** One rendering and when it stops being valid. */
  record Entry(
      long stopVersion, long alertsVersion, Instant validUntil, byte[] body, String etag) {}

  /** A board rendered to bytes and its ETag. */
  record Rendered(byte[] body, String etag) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final RealtimeState state;
  private final Clock clock;
  private final BoardSettings settings;

  BoardCache(RealtimeState state, Clock clock, BoardSettings settings) {
    this.state = state;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * The cached rendering for the key, or a fresh one made by {@code render} from a new board.
   *
   * @param board builds the board (reads the clock itself)
   * @param render renders a board to bytes and an ETag
   */
  Entry get(
      Key key,
      java.util.function.Supplier<ArrivalBoard> board,
      Function<ArrivalBoard, Rendered> render) {
    Instant now = clock.instant();
    long stopVersion = state.stopVersion(key.stopId());
    long alertsVersion = state.alertsVersion();
    Entry e = entries.get(key);
    if (e != null
        && e.stopVersion() == stopVersion
        && e.alertsVersion() == alertsVersion
        && now.isBefore(e.validUntil())) {
      return e;
    }
    // Versions were read before the board is built: an update racing with it makes the entry
    // stale at once rather than hiding the update.
    ArrivalBoard b = board.get();
    Rendered r = render.apply(b);
    Entry fresh = new Entry(stopVersion, alertsVersion, validUntil(b), r.body(), r.etag());
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, fresh);
    return fresh;
  }

  /** The first instant at which the board could look different with no new message. */
  Instant validUntil(ArrivalBoard board) {
    Instant at = board.generatedAt();
    Instant until = at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    for (BoardArrival a : board.arrivals()) {
      Instant change;
      if (a.minutes() > 0) {
        change = a.arrivalTime().minus(Duration.ofMinutes(a.minutes()));
      } else if (a.realtime()) {
        change = a.arrivalTime().plus(settings.arrivedGrace());
      } else {
        change = a.arrivalTime();
      }
      if (change.isBefore(until)) {
        until = change;
      }
    }
    StopPredictions snapshot = state.snapshot(board.stop().id()).orElse(null);
    if (snapshot != null) {
      Instant stale = snapshot.timestamp().plus(settings.staleAfter());
      if (stale.isAfter(at) && stale.isBefore(until)) {
        until = stale;
      }
    }
    return until.isAfter(at) ? until : at.plusNanos(1);
  }
}
