package org.vecino.server.transit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.transit.Stop;
import org.vecino.core.transit.StopMatch;
import org.vecino.core.transit.StopSearch;
import org.vecino.core.transit.Timetable;
import org.vecino.core.transit.board.ArrivalBoard;
import org.vecino.core.transit.board.ArrivalBoardService;
import org.vecino.core.transit.board.BoardAlert;
import org.vecino.core.transit.board.BoardArrival;
import org.vecino.core.transit.board.LedSignRenderer;
import org.vecino.core.transit.realtime.RealtimeState;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.server.http.ETags;
import org.vecino.server.http.Params;
import org.vecino.server.time.CityTime;

/**
 * The transit endpoints of {@code http.md}: arrival boards (JSON and LED text), stop search and the
 * active service alerts. Thin: parse, call the core, render. Thread-safe (stateless apart from
 * immutable collaborators).
 */
public final class TransitRoutes {
  private static final String JSON = "application/json";
  private static final byte[] GENERATED_AT = ",\"generatedAt\":\"".getBytes(StandardCharsets.UTF_8);

  private final ArrivalBoardService boards;
  private final StopSearch search;
  private final Timetable timetable;
  private final ObjectMapper mapper;
  private final ZoneId zone;

  private final BoardCache cache;
  private final RealtimeState realtime;
  private final Clock clock;

  public TransitRoutes(
      ArrivalBoardService boards,
      RealtimeState realtime,
      Clock clock,
      StopSearch search,
      Timetable timetable,
      ObjectMapper mapper,
      ZoneId zone) {
    this.boards = boards;
    this.cache = new BoardCache(realtime, clock, boards.settings());
    this.realtime = realtime;
    this.clock = clock;
    this.search = search;
    this.timetable = timetable;
    this.mapper = mapper;
    this.zone = zone;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/stops", this::stops);
    routes.get("/api/v1/stops/{stopId}", this::stop);
    routes.get("/api/v1/stops/{stopId}/arrivals", this::arrivalsJson);
    routes.get("/api/v1/stops/{stopId}/arrivals.txt", this::arrivalsText);
    routes.get("/api/v1/alerts", this::alerts);
  }

  // ---- JSON shapes (field names are the contract's) ----

  record StopDto(String id, String code, String name) {}

  record ArrivalDto(
      String line,
      String destination,
      String arrivalTime,
      int minutes,
      boolean realtime,
      String vehicle,
      String updatedAt) {}

  record AlertDto(String id, String severity, String header) {}

  /** The board without {@code generatedAt}: exactly what the ETag covers. */
  record BoardBody(StopDto stop, List<ArrivalDto> arrivals, List<AlertDto> alerts) {}

  /** An active alert of the whole network, in one language. */
  record NetworkAlertDto(
      String id,
      String severity,
      String header,
      String description,
      List<String> lines,
      List<String> stops,
      String activeFrom,
      String activeUntil) {}

  record AlertList(List<NetworkAlertDto> alerts) {}

  record StopDetail(
      String id, String code, String name, double lat, double lon, Set<String> lines) {}

  record StopHit(
      String id, String code, String name, double lat, double lon, Integer distanceMeters) {}

  record StopList(List<StopHit> stops) {}

  private String time(Instant t) {
    return CityTime.format(t, zone);
  }

  private void arrivalsJson(Context ctx) {
    Params p = new Params(ctx);
    int limit =
        p.intParam("limit", boards.settings().defaultLimit(), 1, boards.settings().maxLimit());
    Lang lang = p.lang();
    p.check();
    String stopId = ctx.pathParam("stopId");
    BoardCache.Entry e =
        cache.get(
            new BoardCache.Key(stopId, "json:" + lang.code() + ":" + limit),
            () -> boards.board(stopId, limit, lang),
            board -> renderJson(board, lang));
    if (ETags.notModified(ctx, e.etag())) {
      return;
    }
    ctx.contentType(JSON).result(e.body());
  }

  private BoardCache.Rendered renderJson(ArrivalBoard board, Lang lang) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(toBody(board));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot render a board", ex);
    }
    String etag = ETags.weak(withLang(body, lang));
    // Append generatedAt after the ETag was taken: {...} becomes {...,"generatedAt":"..."}.
    byte[] at = time(board.generatedAt()).getBytes(StandardCharsets.UTF_8);
    byte[] full = new byte[body.length - 1 + GENERATED_AT.length + at.length + 2];
    System.arraycopy(body, 0, full, 0, body.length - 1);
    int pos = body.length - 1;
    System.arraycopy(GENERATED_AT, 0, full, pos, GENERATED_AT.length);
    pos += GENERATED_AT.length;
    System.arraycopy(at, 0, full, pos, at.length);
    pos += at.length;
    full[pos++] = '"';
    full[pos] = '}';
    return new BoardCache.Rendered(full, etag);
  }

  private static byte[] withLang(byte[] body, Lang lang) {
    byte[] out = new byte[body.length + 2];
    System.arraycopy(body, 0, out, 0, body.length);
    out[body.length] = (byte) lang.code().charAt(0);
    out[body.length + 1] = (byte) lang.code().charAt(1);
    return out;
  }

  private BoardBody toBody(ArrivalBoard board) {
    Stop s = board.stop();
    List<ArrivalDto> arrivals = new ArrayList<>(board.arrivals().size());
    for (BoardArrival a : board.arrivals()) {
      arrivals.add(
          new ArrivalDto(
              a.line(),
              a.destination(),
              time(a.arrivalTime()),
              a.minutes(),
              a.realtime(),
              a.vehicle(),
              a.updatedAt() == null ? null : time(a.updatedAt())));
    }
    List<AlertDto> alerts = new ArrayList<>(board.alerts().size());
    for (BoardAlert a : board.alerts()) {
      alerts.add(new AlertDto(a.id(), a.severity().code(), a.header()));
    }
    return new BoardBody(new StopDto(s.id(), s.code(), s.name()), arrivals, alerts);
  }

  private void arrivalsText(Context ctx) {
    Params p = new Params(ctx);
    int cols = p.intParam("cols", 20, LedSignRenderer.MIN_COLS, LedSignRenderer.MAX_COLS);
    int rows = p.intParam("rows", 4, LedSignRenderer.MIN_ROWS, LedSignRenderer.MAX_ROWS);
    boolean ascii = p.boolParam("ascii", false);
    Lang lang = p.lang();
    p.check();
    String stopId = ctx.pathParam("stopId");
    int limit = Math.min(rows, boards.settings().maxLimit());
    BoardCache.Entry e =
        cache.get(
            new BoardCache.Key(
                stopId, "txt:" + lang.code() + ":" + cols + "x" + rows + ":" + ascii),
            () -> boards.board(stopId, limit, lang),
            board -> {
              String text = LedSignRenderer.render(board, cols, rows, ascii);
              return new BoardCache.Rendered(
                  text.getBytes(StandardCharsets.UTF_8), ETags.weak(text + lang.code()));
            });
    if (ETags.notModified(ctx, e.etag())) {
      return;
    }
    // Jetty writes it as text/plain;charset=utf-8 (the same media type, RFC 9110 §8.3.1).
    ctx.contentType("text/plain; charset=utf-8").result(e.body());
  }

  /**
   * {@code GET /api/v1/alerts?lang=}: every alert active now, severe first, then by id, with a weak
   * ETag over the body and the language.
   */
  private void alerts(Context ctx) throws JsonProcessingException {
    Params p = new Params(ctx);
    Lang lang = p.lang();
    p.check();
    Instant now = clock.instant();
    List<ServiceAlert> active = new ArrayList<>();
    for (ServiceAlert a : realtime.alerts()) {
      if (a.isActive(now)) {
        active.add(a);
      }
    }
    active.sort(
        Comparator.comparing(ServiceAlert::severity, Comparator.reverseOrder())
            .thenComparing(ServiceAlert::id));
    List<NetworkAlertDto> out = new ArrayList<>(active.size());
    for (ServiceAlert a : active) {
      out.add(
          new NetworkAlertDto(
              a.id(),
              a.severity().code(),
              a.header().get(lang),
              a.description() == null ? null : a.description().get(lang),
              a.lines(),
              a.stops(),
              a.activeFrom() == null ? null : time(a.activeFrom()),
              a.activeUntil() == null ? null : time(a.activeUntil())));
    }
    byte[] body = mapper.writeValueAsBytes(new AlertList(out));
    if (ETags.notModified(ctx, ETags.weak(withLang(body, lang)))) {
      return;
    }
    ctx.contentType(JSON).result(body);
  }

  private void stop(Context ctx) {
    String id = ctx.pathParam("stopId");
    Stop s = timetable.stop(id).orElseThrow(() -> new NotFoundException("stop", id));
    ctx.json(
        new StopDetail(
            s.id(),
            s.code(),
            s.name(),
            s.location().lat(),
            s.location().lon(),
            timetable.linesAt(id)));
  }

  private void stops(Context ctx) {
    Params p = new Params(ctx);
    GeoPoint near = p.pointParam("near");
    String q = p.textParam("q", 100);
    int radius = p.intParam("radius", 500, 1, 20_000);
    int limit = p.intParam("limit", 20, 1, 200);
    if (near == null && q == null && !p.has("near") && !p.has("q")) {
      p.addError("q", "give q (a name) or near (lat,lon)");
    }
    p.check();
    List<StopMatch> matches =
        near != null ? search.near(near, radius, limit) : search.byName(q, limit);
    List<StopHit> hits = new ArrayList<>(matches.size());
    for (StopMatch m : matches) {
      Stop s = m.stop();
      hits.add(
          new StopHit(
              s.id(),
              s.code(),
              s.name(),
              s.location().lat(),
              s.location().lon(),
              m.distanceMeters()));
    }
    ctx.json(new StopList(hits));
  }
}
