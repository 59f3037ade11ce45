package org.vecino.server.sms;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.sms.SmsAnalyzer;
import org.vecino.core.reminders.sms.SmsCost;
import org.vecino.server.auth.Role;
import org.vecino.server.http.Bodies;

/**
 * {@code POST /api/v1/sms/analyze} (http.md): what a text costs as SMS, for staff writing
 * templates. Roles {@code admin} or {@code scheduler}. Stateless and thread-safe.
 */
public final class SmsRoutes {
  public SmsRoutes() {}

  /** The text to analyze; required. */
  record AnalyzeRequest(String text) {
    AnalyzeRequest {
      if (text == null) {
        throw new ValidationException("text", "is required");
      }
    }
  }

  record CostDto(String encoding, int segments, int characters) {}

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/sms/analyze", this::analyze, Role.ADMIN, Role.SCHEDULER);
  }

  private void analyze(Context ctx) {
    AnalyzeRequest body = Bodies.read(ctx, AnalyzeRequest.class);
    SmsCost cost = SmsAnalyzer.analyze(body.text());
    ctx.json(new CostDto(cost.encoding().wireName(), cost.segments(), cost.characters()));
  }
}
