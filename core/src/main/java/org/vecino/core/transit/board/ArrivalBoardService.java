package org.vecino.core.transit.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.transit.Route;
import org.vecino.core.transit.ScheduledArrival;
import org.vecino.core.transit.Stop;
import org.vecino.core.transit.Timetable;
import org.vecino.core.transit.realtime.Prediction;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.core.transit.realtime.StopPredictions;

/**
 * Builds a stop's {@link ArrivalBoard} from the timetable and the real-time state, following the
 * arrivals rules of the HTTP contract:
 *
 * <ul>
 *   <li>the stop's prediction snapshot is real-time while {@code now - timestamp <= staleAfter}; a
 *       real-time arrival stays, as 0 minutes, until {@code arrivedGrace} has passed;
 *   <li>for each line with fresh predictions, timetable rows of that line up to its latest
 *       predicted arrival are replaced; later ones, and every row of other lines, still show;
 *   <li>timetable rows already past are left out; minutes are rounded down, never negative;
 *   <li>rows are sorted by arrival time, then line, then destination, and cut to the limit;
 *   <li>alerts are those active now that concern the stop, severe first, then by id.
 * </ul>
 *
 * <p>Stateless apart from its collaborators; thread-safe when they are (the {@link Timetable} and
 * {@link RealtimeState} are safe for concurrent reads). Called on every sign poll.
 */
public final class ArrivalBoardService {

  /** Arrival time, then line, then destination; a real-time row before a timetable one. */
  static final Comparator<BoardArrival> ORDER =
      Comparator.comparing(BoardArrival::arrivalTime)
          .thenComparing(BoardArrival::line)
          .thenComparing(BoardArrival::destination)
          .thenComparing(BoardArrival::realtime, Comparator.reverseOrder());

  /** Severe first, then warning, then info; then by id. */
  static final Comparator<BoardAlert> ALERT_ORDER =
      Comparator.comparing(BoardAlert::severity, Comparator.reverseOrder())
          .thenComparing(BoardAlert::id);

  private final Timetable timetable;
  private final RealtimeState realtime;
  private final Clock clock;
  private final BoardSettings settings;

  public ArrivalBoardService(
      Timetable timetable, RealtimeState realtime, Clock clock, BoardSettings settings) {
    this.timetable = Objects.requireNonNull(timetable, "timetable");
    this.realtime = Objects.requireNonNull(realtime, "realtime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public BoardSettings settings() {
    return settings;
  }

  /** The board with {@link BoardSettings#defaultLimit()} rows. */
  public ArrivalBoard board(String stopId, Lang lang) {
    return board(stopId, settings.defaultLimit(), lang);
  }

  /**
   * The stop's board now.
   *
   * @param limit the most arrival rows, 1..{@link BoardSettings#maxLimit()}
   * @throws NotFoundException for an unknown stop
   * @throws IllegalArgumentException for a limit out of range
   */
  public ArrivalBoard board(String stopId, int limit, Lang lang) {
    if (limit < 1 || limit > settings.maxLimit()) {
      throw new IllegalArgumentException(
          "limit must be 1.." + settings.maxLimit() + ", was " + limit);
    }
    Objects.requireNonNull(lang, "lang");
    Stop stop = timetable.stop(stopId).orElseThrow(() -> new NotFoundException("stop", stopId));
    Instant now = clock.instant();

    List<ScheduledArrival> scheduled =
        timetable.arrivals(stop.id(), now, now.plus(settings.horizon()));

    // Real-time rows, and the latest predicted arrival per line label.
    StopPredictions snapshot = realtime.snapshot(stop.id()).orElse(null);
    List<Prediction> predictions = List.of();
    if (snapshot != null && !now.minus(settings.staleAfter()).isAfter(snapshot.timestamp())) {
      predictions = snapshot.arrivals();
    }
    List<BoardArrival> rows =
        new ArrayList<>(predictions.size() + Math.min(scheduled.size(), limit));
    Map<String, Instant> latestByLine = null;
    if (!predictions.isEmpty()) {
      latestByLine = new HashMap<>();
      Instant oldestShown = now.minus(settings.arrivedGrace());
      for (Prediction p : predictions) {
        String line = lineLabel(p.line());
        Instant at = p.arrivalTime();
        Instant latest = latestByLine.get(line);
        if (latest == null || at.isAfter(latest)) {
          latestByLine.put(line, at);
        }
        if (at.isBefore(oldestShown)) {
          continue;
        }
        rows.add(
            new BoardArrival(
                line,
                destination(p, scheduled),
                at,
                minutesUntil(now, at),
                true,
                p.vehicle(),
                snapshot.timestamp()));
      }
    }

    // Timetable rows. They come sorted by time, so once `limit` of them are taken, any later one
    // (strictly after the limit-th) cannot make the cut.
    int taken = 0;
    Instant cutoff = null;
    for (ScheduledArrival s : scheduled) {
      Instant at = s.arrivalTime();
      if (cutoff != null && at.isAfter(cutoff)) {
        break;
      }
      if (at.isBefore(now)) {
        continue;
      }
      if (latestByLine != null) {
        Instant latest = latestByLine.get(s.line());
        if (latest != null && !at.isAfter(latest)) {
          continue;
        }
      }
      rows.add(
          new BoardArrival(
              s.line(), s.destination(), at, minutesUntil(now, at), false, null, null));
      if (++taken == limit) {
        cutoff = at;
      }
    }

    rows.sort(ORDER);
    List<BoardArrival> arrivals = rows.size() > limit ? rows.subList(0, limit) : rows;
    return new ArrivalBoard(stop, lang, now, arrivals, alerts(stop.id(), now, lang, latestByLine));
  }

  private List<BoardAlert> alerts(
      String stopId, Instant now, Lang lang, Map<String, Instant> predictedLines) {
    List<ServiceAlert> all = realtime.alerts();
    if (all.isEmpty()) {
      return List.of();
    }
    Set<String> linesAt = null;
    List<BoardAlert> result = new ArrayList<>(2);
    for (ServiceAlert a : all) {
      if (!a.isActive(now)) {
        continue;
      }
      if (linesAt == null) {
        linesAt = timetable.linesAt(stopId);
      }
      if (a.concerns(stopId, linesAt) || concernsByMappedLine(a, linesAt, predictedLines)) {
        result.add(new BoardAlert(a.id(), a.severity(), a.header().get(lang)));
      }
    }
    if (result.size() > 1) {
      result.sort(ALERT_ORDER);
    }
    return result;
  }

  /**
   * Whether one of the alert's lines, read as a route id or label and mapped to the route's label,
   * calls at the stop or has a fresh prediction there (a line missing from the feed).
   */
  private boolean concernsByMappedLine(
      ServiceAlert a, Set<String> linesAt, Map<String, Instant> predictedLines) {
    for (String line : a.lines()) {
      String label = lineLabel(line);
      if (linesAt.contains(label)
          || (predictedLines != null && predictedLines.containsKey(label))) {
        return true;
      }
    }
    return false;
  }

  /** The feed's label for a line sent as a route id or label; the line as sent if unknown. */
  private String lineLabel(String line) {
    Optional<Route> route = timetable.route(line);
    return route.isPresent() ? route.get().label() : line;
  }

  /**
   * The prediction's headsign; when the fleet sent none, the timetabled headsign of its trip if
   * that trip is in the window; else empty.
   */
  private static String destination(Prediction p, List<ScheduledArrival> scheduled) {
    String d = p.destination();
    if (d != null && !d.isBlank()) {
      return d;
    }
    String trip = p.tripId();
    if (trip != null) {
      for (ScheduledArrival s : scheduled) {
        if (trip.equals(s.tripId())) {
          return s.destination();
        }
      }
    }
    return "";
  }

  /** Whole minutes from {@code now} to {@code at}, rounded down, never negative. */
  static int minutesUntil(Instant now, Instant at) {
    long seconds = Duration.between(now, at).getSeconds(); // floor, also for a fraction
    if (seconds <= 0) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, seconds / 60);
  }
}
