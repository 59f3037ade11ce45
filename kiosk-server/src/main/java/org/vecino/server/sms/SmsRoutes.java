package org.vecino.server.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.sms.SmsAnalyzer;
import org.vecino.core.reminders.sms.SmsCost;
import org.vecino.server.auth.Role;

/**
 * {@code POST /api/v1/sms/analyze} (http.md): what a text costs as SMS, for staff writing
 * templates. Roles {@code admin} or {@code scheduler}. Stateless and thread-safe.
 */
public final class SmsRoutes {
  private static final String BODY_SHAPE = "must be a JSON object {\"text\": \"...\"}";
  private final ObjectMapper mapper;

  public SmsRoutes(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  record CostDto(String encoding, int segments, int characters) {}

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/sms/analyze", this::analyze, Role.ADMIN, Role.SCHEDULER);
  }

  private void analyze(Context ctx) {
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw new ValidationException("body", BODY_SHAPE);
    }
    if (body == null || !body.isObject()) {
      throw new ValidationException("body", BODY_SHAPE);
    }
    JsonNode text = body.get("text");
    if (text == null || text.isNull()) {
      throw new ValidationException("text", "is required");
    }
    if (!text.isTextual()) {
      throw new ValidationException("text", "must be a string");
    }
    SmsCost cost = SmsAnalyzer.analyze(text.asText());
    ctx.json(new CostDto(cost.encoding().wireName(), cost.segments(), cost.characters()));
  }
}
