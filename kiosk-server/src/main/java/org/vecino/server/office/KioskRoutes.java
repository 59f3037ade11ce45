package org.vecino.server.office;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vecino.core.kernel.ForbiddenException;
import org.vecino.core.office.KioskDevice;
import org.vecino.server.auth.Role;
import org.vecino.server.auth.TokenService;
import org.vecino.server.http.ApiServer;
import org.vecino.server.http.Bodies;
import org.vecino.server.time.CityTime;

/**
 * Kiosk devices: their public description, their heartbeats (a kiosk token bound to that kiosk, or
 * an admin) and the admin list of which are online.
 */
public final class KioskRoutes {
  private final KioskService kiosks;
  private final TokenService tokens;
  private final ZoneId zone;

  public KioskRoutes(KioskService kiosks, TokenService tokens, ZoneId zone) {
    this.kiosks = kiosks;
    this.tokens = tokens;
    this.zone = zone;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/kiosks", this::kiosks);
    routes.get("/api/v1/kiosks/{kioskId}", this::kiosk);
    routes.post("/api/v1/kiosks/{kioskId}/heartbeat", this::heartbeat, Role.KIOSK, Role.ADMIN);
    routes.get("/api/v1/admin/kiosks", this::list, Role.ADMIN);
  }

  /** A heartbeat's optional body: the page's version and the screen it shows. */
  record Heartbeat(String version, String screen) {}

  record Location(double lat, double lon) {}

  record KioskDto(
      String id,
      String name,
      Location location,
      List<String> stops,
      List<String> parking,
      String officeId) {}

  /** Nulls are written: a kiosk never seen has {@code "lastSeenAt": null}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record StatusDto(String id, String name, String lastSeenAt, boolean online, String version) {}

  private static KioskDto dto(KioskDevice k) {
    return new KioskDto(
        k.id(),
        k.name(),
        new Location(k.location().lat(), k.location().lon()),
        k.stops(),
        k.parking(),
        k.officeId());
  }

  /** Every kiosk of the catalog, in catalog order (a kiosk page without an id takes the first). */
  private void kiosks(Context ctx) {
    ctx.json(kiosks.statuses().stream().map(s -> dto(s.kiosk())).toList());
  }

  private void kiosk(Context ctx) {
    ctx.json(dto(kiosks.kiosk(ctx.pathParam("kioskId"))));
  }

  private void heartbeat(Context ctx) {
    String kioskId = ctx.pathParam("kioskId");
    kiosks.kiosk(kioskId);
    String token = ApiServer.bearerToken(ctx);
    Set<Role> roles = tokens.rolesOf(token).orElse(Set.of());
    if (!roles.contains(Role.ADMIN)) {
      Optional<String> bound = tokens.kioskOf(token);
      if (bound.isEmpty() || !bound.get().equals(kioskId)) {
        throw new ForbiddenException("this kiosk token is not bound to " + kioskId);
      }
    }
    Heartbeat body = Bodies.readOrEmpty(ctx, Heartbeat.class);
    kiosks.heartbeat(kioskId, body.version(), body.screen());
    ctx.status(204);
  }

  private void list(Context ctx) {
    ctx.json(
        kiosks.statuses().stream()
            .map(
                s ->
                    new StatusDto(
                        s.kiosk().id(),
                        s.kiosk().name(),
                        CityTime.format(s.lastSeenAt(), zone),
                        s.online(),
                        s.version()))
            .toList());
  }
}
