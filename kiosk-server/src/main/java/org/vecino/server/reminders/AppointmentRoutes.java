package org.vecino.server.reminders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.Appointment;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.server.auth.Role;
import org.vecino.server.http.ApiServer;
import org.vecino.server.http.HttpProblemException;
import org.vecino.server.http.Problem;
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
  private final ObjectMapper mapper;
  private final Clock clock;

  /**
   * @param gatewaySignatures the gateway's signatures ({@code VECINO_SMS_GATEWAY_SECRET}), or null
   *     when no secret is set: then inbound calls are refused with 503
   */
  public AppointmentRoutes(
      ReminderService service, Signatures gatewaySignatures, ObjectMapper mapper, Clock clock) {
    this.service = service;
    this.gatewaySignatures = gatewaySignatures;
    this.mapper = mapper;
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
    Appointment a = parseAppointment(id, body(ctx));
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
      throw new HttpProblemException(
          Problem.of(
              "not-configured",
              "Service unavailable",
              503,
              "VECINO_SMS_GATEWAY_SECRET is not set, so the gateway's calls cannot be checked"));
    }
    byte[] raw = ctx.bodyAsBytes();
    if (!gatewaySignatures.verify(
        ctx.header(Signatures.TIMESTAMP_HEADER),
        ctx.header(Signatures.SIGNATURE_HEADER),
        raw,
        clock.instant())) {
      throw HttpProblemException.unauthorized(
          "missing or wrong X-Vecino-Signature, or X-Vecino-Timestamp more than 5 minutes off");
    }
    JsonNode body = body(ctx);
    List<FieldError> errors = new ArrayList<>();
    String messageId = text(body, "messageId", MAX_MESSAGE_ID, true, errors);
    String from = text(body, "from", 32, true, errors);
    String text = text(body, "text", MAX_TEXT, false, errors);
    PhoneNumber phone = null;
    if (from != null) {
      try {
        phone = PhoneNumber.parse(from, "from");
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    InboundOutcome outcome = service.inbound(messageId, phone, text == null ? "" : text);
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

  // --- parsing

  private static String externalId(Context ctx) {
    String id = ctx.pathParam("externalId");
    if (!Appointment.validExternalId(id)) {
      throw new ValidationException(
          "externalId", "must be 1..100 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
    }
    return id;
  }

  private JsonNode body(Context ctx) {
    JsonNode body;
    try {
      body = mapper.readTree(ctx.bodyAsBytes());
    } catch (Exception e) {
      throw new ValidationException("body", "must be a JSON object");
    }
    if (body == null || !body.isObject()) {
      throw new ValidationException("body", "must be a JSON object");
    }
    return body;
  }

  private Appointment parseAppointment(String id, JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    PhoneNumber phone = null;
    String rawPhone = text(body, "phone", 32, true, errors);
    if (rawPhone != null) {
      try {
        phone = PhoneNumber.parse(rawPhone, "phone");
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
    }
    Instant startsAt = null;
    String rawStart = text(body, "startsAt", 64, true, errors);
    if (rawStart != null) {
      try {
        startsAt =
            OffsetDateTime.parse(rawStart, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        Instant now = clock.instant();
        // A time already past is refused by the service, unless the PUT repeats the stored one.
        if (startsAt.isAfter(now.plus(MAX_AHEAD))) {
          errors.add(new FieldError("startsAt", "must be within two years"));
        }
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError(
                "startsAt", "must be a date and time with offset, e.g. 2026-12-01T09:30:00+01:00"));
      }
    }
    String place = text(body, "place", Appointment.MAX_PLACE, true, errors);
    if (place != null) {
      place = place.strip();
      if (place.isEmpty()) {
        errors.add(new FieldError("place", "must not be blank"));
      } else if (place.chars().anyMatch(Character::isISOControl)) {
        errors.add(new FieldError("place", "must not contain control characters"));
      }
    }
    AppointmentKind kind = null;
    String rawKind = text(body, "kind", 32, true, errors);
    if (rawKind != null) {
      kind = AppointmentKind.fromCode(rawKind).orElse(null);
      if (kind == null) {
        errors.add(new FieldError("kind", "must be medical or municipal"));
      }
    }
    Lang lang = Lang.ES;
    String rawLang = text(body, "language", 8, false, errors);
    if (rawLang != null) {
      lang = "es".equals(rawLang) ? Lang.ES : "en".equals(rawLang) ? Lang.EN : null;
      if (lang == null) {
        errors.add(new FieldError("language", "must be es or en"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new Appointment(id, phone, startsAt, place, kind, lang, AppointmentStatus.BOOKED);
  }

  /** A string field: null when absent (an error if required), wrong type or too long. */
  private static String text(
      JsonNode body, String field, int max, boolean required, List<FieldError> errors) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (!n.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    String s = n.asText();
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
