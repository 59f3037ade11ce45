package org.vecino.server.office;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.KioskDevice;
import org.vecino.server.auth.Role;
import org.vecino.server.auth.TokenService;
import org.vecino.server.http.HttpProblemException;

/**
 * Kiosk devices: their public description, their heartbeats (a kiosk token bound to that kiosk, or
 * an admin) and the admin list of which are online.
 */
public final class KioskRoutes {
  private final KioskService kiosks;
  private final TokenService tokens;
  private final ObjectMapper mapper;
  private final ZoneId zone;

  public KioskRoutes(KioskService kiosks, TokenService tokens, ObjectMapper mapper, ZoneId zone) {
    this.kiosks = kiosks;
    this.tokens = tokens;
    this.mapper = mapper;
    this.zone = zone;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/kiosks", this::kiosks);
    routes.get("/api/v1/kiosks/{kioskId}", this::kiosk);
    routes.post("/api/v1/kiosks/{kioskId}/heartbeat", this::heartbeat, Role.KIOSK, Role.ADMIN);
    routes.get("/api/v1/admin/kiosks", this::list, Role.ADMIN);
  }

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
    String header = ctx.header("Authorization");
    String token = header == null || header.length() < 7 ? null : header.substring(7).trim();
    Set<Role> roles = tokens.rolesOf(token).orElse(Set.of());
    if (!roles.contains(Role.ADMIN)) {
      Optional<String> bound = tokens.kioskOf(token);
      if (bound.isEmpty() || !bound.get().equals(kioskId)) {
        throw HttpProblemException.forbidden("this kiosk token is not bound to " + kioskId);
      }
    }
    String version = null;
    String screen = null;
    if (!ctx.body().isBlank()) {
      JsonNode body;
      try {
        body = mapper.readTree(ctx.body());
      } catch (Exception e) {
        throw new ValidationException("body", "must be a JSON object {\"version\", \"screen\"}");
      }
      if (body == null || !body.isObject()) {
        throw new ValidationException("body", "must be a JSON object {\"version\", \"screen\"}");
      }
      version = textOrNull(body, "version");
      screen = textOrNull(body, "screen");
    }
    kiosks.heartbeat(kioskId, version, screen);
    ctx.status(204);
  }

  private static String textOrNull(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new ValidationException(field, "must be a text");
    }
    return n.asText();
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
