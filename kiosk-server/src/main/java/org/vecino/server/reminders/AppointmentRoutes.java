package org.vecino.server.reminders;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.UnauthorizedException;
import org.vecino.core.kernel.UnavailableException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.Appointment;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.server.auth.Role;
import org.vecino.server.http.ApiServer;
import org.vecino.server.http.Bodies;
import org.vecino.server.sms.Signatures;

/**
 * The HTTP side of appointment reminders (http.md): {@code PUT/GET/DELETE
 * /api/v1/appointments/{externalId}} for the scheduling system (role {@code scheduler}; each token
 * reaches only the appointments it created, see {@link ReminderService#put(String, Appointment)}),
 * and the gateway's signed {@code POST /api/v1/sms/inbound}. Thin: parse, call {@link
 * ReminderService}, render. Thread-safe.
 */
public final class AppointmentRoutes {
  public static final String APPOINTMENT = "/api/v1/appointments/{externalId}";
  public static final String INBOUND = "/api/v1/sms/inbound";

  /** How far ahead an appointment may be booked. */
  private static final Duration MAX_AHEAD = Duration.ofDays(2 * 366);

  private static final int MAX_MESSAGE_ID = 100;
  private static final int MAX_TEXT = 1600;

  private final ReminderService service;
  private final Signatures gatewaySignatures;
  private final Clock clock;

  /**
   * @param gatewaySignatures the gateway's signatures ({@code VECINO_SMS_GATEWAY_SECRET}), or null
   *     when no secret is set: then inbound calls are refused with 503
   */
  public AppointmentRoutes(ReminderService service, Signatures gatewaySignatures, Clock clock) {
    this.service = service;
    this.gatewaySignatures = gatewaySignatures;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.put(APPOINTMENT, this::put, Role.SCHEDULER);
    routes.get(APPOINTMENT, this::get, Role.SCHEDULER);
    routes.delete(APPOINTMENT, this::delete, Role.SCHEDULER);
    routes.post(INBOUND, this::inbound);
  }

  private void put(Context ctx) {
    String id = externalId(ctx);
    Appointment a = Bodies.read(ctx, AppointmentRequest.class).toAppointment(id, clock);
    ReminderService.PutResult r = service.put(ApiServer.callerId(ctx), a);
    ctx.status(r.created() ? 201 : 200);
    ctx.json(r.appointment());
  }

  private void get(Context ctx) {
    ctx.header("Cache-Control", "no-cache");
    ctx.json(service.get(ApiServer.callerId(ctx), externalId(ctx)));
  }

  private void delete(Context ctx) {
    ctx.json(service.cancel(ApiServer.callerId(ctx), externalId(ctx)));
  }

  private void inbound(Context ctx) {
    if (gatewaySignatures == null) {
      throw new UnavailableException(
          "not-configured",
          "VECINO_SMS_GATEWAY_SECRET is not set, so the gateway's calls cannot be checked");
    }
    byte[] raw = ctx.bodyAsBytes();
    if (!gatewaySignatures.verify(
        ctx.header(Signatures.TIMESTAMP_HEADER),
        ctx.header(Signatures.SIGNATURE_HEADER),
        raw,
        clock.instant())) {
      throw new UnauthorizedException(
          "missing or wrong X-Vecino-Signature, or X-Vecino-Timestamp more than 5 minutes off");
    }
    InboundRequest body = Bodies.read(raw, InboundRequest.class);
    InboundOutcome outcome =
        service.inbound(body.messageId(), body.phone(), body.text() == null ? "" : body.text());
    if (outcome instanceof InboundOutcome.Handled h) {
      ctx.json(
          Map.of(
              "status",
              "handled",
              "command",
              h.command().name().toLowerCase(java.util.Locale.ROOT),
              "answered",
              h.answered()));
    } else {
      ctx.json(Map.of("status", "duplicate"));
    }
  }

  // --- request bodies (bound by Bodies)

  /** The body of a PUT: the appointment as the scheduling system sends it. */
  record AppointmentRequest(
      String phone, String startsAt, String place, String kind, String language) {

    /**
     * The appointment with this external id, every invalid field named at once.
     *
     * @throws ValidationException naming each invalid field
     */
    Appointment toAppointment(String id, Clock clock) {
      List<FieldError> errors = new ArrayList<>();
      PhoneNumber parsedPhone = null;
      String rawPhone = text(phone, "phone", 32, true, errors);
      if (rawPhone != null) {
        try {
          parsedPhone = PhoneNumber.parse(rawPhone, "phone");
        } catch (ValidationException e) {
          errors.addAll(e.errors());
        }
      }
      Instant at = null;
      String rawStart = text(startsAt, "startsAt", 64, true, errors);
      if (rawStart != null) {
        try {
          at = OffsetDateTime.parse(rawStart, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
          // A time already past is refused by the service, unless the PUT repeats the stored one.
          if (at.isAfter(clock.instant().plus(MAX_AHEAD))) {
            errors.add(new FieldError("startsAt", "must be within two years"));
          }
        } catch (DateTimeParseException e) {
          errors.add(
              new FieldError(
                  "startsAt",
                  "must be a date and time with offset, e.g. 2026-12-01T09:30:00+01:00"));
        }
      }
      String where = text(place, "place", Appointment.MAX_PLACE, true, errors);
      if (where != null) {
        where = where.strip();
        if (where.isEmpty()) {
          errors.add(new FieldError("place", "must not be blank"));
        } else if (where.chars().anyMatch(Character::isISOControl)) {
          errors.add(new FieldError("place", "must not contain control characters"));
        }
      }
      AppointmentKind parsedKind = null;
      String rawKind = text(kind, "kind", 32, true, errors);
      if (rawKind != null) {
        parsedKind = AppointmentKind.fromCode(rawKind).orElse(null);
        if (parsedKind == null) {
          errors.add(new FieldError("kind", "must be medical or municipal"));
        }
      }
      Lang lang = Lang.ES;
      String rawLang = text(language, "language", 8, false, errors);
      if (rawLang != null) {
        lang = "es".equals(rawLang) ? Lang.ES : "en".equals(rawLang) ? Lang.EN : null;
        if (lang == null) {
          errors.add(new FieldError("language", "must be es or en"));
        }
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      return new Appointment(
          id, parsedPhone, at, where, parsedKind, lang, AppointmentStatus.BOOKED);
    }
  }

  /** A citizen's reply relayed by the gateway; validated on construction. */
  record InboundRequest(String messageId, String from, String text) {
    InboundRequest {
      List<FieldError> errors = new ArrayList<>();
      AppointmentRoutes.text(messageId, "messageId", MAX_MESSAGE_ID, true, errors);
      String rawFrom = AppointmentRoutes.text(from, "from", 32, true, errors);
      AppointmentRoutes.text(text, "text", MAX_TEXT, false, errors);
      if (rawFrom != null) {
        try {
          PhoneNumber.parse(rawFrom, "from");
        } catch (ValidationException e) {
          errors.addAll(e.errors());
        }
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
    }

    PhoneNumber phone() {
      return PhoneNumber.parse(from, "from");
    }
  }

  // --- parsing

  private static String externalId(Context ctx) {
    String id = ctx.pathParam("externalId");
    if (!Appointment.validExternalId(id)) {
      throw new ValidationException(
          "externalId", "must be 1..100 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
    }
    return id;
  }

  /** A string field: null when absent (an error if required) or too long. */
  private static String text(
      String s, String field, int max, boolean required, List<FieldError> errors) {
    if (s == null) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (s.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
      return null;
    }
    if (required && s.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    return s;
  }
}
