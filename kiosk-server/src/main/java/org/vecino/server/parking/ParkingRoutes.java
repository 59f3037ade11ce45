package org.vecino.server.parking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.parking.Facility;
import org.vecino.core.parking.FacilityAvailability;
import org.vecino.core.parking.FacilityType;
import org.vecino.core.parking.ParkingState;
import org.vecino.core.parking.ParkingStatus;
import org.vecino.core.parking.SensorReport;
import org.vecino.core.parking.SpotView;
import org.vecino.core.parking.history.History;
import org.vecino.core.parking.history.OccupancyPoint;
import org.vecino.server.auth.Role;
import org.vecino.server.config.DurationParser;
import org.vecino.server.http.ETags;
import org.vecino.server.http.Params;
import org.vecino.server.time.CityTime;

/**
 * The parking endpoints of {@code http.md} ({@code GET /api/v1/parking}, {@code GET
 * /api/v1/parking/{facilityId}}) and the administrators' view of faulty sensors ({@code GET
 * /api/v1/admin/parking/sensors}). Thin: parse, ask {@link ParkingState}, render. Live answers
 * carry a weak ETag over the whole body. Thread-safe.
 */
public final class ParkingRoutes {
  private static final String JSON = "application/json";

  /** The longest history one request may ask for. */
  static final Duration MAX_RANGE = Duration.ofDays(31);

  /** How far back the typical day looks. */
  static final Duration TYPICAL_WEEKS = Duration.ofDays(28);

  private final ParkingState state;
  private final ParkingHistoryService history;
  private final ObjectMapper mapper;
  private final ZoneId zone;
  private final Clock clock;
  private final AtomicReference<RenderedList> lastList = new AtomicReference<>();

  /**
   * The plain list (no {@code near}, no {@code minAvailable}) as last rendered. A city's street
   * zones hold tens of thousands of sensors changing thousands of times a second, and signs poll
   * the list: it is rendered again when a reading was applied since, but at most every {@link
   * #LIST_REUSE_NANOS} (so an update shows within that), and always when the city clock's second
   * changed (staleness and opening hours move with time).
   */
  private record RenderedList(
      boolean withSpots,
      long version,
      long epochSecond,
      long renderedAtNanos,
      byte[] body,
      String etag) {}

  static final long LIST_REUSE_NANOS = 250_000_000L;

  public ParkingRoutes(
      ParkingState state,
      ParkingHistoryService history,
      ObjectMapper mapper,
      ZoneId zone,
      Clock clock) {
    this.state = state;
    this.history = history;
    this.mapper = mapper;
    this.zone = zone;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/parking", this::list);
    routes.get("/api/v1/parking/{facilityId}", this::one);
    routes.get("/api/v1/parking/{facilityId}/history", this::history);
    routes.get("/api/v1/admin/parking/sensors", this::sensors, Role.ADMIN);
  }

  // ---- JSON shapes (field names are the contract's) ----

  record LocationDto(double lat, double lon) {}

  record SpotDto(String id, String status) {}

  record FacilityDto(
      String id,
      String name,
      String type,
      LocationDto location,
      int total,
      Integer available,
      String status,
      String trend,
      String updatedAt,
      boolean stale,
      Integer distanceMeters,
      Map<String, Integer> categories,
      List<SpotDto> spots) {}

  record FacilityList(List<FacilityDto> facilities) {}

  record FaultyCounterDto(String facilityId, int reported, int total, String at) {}

  record LowBatteryDto(String spotId, String facilityId, int batteryPercent, String at) {}

  record SilentDto(String sensorId, String facilityId, String lastSeen) {}

  record SensorsDto(
      List<FaultyCounterDto> faultyCounters,
      List<LowBatteryDto> lowBattery,
      List<SilentDto> silent) {}

  record PointDto(String at, int available, int minAvailable, int maxAvailable, int total) {}

  record HistoryDto(
      String id,
      String from,
      String to,
      String bucket,
      List<PointDto> points,
      String typicalWeekday,
      List<Double> typical,
      Integer expectedAvailableIn30Minutes) {}

  private String time(Instant t) {
    return CityTime.format(t, zone);
  }

  private FacilityDto dto(FacilityAvailability a, Integer distanceMeters) {
    return dto(a, distanceMeters, true);
  }

  private FacilityDto dto(FacilityAvailability a, Integer distanceMeters, boolean withSpots) {
    Facility f = a.facility();
    List<SpotDto> spots = null;
    if (withSpots && f.type() == FacilityType.ON_STREET) {
      spots = new ArrayList<>(a.spots().size());
      for (SpotView s : a.spots()) {
        spots.add(new SpotDto(s.id(), s.status().code()));
      }
    }
    Map<String, Integer> categories = null;
    if (!f.categories().isEmpty()) {
      categories = new TreeMap<>();
      for (var e : f.categories().entrySet()) {
        categories.put(e.getKey().code(), e.getValue());
      }
    }
    return new FacilityDto(
        f.id(),
        f.name(),
        f.type().code(),
        new LocationDto(f.location().lat(), f.location().lon()),
        a.total(),
        a.available(),
        a.status().code(),
        a.trend().code(),
        time(a.updatedAt()),
        a.stale(),
        distanceMeters,
        categories,
        spots);
  }

  private void send(Context ctx, Object body) throws JsonProcessingException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    sendBytes(ctx, bytes, ETags.weak(bytes));
  }

  private static void sendBytes(Context ctx, byte[] bytes, String etag) {
    if (ETags.notModified(ctx, etag)) {
      return;
    }
    ctx.contentType(JSON).result(bytes);
  }

  private void list(Context ctx) throws JsonProcessingException {
    Params p = new Params(ctx);
    GeoPoint near = p.pointParam("near");
    int minAvailable = p.intParam("minAvailable", 0, 0, 100_000);
    boolean filter = p.has("minAvailable");
    // A city's zones list tens of thousands of spaces; a sign or kiosk that only shows the counts
    // asks for spots=false and gets a small answer.
    boolean withSpots = p.boolParam("spots", true);
    p.check();
    boolean plain = near == null && !filter;
    long version = state.version();
    long second = clock.instant().getEpochSecond();
    long nanos = System.nanoTime();
    if (plain) {
      RenderedList last = lastList.get();
      if (last != null
          && last.withSpots() == withSpots
          && last.epochSecond() == second
          && (last.version() == version || nanos - last.renderedAtNanos() < LIST_REUSE_NANOS)) {
        sendBytes(ctx, last.body(), last.etag());
        return;
      }
    }
    record Hit(FacilityAvailability a, Integer distance) {}
    List<Hit> hits = new ArrayList<>();
    for (FacilityAvailability a : state.availabilities()) {
      if (filter && !offers(a, minAvailable)) {
        continue;
      }
      Integer distance =
          near == null ? null : (int) Math.round(near.distanceMeters(a.facility().location()));
      hits.add(new Hit(a, distance));
    }
    if (near != null) {
      hits.sort(Comparator.comparingInt(Hit::distance).thenComparing(h -> h.a().facility().id()));
    }
    List<FacilityDto> out = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      out.add(dto(h.a(), h.distance(), withSpots));
    }
    byte[] body = mapper.writeValueAsBytes(new FacilityList(out));
    String etag = ETags.weak(body);
    if (plain) {
      lastList.set(new RenderedList(withSpots, version, second, nanos, body, etag));
    }
    sendBytes(ctx, body, etag);
  }

  /** Known now to have at least {@code n} free spaces: closed and stale facilities never do. */
  private static boolean offers(FacilityAvailability a, int n) {
    return a.available() != null
        && a.available() >= n
        && a.status() != ParkingStatus.CLOSED
        && a.status() != ParkingStatus.UNKNOWN;
  }

  private void one(Context ctx) throws JsonProcessingException {
    String id = ctx.pathParam("facilityId");
    FacilityAvailability a =
        state.availability(id).orElseThrow(() -> new NotFoundException("car park", id));
    send(ctx, dto(a, null));
  }

  /**
   * {@code GET /api/v1/parking/{id}/history?from=&to=&bucket=15m}: the free spaces per bucket in
   * {@code [from, to)} (default the last 24 h; at most 31 days; bucket a multiple of 5 minutes up
   * to 1 day, aligned to UTC), the typical day of today's weekday over the last four weeks (mean
   * free spaces per hour of city time) and the free spaces to expect in 30 minutes.
   */
  private void history(Context ctx) throws JsonProcessingException {
    String id = ctx.pathParam("facilityId");
    FacilityAvailability a =
        state.availability(id).orElseThrow(() -> new NotFoundException("car park", id));
    Instant now = clock.instant();
    Params p = new Params(ctx);
    Instant to = p.instantParam("to", now);
    Instant from = p.instantParam("from", to.minus(Duration.ofDays(1)));
    String bucketText = p.has("bucket") ? p.rawParam("bucket") : "15m";
    Duration bucket = Duration.ofMinutes(15);
    try {
      bucket = DurationParser.parse(bucketText);
    } catch (IllegalArgumentException e) {
      p.addError("bucket", "must be a duration such as 5m, 15m, 1h or 1d");
    }
    if (bucket.toSeconds() % History.STORED_BUCKET.toSeconds() != 0
        || bucket.isZero()
        || bucket.compareTo(Duration.ofDays(1)) > 0) {
      p.addError("bucket", "must be a multiple of 5m, at most 1d");
      bucket = Duration.ofMinutes(15);
    }
    if (!from.isBefore(to)) {
      p.addError("from", "must be before to");
    } else if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      p.addError("from", "the range must be at most 31 days");
    }
    p.check();
    List<PointDto> points = new ArrayList<>();
    for (OccupancyPoint o : History.downsample(history.history(id, from, to), bucket)) {
      points.add(
          new PointDto(time(o.at()), o.available(), o.minAvailable(), o.maxAvailable(), o.total()));
    }
    List<OccupancyPoint> weeks = history.history(id, now.minus(TYPICAL_WEEKS), now);
    var weekday = now.atZone(zone).getDayOfWeek();
    List<Double> typical = new ArrayList<>();
    for (Double d : History.typicalDay(weeks, zone, weekday)) {
      typical.add(d == null ? null : Math.round(d * 10) / 10.0);
    }
    Integer expected =
        a.available() == null || a.stale()
            ? null
            : History.expectedAvailable(
                a.available(), a.total(), now, Duration.ofMinutes(30), zone, weeks);
    send(
        ctx,
        new HistoryDto(
            id,
            time(from),
            time(to),
            DurationParser.format(bucket),
            points,
            weekday.name().toLowerCase(java.util.Locale.ROOT),
            typical,
            expected));
  }

  private void sensors(Context ctx) {
    SensorReport r = state.sensorReport();
    ctx.json(
        new SensorsDto(
            r.faultyCounters().stream()
                .map(
                    f ->
                        new FaultyCounterDto(f.facilityId(), f.reported(), f.total(), time(f.at())))
                .toList(),
            r.lowBattery().stream()
                .map(
                    b ->
                        new LowBatteryDto(
                            b.spotId(), b.facilityId(), b.batteryPercent(), time(b.at())))
                .toList(),
            r.silent().stream()
                .map(s -> new SilentDto(s.sensorId(), s.facilityId(), time(s.lastSeen())))
                .toList()));
  }
}
