package org.vecino.server.ingest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import org.vecino.server.auth.Role;
import org.vecino.server.http.Params;
import org.vecino.server.time.CityTime;

/** {@code GET /api/v1/admin/mqtt/rejections}: the most recent rejected MQTT messages. */
public final class RejectionRoutes {
  private final RejectionLog rejections;
  private final ZoneId zone;

  public RejectionRoutes(RejectionLog rejections, ZoneId zone) {
    this.rejections = rejections;
    this.zone = zone;
  }

  record RejectionDto(
      String topic, String reason, String detail, String receivedAt, String payload) {}

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/admin/mqtt/rejections", this::list, Role.ADMIN);
  }

  private void list(Context ctx) {
    Params p = new Params(ctx);
    int limit = p.intParam("limit", 100, 1, 100_000);
    p.check();
    List<RejectionDto> out =
        rejections.recent(limit).stream()
            .map(
                r ->
                    new RejectionDto(
                        r.topic(),
                        r.reason().code(),
                        r.detail(),
                        CityTime.format(r.receivedAt(), zone),
                        r.payload()))
            .toList();
    ctx.json(out);
  }
}
