package org.vecino.server.office;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.ForbiddenException;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.Open311Service;
import org.vecino.core.office.RequestStatus;
import org.vecino.core.office.ServiceAttribute;
import org.vecino.core.office.ServiceRequest;
import org.vecino.server.http.Open311Xml;
import org.vecino.server.http.Params;
import org.vecino.server.time.CityTime;

/**
 * Open311 GeoReport v2 at {@code /open311/v2}, JSON ({@code .json}) and XML ({@code .xml}):
 * discovery, service list and definitions, requests (GET with the standard filters, POST
 * form-encoded with an {@code api_key}), one request, and a token's request. Errors are the
 * standard array {@code [{"code": 400, "description": "..."}]}, written by {@link
 * org.vecino.server.http.ErrorMapper} for every path under {@code /open311/}. Field names are those
 * of the specification; the citizen's phone and e-mail are never shown.
 */
public final class Open311Routes {
  static final String BASE = "/open311/v2";

  /** The longest span a request search may cover, and its default (the last 90 days). */
  static final Duration MAX_SPAN = Duration.ofDays(90);

  static final int MAX_RESULTS = 1000;
  private static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
  private static final String CHANGESET = "2026-11-29T00:00:00Z";

  private final ServiceRequestService requests;
  private final OfficeCatalog catalog;
  private final ZoneId zone;
  private final java.time.Clock clock;

  public Open311Routes(ServiceRequestService requests, ZoneId zone, java.time.Clock clock) {
    this.requests = requests;
    this.catalog = requests.catalog();
    this.zone = zone;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    for (String format : List.of("json", "xml")) {
      routes.get(BASE + "/discovery." + format, this::discovery);
      routes.get(BASE + "/services." + format, this::services);
      routes.get(BASE + "/services/{serviceCode}." + format, this::definition);
      routes.get(BASE + "/requests." + format, this::search);
      routes.post(BASE + "/requests." + format, this::file);
      routes.get(BASE + "/requests/{serviceRequestId}." + format, this::request);
      routes.get(BASE + "/tokens/{token}." + format, this::token);
    }
  }

  /**
   * Answers {@code body} as JSON, or as XML when the path ends in {@code .xml} (a list inside
   * {@code <root>} with one {@code <item>} each).
   */
  private static void reply(Context ctx, int status, Object body, String root, String item) {
    ctx.status(status);
    if (ctx.path().endsWith(".xml")) {
      ctx.contentType("text/xml; charset=utf-8").result(Open311Xml.write(body, root, item));
    } else {
      ctx.json(body);
    }
  }

  private static Lang lang(Context ctx) {
    Params params = new Params(ctx);
    Lang lang = params.lang();
    params.check();
    return lang;
  }

  /**
   * The endpoint's URL is the relative path {@code /open311/v2}: it is never built from the {@code
   * Host} header, which a caller chooses.
   */
  private void discovery(Context ctx) {
    String url = BASE;
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("specification", SPEC);
    endpoint.put("url", url);
    endpoint.put("changeset", CHANGESET);
    endpoint.put("type", "production");
    endpoint.put("formats", List.of("application/json", "text/xml"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("changeset", CHANGESET);
    doc.put("contact", "Ayuntamiento de Santander - Oficina del Vecino");
    doc.put("key_service", "Ask the city's Vecino administrator for an api_key");
    doc.put("endpoints", List.of(endpoint));
    reply(ctx, 200, doc, "discovery", null);
  }

  private void services(Context ctx) {
    Lang lang = lang(ctx);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Open311Service s : catalog.services()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("service_code", s.code());
      m.put("service_name", s.name().get(lang));
      m.put("description", s.description().get(lang));
      m.put("metadata", s.metadata());
      m.put("type", "realtime");
      m.put("keywords", String.join(", ", s.keywords()));
      m.put("group", s.group().get(lang));
      out.add(m);
    }
    reply(ctx, 200, out, "services", "service");
  }

  private void definition(Context ctx) {
    Lang lang = lang(ctx);
    String code = ctx.pathParam("serviceCode");
    Open311Service s =
        catalog.service(code).orElseThrow(() -> new NotFoundException("service_code", code));
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (ServiceAttribute a : s.attributes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("variable", true);
      m.put("code", a.code());
      m.put("datatype", a.datatype());
      m.put("required", a.required());
      m.put("datatype_description", null);
      m.put("order", a.order());
      m.put("description", a.description().get(lang));
      if (!a.values().isEmpty()) {
        m.put(
            "values",
            a.values().stream()
                .map(v -> Map.of("key", v.key(), "name", v.name().get(lang)))
                .toList());
      }
      attributes.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("service_code", s.code());
    doc.put("attributes", attributes);
    reply(ctx, 200, doc, "service_definition", null);
  }

  private Map<String, Object> requestJson(StoredRequest stored, Lang lang) {
    ServiceRequest r = stored.request();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service_request_id", r.id());
    m.put("status", r.status().code());
    m.put("status_notes", r.statusNotes());
    m.put(
        "service_name",
        catalog.service(r.serviceCode()).map(s -> s.name().get(lang)).orElse(r.serviceCode()));
    m.put("service_code", r.serviceCode());
    m.put("description", r.description());
    m.put("agency_responsible", r.agencyResponsible());
    m.put("service_notice", null);
    m.put("requested_datetime", CityTime.format(r.requestedAt(), zone));
    m.put("updated_datetime", CityTime.format(r.updatedAt(), zone));
    m.put("expected_datetime", null);
    m.put("address", r.address());
    m.put("address_id", null);
    m.put("zipcode", null);
    m.put("lat", r.location() == null ? null : r.location().lat());
    m.put("long", r.location() == null ? null : r.location().lon());
    m.put("media_url", stored.mediaUrl());
    return m;
  }

  private void request(Context ctx) {
    Lang lang = lang(ctx);
    String id = ctx.pathParam("serviceRequestId");
    StoredRequest s =
        requests.find(id).orElseThrow(() -> new NotFoundException("service_request_id", id));
    reply(ctx, 200, List.of(requestJson(s, lang)), "service_requests", "request");
  }

  private void token(Context ctx) {
    String token = ctx.pathParam("token");
    StoredRequest s =
        requests.findByToken(token).orElseThrow(() -> new NotFoundException("token", token));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service_request_id", s.request().id());
    m.put("token", s.token());
    reply(ctx, 200, List.of(m), "service_requests", "request");
  }

  private static List<String> list(String raw) {
    List<String> out = new ArrayList<>();
    if (raw != null) {
      for (String part : raw.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private Instant datetime(String field, String raw, Params errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.strip();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // try the next forms
    }
    try {
      return LocalDate.parse(s).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      errors.addError(field, "must be a W3C date-time such as 2026-11-30T09:00:00+01:00");
      return null;
    }
  }

  private void search(Context ctx) {
    Params params = new Params(ctx);
    Lang lang = params.lang();
    List<String> ids = list(params.rawParam("service_request_id"));
    if (ids.size() > MAX_RESULTS) {
      params.addError("service_request_id", "at most " + MAX_RESULTS + " ids");
    }
    Instant start = datetime("start_date", params.rawParam("start_date"), params);
    Instant end = datetime("end_date", params.rawParam("end_date"), params);
    Set<RequestStatus> statuses = EnumSet.noneOf(RequestStatus.class);
    for (String s : list(params.rawParam("status"))) {
      Optional<RequestStatus> st = RequestStatus.fromCode(s);
      if (st.isEmpty()) {
        params.addError("status", "must be open, closed or both (open,closed)");
      } else {
        statuses.add(st.get());
      }
    }
    int limit = params.intParam("limit", MAX_RESULTS, 1, MAX_RESULTS);
    Set<String> codes = new LinkedHashSet<>(list(params.rawParam("service_code")));
    if (!ids.isEmpty()) {
      params.check();
      List<Map<String, Object>> out = new ArrayList<>();
      for (String id : new LinkedHashSet<>(ids)) {
        requests.find(id).ifPresent(s -> out.add(requestJson(s, lang)));
      }
      reply(ctx, 200, out, "service_requests", "request");
      return;
    }
    params.check();
    if (end == null) {
      end = start == null ? clock.instant() : start.plus(MAX_SPAN);
    }
    if (start == null) {
      start = end.minus(MAX_SPAN);
    }
    if (start.isAfter(end)) {
      throw new ValidationException("start_date", "must not be after end_date");
    } else if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw new ValidationException("end_date", "the span must be at most 90 days");
    }
    reply(
        ctx,
        200,
        requests.search(start, end, codes, statuses, limit).stream()
            .map(s -> requestJson(s, lang))
            .toList(),
        "service_requests",
        "request");
  }

  private static String form(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private void file(Context ctx) {
    Lang lang = lang(ctx);
    String key = form(ctx, "api_key");
    if (key == null) {
      key = new Params(ctx).rawParam("api_key");
    }
    Optional<String> keyId = requests.keyId(key);
    if (keyId.isEmpty()) {
      throw new ForbiddenException(key == null ? "api_key is required" : "api_key is not valid");
    }
    List<FieldError> errors = new ArrayList<>();
    Double lat = coordinate(ctx, "lat", -90, 90, errors);
    Double lon = coordinate(ctx, "long", -180, 180, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    ctx.formParamMap()
        .forEach(
            (name, values) -> {
              if (name.startsWith("attribute[") && name.endsWith("]") && !values.isEmpty()) {
                attributes.put(
                    name.substring("attribute[".length(), name.length() - 1),
                    String.join(",", values));
              }
            });
    String address = form(ctx, "address_string");
    if (address == null) {
      address = form(ctx, "address_id");
    }
    StoredRequest s =
        requests.file(
            new ServiceRequestService.NewRequest(
                form(ctx, "service_code"),
                form(ctx, "description"),
                lat,
                lon,
                address,
                form(ctx, "phone"),
                lang,
                attributes,
                RequestContact.open311(keyId.get())
                    .email(form(ctx, "email"))
                    .name(form(ctx, "first_name"), form(ctx, "last_name"))
                    .deviceId(form(ctx, "device_id"))
                    .accountId(form(ctx, "account_id"))
                    .mediaUrl(form(ctx, "media_url"))
                    .build()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service_request_id", s.request().id());
    m.put("token", s.token());
    m.put("service_notice", null);
    m.put("account_id", form(ctx, "account_id"));
    reply(ctx, 201, List.of(m), "service_requests", "request");
  }

  private static Double coordinate(
      Context ctx, String name, double min, double max, List<FieldError> errors) {
    String raw = form(ctx, name);
    if (raw == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(raw);
      if (!(v >= min && v <= max)) {
        errors.add(new FieldError(name, "must be " + min + ".." + max));
        return null;
      }
      return v;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a number in degrees"));
      return null;
    }
  }
}
