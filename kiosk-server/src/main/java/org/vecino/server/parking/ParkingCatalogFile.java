package org.vecino.server.parking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.HoursSyntax;
import org.vecino.core.kernel.WeeklyHours;
import org.vecino.core.parking.Facility;
import org.vecino.core.parking.FacilityType;
import org.vecino.core.parking.ParkingCatalog;
import org.vecino.core.parking.ParkingSpot;
import org.vecino.core.parking.SpaceCategory;
import org.vecino.core.parking.StatusThresholds;
import org.vecino.server.config.DurationParser;

/**
 * Reads the parking catalog file ({@code config/parking.json}, documented in {@code
 * config/README-parking.md}). Strict: unknown fields, duplicate keys, duplicate ids and bad values
 * are errors naming the facility and the field, e.g. {@code facilities[2] (pz-italia).capacity:
 * must be an integer >= 1}. Stateless and thread-safe.
 */
public final class ParkingCatalogFile {
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> TOP_FIELDS =
      Set.of("$comment", "staleAfter", "almostFull", "historyRetentionDays", "facilities");
  private static final Set<String> FACILITY_FIELDS =
      Set.of(
          "$comment",
          "id",
          "name",
          "type",
          "location",
          "capacity",
          "spots",
          "openingHours",
          "categories",
          "staleAfter");

  /** How long occupancy history is kept when the file does not say. */
  public static final int DEFAULT_HISTORY_RETENTION_DAYS = 400;

  /** A loaded catalog, its status thresholds and how long its history is kept. */
  public record Loaded(
      ParkingCatalog catalog, StatusThresholds thresholds, Duration historyRetention) {}

  private ParkingCatalogFile() {}

  /**
   * Loads and validates a catalog file.
   *
   * @throws CatalogException naming the file's problem, its facility and field
   */
  public static Loaded load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CatalogException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text);
  }

  /** As {@link #load}, from the file's text. */
  public static Loaded parse(String text) {
    JsonNode root;
    try {
      root = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CatalogException(
          "invalid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("") + location(e),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new CatalogException("the file must hold one JSON object");
    }
    checkFields(root, TOP_FIELDS, "");
    Duration defaultStale =
        duration(root, "staleAfter", "staleAfter", Facility.DEFAULT_STALE_AFTER);
    StatusThresholds thresholds = thresholds(root.get("almostFull"));
    Duration retention = Duration.ofDays(DEFAULT_HISTORY_RETENTION_DAYS);
    JsonNode days = root.get("historyRetentionDays");
    if (days != null) {
      if (!days.canConvertToExactIntegral() || days.asLong() < 1 || days.asLong() > 36_500) {
        throw new CatalogException("historyRetentionDays: must be an integer 1..36500");
      }
      retention = Duration.ofDays(days.asLong());
    }
    JsonNode list = root.get("facilities");
    if (list == null || !list.isArray()) {
      throw new CatalogException("facilities: is required, an array");
    }
    List<Facility> facilities = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      facilities.add(facility(list.get(i), i, defaultStale));
    }
    try {
      return new Loaded(new ParkingCatalog(facilities), thresholds, retention);
    } catch (IllegalArgumentException e) {
      throw new CatalogException("facilities: " + e.getMessage(), e);
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static void checkFields(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new CatalogException(where + name + ": unknown field");
      }
    }
  }

  private static StatusThresholds thresholds(JsonNode node) {
    if (node == null) {
      return StatusThresholds.defaults();
    }
    if (!node.isObject()) {
      throw new CatalogException("almostFull: must be an object");
    }
    checkFields(node, Set.of("enterBelowPercent", "leaveAbovePercent"), "almostFull.");
    double enter = percent(node, "enterBelowPercent", 10);
    double leave = percent(node, "leaveAbovePercent", 12);
    try {
      return new StatusThresholds(enter / 100, leave / 100);
    } catch (IllegalArgumentException e) {
      throw new CatalogException(
          "almostFull: enterBelowPercent must be above 0 and leaveAbovePercent at least it, under"
              + " 100",
          e);
    }
  }

  private static double percent(JsonNode node, String field, double fallback) {
    JsonNode n = node.get(field);
    if (n == null) {
      return fallback;
    }
    if (!n.isNumber() || !(n.doubleValue() > 0 && n.doubleValue() < 100)) {
      throw new CatalogException("almostFull." + field + ": must be a number above 0, under 100");
    }
    return n.doubleValue();
  }

  private static Duration duration(JsonNode node, String field, String where, Duration fallback) {
    JsonNode n = node.get(field);
    if (n == null) {
      return fallback;
    }
    try {
      if (!n.isTextual()) {
        throw new IllegalArgumentException("not text");
      }
      Duration d = DurationParser.parse(n.textValue());
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("zero");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new CatalogException(where + ": must be a duration above zero such as 30m or 1h", e);
    }
  }

  private static Facility facility(JsonNode node, int index, Duration defaultStale) {
    String where = "facilities[" + index + "]";
    if (!node.isObject()) {
      throw new CatalogException(where + ": must be an object");
    }
    String id = text(node, "id", where);
    where = where + " (" + id + ")";
    checkFields(node, FACILITY_FIELDS, where + ".");
    String name = text(node, "name", where);
    String typeCode = text(node, "type", where);
    FacilityType type =
        FacilityType.fromCode(typeCode)
            .orElseThrow(
                () ->
                    new CatalogException(
                        "facilities["
                            + index
                            + "] ("
                            + id
                            + ").type: must be offStreet or onStreet"));
    GeoPoint location = location(node.get("location"), where + ".location");
    WeeklyHours hours = openingHours(node.get("openingHours"), where + ".openingHours");
    Duration stale = duration(node, "staleAfter", where + ".staleAfter", defaultStale);
    List<ParkingSpot> spots = new ArrayList<>();
    Map<SpaceCategory, Integer> categories = new EnumMap<>(SpaceCategory.class);
    int capacity;
    if (type == FacilityType.OFF_STREET) {
      if (node.has("spots")) {
        throw new CatalogException(where + ".spots: only an onStreet zone lists spots");
      }
      JsonNode c = node.get("capacity");
      if (c == null || !c.canConvertToExactIntegral() || c.asLong() < 1 || c.asLong() > 100_000) {
        throw new CatalogException(where + ".capacity: must be an integer 1..100000");
      }
      capacity = c.asInt();
      JsonNode cats = node.get("categories");
      if (cats != null) {
        if (!cats.isObject()) {
          throw new CatalogException(where + ".categories: must be an object of counts");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = cats.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          SpaceCategory cat = category(e.getKey(), where + ".categories." + e.getKey());
          JsonNode n = e.getValue();
          if (!n.canConvertToExactIntegral() || n.asLong() < 0 || n.asLong() > capacity) {
            throw new CatalogException(
                where + ".categories." + e.getKey() + ": must be an integer 0.." + capacity);
          }
          categories.put(cat, n.asInt());
        }
      }
    } else {
      if (node.has("capacity")) {
        throw new CatalogException(
            where + ".capacity: an onStreet zone's capacity is its number of spots; leave it out");
      }
      if (node.has("categories")) {
        throw new CatalogException(
            where + ".categories: an onStreet zone gives each spot's category; leave it out");
      }
      JsonNode list = node.get("spots");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new CatalogException(where + ".spots: is required, a non-empty array");
      }
      for (int i = 0; i < list.size(); i++) {
        ParkingSpot s = spot(list.get(i), id, where + ".spots[" + i + "]");
        spots.add(s);
        if (s.category() != null) {
          categories.merge(s.category(), 1, Integer::sum);
        }
      }
      capacity = spots.size();
    }
    try {
      return new Facility(id, name, type, location, capacity, spots, hours, categories, stale);
    } catch (IllegalArgumentException e) {
      throw new CatalogException(where + ": " + e.getMessage(), e);
    }
  }

  private static ParkingSpot spot(JsonNode node, String facilityId, String where) {
    String id;
    SpaceCategory category = null;
    if (node.isTextual()) {
      id = node.textValue().trim();
    } else if (node.isObject()) {
      checkFields(node, Set.of("id", "category"), where + ".");
      id = text(node, "id", where);
      JsonNode c = node.get("category");
      if (c != null) {
        if (!c.isTextual()) {
          throw new CatalogException(where + ".category: must be a string");
        }
        category = category(c.textValue(), where + ".category");
      }
    } else {
      throw new CatalogException(where + ": must be a spot id or {\"id\", \"category\"}");
    }
    try {
      return new ParkingSpot(id, facilityId, category);
    } catch (IllegalArgumentException e) {
      throw new CatalogException(where + ": " + e.getMessage(), e);
    }
  }

  private static SpaceCategory category(String code, String where) {
    return SpaceCategory.fromCode(code)
        .orElseThrow(
            () ->
                new CatalogException(
                    where
                        + ": unknown category; use disabled, loading, motorcycle, residents"
                        + " or electric"));
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode n = node.get(field);
    if (n == null || !n.isTextual() || n.textValue().isBlank()) {
      throw new CatalogException(where + "." + field + ": is required, a non-blank string");
    }
    return n.textValue().trim();
  }

  private static GeoPoint location(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new CatalogException(where + ": is required, {\"lat\": ..., \"lon\": ...}");
    }
    checkFields(node, Set.of("lat", "lon"), where + ".");
    JsonNode lat = node.get("lat");
    JsonNode lon = node.get("lon");
    if (lat == null || !lat.isNumber() || Math.abs(lat.doubleValue()) > 90) {
      throw new CatalogException(where + ".lat: must be a number -90..90");
    }
    if (lon == null || !lon.isNumber() || Math.abs(lon.doubleValue()) > 180) {
      throw new CatalogException(where + ".lon: must be a number -180..180");
    }
    return new GeoPoint(lat.doubleValue(), lon.doubleValue());
  }

  /**
   * {@code {"mon-fri": "07:00-23:00", "sat": "08:00-14:00,16:00-21:00", "sun": "closed"}}; keys are
   * days or ranges of days ({@code daily} for all), values {@code 24h}, {@code closed} or spans. A
   * day left out is closed; no {@code openingHours} at all is open all the time.
   */
  private static WeeklyHours openingHours(JsonNode node, String where) {
    if (node == null) {
      return WeeklyHours.always();
    }
    if (!node.isObject() || node.isEmpty()) {
      throw new CatalogException(where + ": must be an object such as {\"daily\": \"24h\"}");
    }
    Map<DayOfWeek, List<WeeklyHours.Span>> days = new EnumMap<>(DayOfWeek.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = where + "." + e.getKey();
      List<DayOfWeek> keyDays =
          HoursSyntax.days(e.getKey())
              .orElseThrow(
                  () ->
                      new CatalogException(
                          field + ": must be a day (mon..sun), a range such as mon-fri, or daily"));
      if (!e.getValue().isTextual()) {
        throw new CatalogException(field + ": must be \"24h\", \"closed\" or \"HH:MM-HH:MM\"");
      }
      List<WeeklyHours.Span> spans = spans(e.getValue().textValue().trim(), field);
      for (DayOfWeek d : keyDays) {
        if (days.put(d, spans) != null) {
          throw new CatalogException(field + ": " + d.name().toLowerCase() + " is given twice");
        }
      }
    }
    return new WeeklyHours(days);
  }

  private static List<WeeklyHours.Span> spans(String value, String where) {
    if (value.equals("24h")) {
      return List.of(new WeeklyHours.Span(0, WeeklyHours.DAY_MINUTES));
    }
    if (value.equals("closed")) {
      return List.of();
    }
    List<WeeklyHours.Span> out = new ArrayList<>();
    for (String span : value.split(",", -1)) {
      HoursSyntax.Times t =
          HoursSyntax.times(span)
              .filter(x -> x.open() < WeeklyHours.DAY_MINUTES && x.close() != x.open())
              .orElseThrow(
                  () ->
                      new CatalogException(
                          where
                              + ": \""
                              + span.trim()
                              + "\" must be HH:MM-HH:MM (24:00 for midnight), \"24h\" or"
                              + " \"closed\""));
      out.add(new WeeklyHours.Span(t.open(), t.close() == 0 ? WeeklyHours.DAY_MINUTES : t.close()));
    }
    return out;
  }
}
