package org.vecino.server.parking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.parking.Facility;
import org.vecino.core.parking.FacilityAvailability;
import org.vecino.core.parking.FacilityType;
import org.vecino.core.parking.ParkingSpot;
import org.vecino.core.parking.ParkingState;
import org.vecino.core.parking.ParkingStatus;
import org.vecino.core.parking.SpaceCategory;
import org.vecino.core.parking.SpotView;
import org.vecino.server.http.ETags;
import org.vecino.server.http.Params;
import org.vecino.server.time.CityTime;

/**
 * The parking data as NGSI-LD key-value entities of the FIWARE Smart Data Models ({@code
 * OffStreetParking}, {@code OnStreetParking}, {@code ParkingSpot}): {@code GET
 * /ngsi-ld/v1/entities?type=...} and {@code GET /ngsi-ld/v1/entities/{id}}. Ids are URNs ({@code
 * urn:ngsi-ld:OffStreetParking:pz-italia}); the {@code @context} is given in a {@code Link} header,
 * so bodies are plain JSON. Only attributes the official schemas define are written, and an
 * attribute whose value is not known (a stale car park's status) is left out. Thread-safe.
 */
public final class NgsiLdRoutes {
  /** The Smart Data Models context of the parking entities. */
  public static final String CONTEXT =
      "https://raw.githubusercontent.com/smart-data-models/dataModel.Parking/master/context.jsonld";

  static final String OFF_STREET = "OffStreetParking";
  static final String ON_STREET = "OnStreetParking";
  static final String SPOT = "ParkingSpot";
  private static final String URN = "urn:ngsi-ld:";

  private final ParkingState state;
  private final ObjectMapper mapper;
  private final ZoneId zone;

  public NgsiLdRoutes(ParkingState state, ObjectMapper mapper, ZoneId zone) {
    this.state = state;
    this.mapper = mapper;
    this.zone = zone;
  }

  public void register(RoutesConfig routes) {
    routes.get("/ngsi-ld/v1/entities", this::list);
    routes.get("/ngsi-ld/v1/entities/{entityId}", this::one);
  }

  private String time(Instant t) {
    return CityTime.format(t, zone);
  }

  private void send(Context ctx, Object body) throws JsonProcessingException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    ctx.header(
        "Link",
        "<"
            + CONTEXT
            + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
    if (ETags.notModified(ctx, ETags.weak(bytes))) {
      return;
    }
    ctx.contentType("application/json").result(bytes);
  }

  private void list(Context ctx) throws JsonProcessingException {
    Params p = new Params(ctx);
    String type =
        p.choiceParam(
            "type",
            List.of(OFF_STREET, ON_STREET, SPOT),
            "must be " + OFF_STREET + ", " + ON_STREET + " or " + SPOT);
    if (type == null && !p.has("type")) {
      p.addError("type", "must be " + OFF_STREET + ", " + ON_STREET + " or " + SPOT);
    }
    p.check();
    List<Map<String, Object>> out = new ArrayList<>();
    if (OFF_STREET.equals(type) || ON_STREET.equals(type)) {
      FacilityType wanted =
          OFF_STREET.equals(type) ? FacilityType.OFF_STREET : FacilityType.ON_STREET;
      for (FacilityAvailability a : state.availabilities()) {
        if (a.facility().type() == wanted) {
          out.add(facility(a));
        }
      }
    } else if (SPOT.equals(type)) {
      for (FacilityAvailability a : state.availabilities()) {
        for (int i = 0; i < a.spots().size(); i++) {
          out.add(spot(a, a.facility().spots().get(i), a.spots().get(i)));
        }
      }
    } else {
      throw new ValidationException(
          "type", "must be " + OFF_STREET + ", " + ON_STREET + " or " + SPOT);
    }
    send(ctx, out);
  }

  private void one(Context ctx) throws JsonProcessingException {
    String id = ctx.pathParam("entityId");
    send(ctx, entity(id).orElseThrow(() -> new NotFoundException("entity", id)));
  }

  /** The entity with a URN id, if it exists. */
  Optional<Map<String, Object>> entity(String urn) {
    for (String type : List.of(OFF_STREET, ON_STREET, SPOT)) {
      String prefix = URN + type + ":";
      if (!urn.startsWith(prefix)) {
        continue;
      }
      String id = urn.substring(prefix.length());
      if (type.equals(SPOT)) {
        return state
            .catalog()
            .spot(id)
            .flatMap(s -> state.availability(s.facilityId()).map(a -> spot(a, s, view(a, s.id()))));
      }
      FacilityType wanted =
          type.equals(OFF_STREET) ? FacilityType.OFF_STREET : FacilityType.ON_STREET;
      return state.availability(id).filter(a -> a.facility().type() == wanted).map(this::facility);
    }
    return Optional.empty();
  }

  private static SpotView view(FacilityAvailability a, String spotId) {
    return a.spots().stream().filter(v -> v.id().equals(spotId)).findFirst().orElseThrow();
  }

  private static Map<String, Object> point(Facility f) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "Point");
    p.put("coordinates", List.of(f.location().lon(), f.location().lat()));
    return p;
  }

  private Map<String, Object> facility(FacilityAvailability a) {
    Facility f = a.facility();
    boolean offStreet = f.type() == FacilityType.OFF_STREET;
    String type = offStreet ? OFF_STREET : ON_STREET;
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", URN + type + ":" + f.id());
    e.put("type", type);
    e.put("name", f.name());
    e.put("location", point(f));
    e.put("totalSpotNumber", a.total());
    if (a.available() != null && !a.stale()) {
      e.put("availableSpotNumber", a.available());
      e.put("occupiedSpotNumber", a.total() - a.available());
      if (offStreet) {
        e.put("occupancy", Math.round((1.0 - (double) a.available() / a.total()) * 1000) / 1000.0);
      }
    }
    if (offStreet && a.status() != ParkingStatus.UNKNOWN) {
      e.put("status", List.of(a.status().code()));
    }
    List<String> categories = new ArrayList<>();
    for (SpaceCategory c : f.categories().keySet()) {
      String code = category(c, offStreet);
      if (code != null && !categories.contains(code)) {
        categories.add(code);
      }
    }
    if (!categories.isEmpty()) {
      categories.sort(null);
      e.put("category", categories);
    }
    e.put("occupancyDetectionType", List.of(offStreet ? "balancing" : "singleSpaceDetection"));
    if (!offStreet) {
      List<String> spots = new ArrayList<>();
      for (ParkingSpot s : f.spots()) {
        spots.add(URN + SPOT + ":" + s.id());
      }
      e.put("refParkingSpot", spots);
    }
    if (a.updatedAt() != null) {
      e.put("observationDateTime", time(a.updatedAt()));
    }
    return e;
  }

  /** The Smart Data Models category of a kind of reserved space, null when it has none. */
  private static String category(SpaceCategory c, boolean offStreet) {
    return switch (c) {
      case DISABLED -> "forDisabled";
      case ELECTRIC -> "forElectricalCharging";
      case RESIDENTS -> "forResidents";
      case LOADING -> offStreet ? null : "forLoadUnload";
      case MOTORCYCLE -> null;
    };
  }

  private Map<String, Object> spot(FacilityAvailability a, ParkingSpot s, SpotView view) {
    Facility f = a.facility();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", URN + SPOT + ":" + s.id());
    e.put("type", SPOT);
    e.put("name", s.id());
    e.put("location", point(f));
    e.put("status", a.status() == ParkingStatus.CLOSED ? "closed" : view.status().code());
    e.put("category", List.of(f.type() == FacilityType.ON_STREET ? "onStreet" : "offStreet"));
    e.put(
        "refParkingSite",
        URN + (f.type() == FacilityType.ON_STREET ? ON_STREET : OFF_STREET) + ":" + f.id());
    state.spotReading(s.id()).ifPresent(r -> e.put("timeInstant", time(r.timestamp())));
    return e;
  }
}
