package org.vecino.server.sms.outbox;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.PhoneMask;
import org.vecino.core.kernel.UnauthorizedException;
import org.vecino.core.kernel.UnavailableException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.server.auth.Role;
import org.vecino.server.http.Bodies;
import org.vecino.server.http.Params;
import org.vecino.server.sms.Signatures;
import org.vecino.server.time.CityTime;

/**
 * {@code POST /api/v1/sms/receipts} (http.md: the gateway's delivery receipts, signed with {@code
 * VECINO_SMS_GATEWAY_SECRET}) and {@code GET /api/v1/admin/sms/outbox} (role admin: the most recent
 * messages, newest first, phone masked, text shown, except a secret's (a one-time code) when a real
 * gateway sends: there the view is no way to read codes). Handlers are thin; thread-safe.
 */
public final class SmsOutboxRoutes {
  private static final Set<String> RECEIPT_STATUSES = Set.of("delivered", "failed", "expired");

  private final SqlSmsOutbox outbox;
  private final Signatures signatures;
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
      ZoneId zone,
      Clock clock,
      boolean showSecrets) {
    this.showSecrets = showSecrets;
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.signatures = signaturesOrNull;
    this.zone = Objects.requireNonNull(zone, "zone");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A gateway's delivery receipt; validated on construction. */
  record Receipt(String messageId, String id, String status, String timestamp) {
    Receipt {
      List<FieldError> errors = new ArrayList<>();
      text(messageId, "messageId", 200, errors);
      text(id, "id", 100, errors);
      text(status, "status", 20, errors);
      if (status != null && !status.isBlank() && !RECEIPT_STATUSES.contains(status)) {
        errors.add(new FieldError("status", "must be delivered, failed or expired"));
      }
      text(timestamp, "timestamp", 40, errors);
      if (timestamp != null && !timestamp.isBlank() && timestamp.length() <= 40) {
        try {
          OffsetDateTime.parse(timestamp);
        } catch (DateTimeException e) {
          errors.add(new FieldError("timestamp", "must be an ISO-8601 date-time with an offset"));
        }
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
    }
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
      throw new UnavailableException(
          "sms-gateway-not-configured",
          "receipts are not accepted: VECINO_SMS_GATEWAY_SECRET is not set");
    }
    byte[] body = ctx.bodyAsBytes();
    if (!signatures.verify(
        ctx.header(Signatures.TIMESTAMP_HEADER),
        ctx.header(Signatures.SIGNATURE_HEADER),
        body,
        clock.instant())) {
      throw new UnauthorizedException(
          "a valid X-Vecino-Signature with a current X-Vecino-Timestamp is required");
    }
    Receipt receipt = Bodies.read(body, Receipt.class);
    SqlSmsOutbox.ReceiptResult result =
        outbox.applyReceipt(receipt.messageId(), receipt.id(), receipt.status());
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

  /** A value required as a string of 1..max characters. */
  private static void text(String v, String field, int max, List<FieldError> errors) {
    if (v == null) {
      errors.add(new FieldError(field, "is required"));
    } else if (v.isBlank() || v.length() > max) {
      errors.add(new FieldError(field, "must be a string of 1.." + max + " characters"));
    }
  }

  private void list(Context ctx) {
    Params p = new Params(ctx);
    int limit = p.intParam("limit", 100, 1, 1000);
    String rawStatus = p.rawParam("status");
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
    return CityTime.format(t, zone);
  }
}
