package org.vecino.server.office;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.PhoneMask;
import org.vecino.core.kernel.UnauthorizedException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.Office;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.Procedure;
import org.vecino.server.auth.TokenService;
import org.vecino.server.http.ApiServer;
import org.vecino.server.http.Bodies;
import org.vecino.server.http.Params;
import org.vecino.server.time.CityTime;

/**
 * The Neighbor's Office endpoints of the kiosk ({@code /api/v1/office/...}): procedures, offices,
 * free slots, one-time codes and citizen sessions, bookings, "my appointments" and service requests
 * filed from a kiosk. Thin: parse, call a service, render.
 */
public final class OfficeRoutes {
  /**
   * The header a kiosk page sends on every call. It is not authenticated: it never decides a rate
   * limit (the kiosk's device token does, see {@link Caller}).
   */
  public static final String KIOSK_HEADER = "X-Kiosk-Id";

  private final OfficeCatalog catalog;
  private final BookingService bookings;
  private final CitizenAuth auth;
  private final ServiceRequestService requests;
  private final TokenService tokens;
  private final ZoneId zone;

  /**
   * @param tokens the API tokens, whose kiosk device tokens make a call a kiosk's
   */
  public OfficeRoutes(
      BookingService bookings,
      CitizenAuth auth,
      ServiceRequestService requests,
      TokenService tokens,
      ZoneId zone) {
    this.catalog = bookings.catalog();
    this.bookings = bookings;
    this.auth = auth;
    this.requests = requests;
    this.tokens = tokens;
    this.zone = zone;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/office/procedures", this::procedures);
    routes.get("/api/v1/office/procedures/{procedureId}", this::procedure);
    routes.get("/api/v1/office/offices", this::offices);
    routes.get("/api/v1/office/offices/{officeId}/slots", this::slots);
    routes.post("/api/v1/office/otp", this::otp);
    routes.post("/api/v1/office/session", this::openSession);
    routes.delete("/api/v1/office/session", this::endSession);
    routes.get("/api/v1/office/my/appointments", this::myAppointments);
    routes.post("/api/v1/office/bookings", this::book);
    routes.delete("/api/v1/office/bookings/{bookingId}", this::cancel);
    routes.post("/api/v1/office/requests", this::fileRequest);
  }

  // --- request bodies (bound by Bodies, validated here)

  record CodeRequest(String phone) {
    CodeRequest {
      if (phone == null) {
        throw new ValidationException("phone", "is required");
      }
    }
  }

  record SessionRequest(String phone, String code) {
    SessionRequest {
      if (phone == null) {
        throw new ValidationException("phone", "is required");
      }
    }
  }

  record BookingRequest(String officeId, String procedureId, String start) {
    BookingRequest {
      if (start != null) {
        try {
          OffsetDateTime.parse(start.strip());
        } catch (DateTimeParseException e) {
          throw new ValidationException(
              "start", "must be a date-time with offset, e.g. 2026-12-01T09:00:00+01:00");
        }
      }
    }

    /** The start as an instant, or null when not given. */
    Instant startsAt() {
      return start == null ? null : OffsetDateTime.parse(start.strip()).toInstant();
    }
  }

  /** A service request filed from a kiosk page; attribute values are texts, numbers or booleans. */
  record KioskRequest(
      String serviceCode,
      String description,
      Double lat,
      Double lon,
      String address,
      String phone,
      Map<String, Object> attributes) {
    KioskRequest {
      List<FieldError> errors = new ArrayList<>();
      if (attributes != null) {
        attributes.forEach(
            (k, v) -> {
              if (v instanceof Map<?, ?> || v instanceof List<?>) {
                errors.add(new FieldError("attributes." + k, "must be a text"));
              }
            });
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
    }

    Map<String, String> attributeTexts() {
      Map<String, String> out = new LinkedHashMap<>();
      if (attributes != null) {
        attributes.forEach((k, v) -> out.put(k, String.valueOf(v)));
      }
      return out;
    }
  }

  // --- DTOs

  record Location(double lat, double lon) {}

  record ProcedureDto(
      String id,
      String name,
      String summary,
      String who,
      List<String> documents,
      String fee,
      String channel,
      int slotMinutes,
      List<String> offices) {}

  record OfficeDto(
      String id,
      String name,
      String address,
      Location location,
      String hours,
      List<String> procedures) {}

  record SlotDto(String start, String end, int free) {}

  record SlotsDto(String officeId, String procedureId, String date, List<SlotDto> slots) {}

  record CodeDto(String expiresAt, String phone) {}

  record SessionDto(String sessionToken, String expiresAt, String phone) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AppointmentDto(
      String id,
      String kind,
      String title,
      String place,
      String startsAt,
      String status,
      boolean cancellable) {}

  record BookingDto(
      String id,
      String officeId,
      String procedureId,
      String procedureName,
      String start,
      String end,
      String status,
      String place,
      String address) {}

  record RequestDto(String serviceRequestId, String status, String serviceName, String token) {}

  private ProcedureDto procedureDto(Procedure p, Lang lang) {
    return new ProcedureDto(
        p.id(),
        p.name().get(lang),
        p.summary().get(lang),
        p.who().get(lang),
        p.documents().stream().map(d -> d.get(lang)).toList(),
        p.fee().get(lang),
        p.channel().code(),
        p.slotMinutes(),
        catalog.offices().stream()
            .map(Office::id)
            .filter(o -> p.capacityAt(o).isPresent())
            .toList());
  }

  // --- handlers

  private static Lang lang(Context ctx) {
    Params params = new Params(ctx);
    Lang lang = params.lang();
    params.check();
    return lang;
  }

  private void procedures(Context ctx) {
    Lang lang = lang(ctx);
    ctx.json(catalog.procedures().stream().map(p -> procedureDto(p, lang)).toList());
  }

  private void procedure(Context ctx) {
    Lang lang = lang(ctx);
    String id = ctx.pathParam("procedureId");
    Procedure p = catalog.procedure(id).orElseThrow(() -> new NotFoundException("procedure", id));
    ctx.json(procedureDto(p, lang));
  }

  private void offices(Context ctx) {
    Lang lang = lang(ctx);
    ctx.json(
        catalog.offices().stream()
            .map(
                o ->
                    new OfficeDto(
                        o.id(),
                        o.name().get(lang),
                        o.address(),
                        new Location(o.location().lat(), o.location().lon()),
                        o.hours().summary(lang),
                        catalog.procedures().stream()
                            .filter(p -> p.capacityAt(o.id()).isPresent())
                            .map(Procedure::id)
                            .toList()))
            .toList());
  }

  private void slots(Context ctx) {
    String officeId = ctx.pathParam("officeId");
    Params params = new Params(ctx);
    LocalDate date = params.dateParam("date");
    String procedure = params.rawParam("procedure");
    params.check();
    BookingService.DaySlots day = bookings.slots(officeId, procedure, date);
    ctx.json(
        new SlotsDto(
            day.office().id(),
            day.procedure().id(),
            day.date().toString(),
            day.slots().stream()
                .map(
                    s ->
                        new SlotDto(
                            CityTime.format(s.start(), zone),
                            CityTime.format(s.end(), zone),
                            s.free()))
                .toList()));
  }

  /**
   * Who makes a rate-limited call: the kiosk its device token ({@code Authorization: Bearer}) is
   * bound to, else an anonymous client by its remote address. An {@code X-Kiosk-Id} header must
   * name a kiosk of the catalog but counts for nothing.
   */
  private Caller caller(Context ctx) {
    String id = ctx.header(KIOSK_HEADER);
    if (id != null && !id.isBlank() && catalog.kiosk(id.strip()).isEmpty()) {
      throw new ValidationException(KIOSK_HEADER, "no kiosk has the id '" + id.strip() + "'");
    }
    String address = ctx.ip();
    return tokens
        .kioskOf(bearer(ctx))
        .filter(k -> catalog.kiosk(k).isPresent())
        .map(k -> Caller.kiosk(k, address))
        .orElseGet(() -> Caller.client(address));
  }

  private void otp(Context ctx) {
    Lang lang = lang(ctx);
    CodeRequest body = Bodies.read(ctx, CodeRequest.class);
    Caller caller = caller(ctx);
    CitizenAuth.CodeSent sent = auth.sendCode(body.phone(), caller, lang);
    ctx.status(202)
        .json(new CodeDto(CityTime.format(sent.expiresAt(), zone), PhoneMask.mask(sent.phone())));
  }

  private void openSession(Context ctx) {
    SessionRequest body = Bodies.read(ctx, SessionRequest.class);
    CitizenAuth.Session s = auth.open(body.phone(), body.code());
    ctx.status(201)
        .json(
            new SessionDto(
                s.token(), CityTime.format(s.expiresAt(), zone), PhoneMask.mask(s.phone())));
  }

  private static String bearer(Context ctx) {
    return ApiServer.bearerToken(ctx);
  }

  /** The phone of the call's citizen session, or 401. */
  private String citizen(Context ctx) {
    String token = bearer(ctx);
    return auth.phoneOf(token)
        .orElseThrow(
            () -> {
              ctx.header("WWW-Authenticate", "Bearer");
              return new UnauthorizedException(
                  token == null
                      ? "a session is required: ask for a code, then open a session"
                      : "the session is not valid or has expired");
            });
  }

  private void endSession(Context ctx) {
    citizen(ctx);
    auth.end(bearer(ctx));
    ctx.status(204);
  }

  private void myAppointments(Context ctx) {
    Lang lang = lang(ctx);
    String phone = citizen(ctx);
    ctx.json(
        bookings.upcoming(phone, lang).stream()
            .map(
                a ->
                    new AppointmentDto(
                        a.id(),
                        a.kind(),
                        a.title(),
                        a.place(),
                        CityTime.format(a.startsAt(), zone),
                        a.status(),
                        a.cancellable()))
            .toList());
  }

  private void book(Context ctx) {
    Lang lang = lang(ctx);
    String phone = citizen(ctx);
    BookingRequest body = Bodies.read(ctx, BookingRequest.class);
    BookingService.Booked b =
        bookings.book(phone, body.officeId(), body.procedureId(), body.startsAt(), lang);
    ctx.status(201).json(bookingDto(b, lang));
  }

  private BookingDto bookingDto(BookingService.Booked b, Lang lang) {
    return new BookingDto(
        b.booking().id(),
        b.office().id(),
        b.procedure().id(),
        b.procedure().name().get(lang),
        CityTime.format(b.booking().start(), zone),
        CityTime.format(b.booking().end(), zone),
        b.booking().status(),
        b.office().name().get(lang),
        b.office().address());
  }

  private void cancel(Context ctx) {
    String phone = citizen(ctx);
    bookings.cancel(phone, ctx.pathParam("bookingId"));
    ctx.status(204);
  }

  private void fileRequest(Context ctx) {
    Lang lang = lang(ctx);
    KioskRequest body = Bodies.read(ctx, KioskRequest.class);
    Caller caller = caller(ctx);
    StoredRequest s;
    try {
      s =
          requests.fileFromKiosk(
              new ServiceRequestService.NewRequest(
                  body.serviceCode(),
                  body.description(),
                  body.lat(),
                  body.lon(),
                  body.address(),
                  body.phone(),
                  lang,
                  body.attributeTexts(),
                  RequestContact.kiosk(caller.kioskId())),
              caller);
    } catch (ValidationException e) {
      // The service names Open311's fields; the kiosk's JSON names them in camelCase.
      throw new ValidationException(
          e.errors().stream()
              .map(
                  f -> new FieldError(KIOSK_FIELDS.getOrDefault(f.field(), f.field()), f.message()))
              .toList());
    }
    String serviceName =
        catalog.service(s.request().serviceCode()).map(v -> v.name().get(lang)).orElse(null);
    ctx.status(201)
        .json(
            new RequestDto(s.request().id(), s.request().status().code(), serviceName, s.token()));
  }

  private static final Map<String, String> KIOSK_FIELDS =
      Map.of("service_code", "serviceCode", "long", "lon", "address_string", "address");
}
