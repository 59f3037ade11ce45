package org.vecino.server.office;

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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.HoursSyntax;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.LocalizedText;
import org.vecino.core.kernel.WeeklyHours;
import org.vecino.core.office.Channel;
import org.vecino.core.office.KioskDevice;
import org.vecino.core.office.Office;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.OfficeHours;
import org.vecino.core.office.Open311Service;
import org.vecino.core.office.Procedure;
import org.vecino.core.office.ServiceAttribute;
import org.vecino.core.office.TimeSpan;

/**
 * Reads the office catalog file ({@code config/office.json}, documented in {@code
 * config/README-office.md}): procedures, offices, kiosks and Open311 services. Strict: unknown
 * fields, duplicate keys and ids, bad values and references to unknown offices, bus stops or car
 * parks are errors naming the entry and field, e.g. {@code procedures[3]
 * (ibi-receipts).slotMinutes: must be an integer 5..240}. Stateless and thread-safe.
 */
public final class OfficeCatalogFile {
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private OfficeCatalogFile() {}

  /** The catalog file cannot be used; the message names the entry and the field. */
  public static final class CatalogFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CatalogFileException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Loads and validates a catalog file.
   *
   * @param stopExists whether a bus stop id exists (kiosks' {@code stops})
   * @param parkingExists whether a car park or zone id exists (kiosks' {@code parking})
   * @throws CatalogFileException naming the problem, its entry and field
   */
  public static OfficeCatalog load(
      Path file, Predicate<String> stopExists, Predicate<String> parkingExists) {
    if (!Files.isRegularFile(file)) {
      throw new CatalogFileException("no such file");
    }
    JsonNode root;
    try {
      root = STRICT.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new CatalogFileException(
          "not valid JSON at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CatalogFileException("cannot be read (" + e.getMessage() + ")");
    }
    return parse(root, stopExists, parkingExists);
  }

  static OfficeCatalog parse(
      JsonNode root, Predicate<String> stopExists, Predicate<String> parkingExists) {
    if (root == null || !root.isObject()) {
      throw new CatalogFileException("must be a JSON object");
    }
    fields(root, "", Set.of("$comment", "holidays", "offices", "procedures", "kiosks", "services"));
    Set<LocalDate> holidays = dates(root.get("holidays"), "holidays");
    List<Office> offices = new ArrayList<>();
    for (Entry e : entries(root, "offices", "id")) {
      offices.add(office(e, holidays));
    }
    Set<String> officeIds = new HashSet<>();
    offices.forEach(o -> officeIds.add(o.id()));
    List<Procedure> procedures = new ArrayList<>();
    for (Entry e : entries(root, "procedures", "id")) {
      procedures.add(procedure(e, officeIds));
    }
    List<KioskDevice> kiosks = new ArrayList<>();
    for (Entry e : entries(root, "kiosks", "id")) {
      kiosks.add(kiosk(e, officeIds, stopExists, parkingExists));
    }
    List<Open311Service> services = new ArrayList<>();
    for (Entry e : entries(root, "services", "code")) {
      services.add(service(e));
    }
    if (kiosks.isEmpty()) {
      throw new CatalogFileException("kiosks: must list at least one kiosk");
    }
    try {
      return new OfficeCatalog(procedures, offices, kiosks, services);
    } catch (IllegalArgumentException e) {
      throw new CatalogFileException(e.getMessage());
    }
  }

  private record Entry(JsonNode node, String where) {}

  private static List<Entry> entries(JsonNode root, String name, String idField) {
    JsonNode list = root.get(name);
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new CatalogFileException(name + ": must be a non-empty array");
    }
    List<Entry> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String where = name + "[" + i + "]";
      if (!n.isObject()) {
        throw new CatalogFileException(where + ": must be an object");
      }
      JsonNode id = n.get(idField);
      if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
        throw new CatalogFileException(
            where + "." + idField + ": must be 1..64 characters of a-z, 0-9, '-' or '_'");
      }
      where = where + " (" + id.asText() + ")";
      if (!ids.add(id.asText())) {
        throw new CatalogFileException(where + ": " + idField + " is listed twice");
      }
      out.add(new Entry(n, where));
    }
    return out;
  }

  private static void fields(JsonNode node, String where, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new CatalogFileException(
            (where.isEmpty() ? "" : where + ".")
                + f
                + ": unknown field (allowed: "
                + allowed
                + ")");
      }
    }
  }

  private static CatalogFileException bad(String where, String field, String problem) {
    return new CatalogFileException(where + "." + field + ": " + problem);
  }

  private static String text(JsonNode n, String where, String field, int max) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
      throw bad(where, field, "must be a text of 1.." + max + " characters");
    }
    return v.asText().strip();
  }

  private static LocalizedText localized(JsonNode n, String where, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw bad(where, field, "must be an object {\"es\": \"...\", \"en\": \"...\"}");
    }
    Map<Lang, String> texts = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      texts.put(lang, text(v, where + "." + field, lang.code(), 1000));
    }
    fields(v, where + "." + field, Set.of("es", "en"));
    return new LocalizedText(texts);
  }

  private static int integer(JsonNode n, String where, String field, int min, int max) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
      throw bad(where, field, "must be an integer " + min + ".." + max);
    }
    return v.asInt();
  }

  private static GeoPoint location(JsonNode n, String where) {
    JsonNode v = n.get("location");
    if (v == null
        || !v.isObject()
        || !v.path("lat").isNumber()
        || !v.path("lon").isNumber()
        || v.size() != 2) {
      throw bad(where, "location", "must be {\"lat\": degrees, \"lon\": degrees}");
    }
    try {
      return new GeoPoint(v.get("lat").asDouble(), v.get("lon").asDouble());
    } catch (IllegalArgumentException e) {
      throw bad(where, "location", e.getMessage());
    }
  }

  private static List<String> strings(JsonNode n, String where, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw bad(where, field, "must be an array of texts");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : v) {
      if (!s.isTextual() || s.asText().isBlank()) {
        throw bad(where, field, "must be an array of texts");
      }
      out.add(s.asText().strip());
    }
    return out;
  }

  private static Set<LocalDate> dates(JsonNode v, String where) {
    Set<LocalDate> out = new HashSet<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw new CatalogFileException(where + ": must be an array of dates YYYY-MM-DD");
    }
    for (JsonNode d : v) {
      try {
        out.add(LocalDate.parse(d.asText()));
      } catch (DateTimeParseException e) {
        throw new CatalogFileException(where + ": \"" + d.asText() + "\" is not a date YYYY-MM-DD");
      }
    }
    return out;
  }

  private static Office office(Entry e, Set<LocalDate> cityHolidays) {
    JsonNode n = e.node();
    String w = e.where();
    fields(n, w, Set.of("$comment", "id", "name", "address", "location", "hours", "closedDates"));
    JsonNode hours = n.get("hours");
    if (hours == null || !hours.isObject()) {
      throw bad(w, "hours", "must be an object of weekdays, e.g. {\"mon\": [\"09:00-14:00\"]}");
    }
    Map<DayOfWeek, List<WeeklyHours.Span>> week = new EnumMap<>(DayOfWeek.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = hours.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> day = it.next();
      String field = "hours." + day.getKey();
      DayOfWeek d =
          HoursSyntax.day(day.getKey())
              .orElseThrow(
                  () -> bad(w, field, "unknown weekday (use mon, tue, wed, thu, fri, sat, sun)"));
      List<WeeklyHours.Span> spans = new ArrayList<>();
      for (String s : strings(hours, w + ".hours", day.getKey())) {
        try {
          spans.add(TimeSpan.parse(s).toSpan());
        } catch (IllegalArgumentException ex) {
          throw bad(w, field, ex.getMessage());
        }
      }
      week.put(d, spans);
    }
    Set<LocalDate> closed = new HashSet<>(cityHolidays);
    closed.addAll(dates(n.get("closedDates"), w + ".closedDates"));
    OfficeHours officeHours;
    try {
      officeHours = new OfficeHours(new WeeklyHours(week), closed);
    } catch (IllegalArgumentException ex) {
      throw bad(w, "hours", ex.getMessage());
    }
    return new Office(
        n.get("id").asText(),
        localized(n, w, "name"),
        text(n, w, "address", 200),
        location(n, w),
        officeHours);
  }

  private static Procedure procedure(Entry e, Set<String> offices) {
    JsonNode n = e.node();
    String w = e.where();
    fields(
        n,
        w,
        Set.of(
            "$comment",
            "id",
            "name",
            "summary",
            "who",
            "documents",
            "fee",
            "channel",
            "slotMinutes",
            "capacity"));
    String channelCode = text(n, w, "channel", 20);
    Channel channel =
        Channel.fromCode(channelCode)
            .orElseThrow(() -> bad(w, "channel", "must be kiosk, appointment or townHall"));
    JsonNode docs = n.get("documents");
    if (docs == null || !docs.isArray()) {
      throw bad(w, "documents", "must be an array of {\"es\", \"en\"} texts");
    }
    List<LocalizedText> documents = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonNode holder = STRICT.createObjectNode().set("d", docs.get(i));
      documents.add(localized(holder, w + ".documents[" + i + "]", "d"));
    }
    Map<String, Integer> capacity = new LinkedHashMap<>();
    JsonNode cap = n.get("capacity");
    if (cap != null) {
      if (!cap.isObject()) {
        throw bad(w, "capacity", "must be an object {\"officeId\": staff}");
      }
      for (Iterator<String> it = cap.fieldNames(); it.hasNext(); ) {
        String office = it.next();
        if (!offices.contains(office)) {
          throw bad(w, "capacity." + office, "no office has this id");
        }
        capacity.put(office, integer(cap, w + ".capacity", office, 1, 50));
      }
    }
    if (channel == Channel.APPOINTMENT && capacity.isEmpty()) {
      throw bad(w, "capacity", "an appointment procedure needs the staff of at least one office");
    }
    if (channel != Channel.APPOINTMENT && !capacity.isEmpty()) {
      throw bad(w, "capacity", "only appointment procedures have office capacity");
    }
    return new Procedure(
        n.get("id").asText(),
        localized(n, w, "name"),
        localized(n, w, "summary"),
        localized(n, w, "who"),
        documents,
        localized(n, w, "fee"),
        channel,
        integer(n, w, "slotMinutes", 5, 240),
        capacity);
  }

  private static KioskDevice kiosk(
      Entry e, Set<String> offices, Predicate<String> stopExists, Predicate<String> parkingExists) {
    JsonNode n = e.node();
    String w = e.where();
    fields(n, w, Set.of("$comment", "id", "name", "location", "stops", "parking", "officeId"));
    String office = text(n, w, "officeId", 64);
    if (!offices.contains(office)) {
      throw bad(w, "officeId", "no office has the id \"" + office + "\"");
    }
    List<String> stops = strings(n, w, "stops");
    for (String s : stops) {
      if (!stopExists.test(s)) {
        throw bad(w, "stops", "no bus stop has the id \"" + s + "\" in the GTFS feed");
      }
    }
    List<String> parking = strings(n, w, "parking");
    for (String p : parking) {
      if (!parkingExists.test(p)) {
        throw bad(
            w, "parking", "no car park or zone has the id \"" + p + "\" in the parking catalog");
      }
    }
    return new KioskDevice(
        n.get("id").asText(), text(n, w, "name", 200), location(n, w), stops, parking, office);
  }

  private static Open311Service service(Entry e) {
    JsonNode n = e.node();
    String w = e.where();
    fields(
        n, w, Set.of("$comment", "code", "name", "description", "group", "keywords", "attributes"));
    List<ServiceAttribute> attributes = new ArrayList<>();
    JsonNode attrs = n.get("attributes");
    if (attrs != null) {
      if (!attrs.isArray()) {
        throw bad(w, "attributes", "must be an array");
      }
      for (int i = 0; i < attrs.size(); i++) {
        attributes.add(attribute(attrs.get(i), w + ".attributes[" + i + "]"));
      }
    }
    try {
      return new Open311Service(
          n.get("code").asText(),
          localized(n, w, "name"),
          localized(n, w, "description"),
          localized(n, w, "group"),
          strings(n, w, "keywords"),
          attributes);
    } catch (IllegalArgumentException ex) {
      throw new CatalogFileException(w + ": " + ex.getMessage());
    }
  }

  private static ServiceAttribute attribute(JsonNode n, String w) {
    if (!n.isObject()) {
      throw new CatalogFileException(w + ": must be an object");
    }
    fields(
        n, w, Set.of("$comment", "code", "datatype", "required", "description", "order", "values"));
    String code = text(n, w, "code", 64);
    if (!ID.matcher(code).matches()) {
      throw bad(w, "code", "must be 1..64 characters of a-z, 0-9, '-' or '_'");
    }
    String datatype = text(n, w, "datatype", 20);
    if (!ServiceAttribute.DATATYPES.contains(datatype)) {
      throw bad(w, "datatype", "must be one of " + ServiceAttribute.DATATYPES);
    }
    JsonNode req = n.get("required");
    if (req != null && !req.isBoolean()) {
      throw bad(w, "required", "must be true or false");
    }
    List<ServiceAttribute.Value> values = new ArrayList<>();
    JsonNode vs = n.get("values");
    if (vs != null) {
      if (!vs.isArray()) {
        throw bad(w, "values", "must be an array of {\"key\", \"name\"}");
      }
      for (int i = 0; i < vs.size(); i++) {
        String vw = w + ".values[" + i + "]";
        JsonNode v = vs.get(i);
        if (!v.isObject()) {
          throw new CatalogFileException(vw + ": must be an object");
        }
        fields(v, vw, Set.of("key", "name"));
        values.add(new ServiceAttribute.Value(text(v, vw, "key", 64), localized(v, vw, "name")));
      }
    }
    try {
      return new ServiceAttribute(
          code,
          datatype,
          req != null && req.asBoolean(),
          localized(n, w, "description"),
          integer(n, w, "order", 1, 100),
          values);
    } catch (IllegalArgumentException ex) {
      throw new CatalogFileException(w + ": " + ex.getMessage());
    }
  }
}
