package org.vecino.server.sms.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.PhoneMask;
import org.vecino.core.kernel.ValidationException;
import org.vecino.server.auth.Role;
import org.vecino.server.http.HttpProblemException;
import org.vecino.server.http.Params;
import org.vecino.server.http.Problem;
import org.vecino.server.sms.Signatures;

/**
 * {@code POST /api/v1/sms/receipts} (http.md: the gateway's delivery receipts, signed with {@code
 * VECINO_SMS_GATEWAY_SECRET}) and {@code GET /api/v1/admin/sms/outbox} (role admin: the most recent
 * messages, newest first, phone masked, text shown, except a secret's (a one-time code) when a real
 * gateway sends: there the view is no way to read codes). Handlers are thin; thread-safe.
 */
public final class SmsOutboxRoutes {
  private static final String BODY_SHAPE =
      "must be a JSON object {\"messageId\", \"id\", \"status\", \"timestamp\"}";
  private static final Set<String> RECEIPT_STATUSES = Set.of("delivered", "failed", "expired");

  private final SqlSmsOutbox outbox;
  private final Signatures signatures;
  private final ObjectMapper mapper;
  private final ZoneId zone;
  private final Clock clock;
  private final boolean showSecrets;

  /**
   * @param signaturesOrNull the gateway's signatures, or null when no secret is configured (the
   *     receipts endpoint then answers 503)
   * @param showSecrets whether the view shows the text of secret messages while the outbox holds
   *     it: only when no real gateway is configured (the view is then how a demo reads its codes)
   */
  public SmsOutboxRoutes(
      SqlSmsOutbox outbox,
      Signatures signaturesOrNull,
      ObjectMapper mapper,
      ZoneId zone,
      Clock clock,
      boolean showSecrets) {
    this.showSecrets = showSecrets;
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.signatures = signaturesOrNull;
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  record ReceiptAnswer(String result) {}

  record OutboxDto(
      String id,
      String to,
      String text,
      String encoding,
      int segments,
      String purpose,
      String refId,
      String status,
      int attempts,
      String dueAt,
      String notAfter,
      String nextAttemptAt,
      String createdAt,
      String sentAt,
      String updatedAt,
      String gatewayMessageId,
      String lastError) {}

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/sms/receipts", this::receipt);
    routes.get("/api/v1/admin/sms/outbox", this::list, Role.ADMIN);
  }

  private void receipt(Context ctx) {
    if (signatures == null) {
      throw new HttpProblemException(
          Problem.of(
              "sms-gateway-not-configured",
              "Service unavailable",
              503,
              "receipts are not accepted: VECINO_SMS_GATEWAY_SECRET is not set"));
    }
    byte[] body = ctx.bodyAsBytes();
    if (!signatures.verify(
        ctx.header(Signatures.TIMESTAMP_HEADER),
        ctx.header(Signatures.SIGNATURE_HEADER),
        body,
        clock.instant())) {
      throw HttpProblemException.unauthorized(
          "a valid X-Vecino-Signature with a current X-Vecino-Timestamp is required");
    }
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (Exception e) {
      throw new ValidationException("body", BODY_SHAPE);
    }
    if (json == null || !json.isObject()) {
      throw new ValidationException("body", BODY_SHAPE);
    }
    List<FieldError> errors = new ArrayList<>();
    String messageId = text(json, "messageId", 200, errors);
    String id = text(json, "id", 100, errors);
    String status = text(json, "status", 20, errors);
    if (status != null && !RECEIPT_STATUSES.contains(status)) {
      errors.add(new FieldError("status", "must be delivered, failed or expired"));
    }
    String timestamp = text(json, "timestamp", 40, errors);
    if (timestamp != null) {
      try {
        OffsetDateTime.parse(timestamp);
      } catch (DateTimeException e) {
        errors.add(new FieldError("timestamp", "must be an ISO-8601 date-time with an offset"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    SqlSmsOutbox.ReceiptResult result = outbox.applyReceipt(messageId, id, status);
    ctx.json(new ReceiptAnswer(code(result)));
  }

  private static String code(SqlSmsOutbox.ReceiptResult r) {
    return switch (r) {
      case APPLIED -> "applied";
      case NOT_APPLICABLE -> "notApplicable";
      case UNKNOWN_MESSAGE -> "unknownMessage";
      case DUPLICATE -> "duplicate";
    };
  }

  private static String text(JsonNode json, String field, int max, List<FieldError> errors) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
      errors.add(new FieldError(field, "must be a string of 1.." + max + " characters"));
      return null;
    }
    return v.asText();
  }

  private void list(Context ctx) {
    Params p = new Params(ctx);
    int limit = p.intParam("limit", 100, 1, 1000);
    String rawStatus = ctx.queryParam("status");
    SmsStatus status = null;
    if (rawStatus != null) {
      try {
        status = SmsStatus.fromCode(rawStatus.trim());
      } catch (IllegalArgumentException e) {
        p.addError("status", "must be scheduled, sent, delivered, failed, skipped or cancelled");
      }
    }
    p.check();
    ctx.json(outbox.recent(status, limit).stream().map(this::dto).toList());
  }

  private OutboxDto dto(OutboxEntry e) {
    return new OutboxDto(
        e.id(),
        PhoneMask.mask(e.phone()),
        e.secret() && !showSecrets && e.text() != null ? SqlSmsOutbox.ERASED_SECRET : e.text(),
        e.encoding(),
        e.segments(),
        e.purpose(),
        e.refId(),
        e.status().code(),
        e.attempts(),
        time(e.dueAt()),
        time(e.notAfter()),
        e.status().pending() ? time(e.nextAttemptAt()) : null,
        time(e.createdAt()),
        time(e.sentAt()),
        time(e.updatedAt()),
        e.gatewayMessageId(),
        e.lastError());
  }

  private String time(Instant t) {
    return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone));
  }
}
