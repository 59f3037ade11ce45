package org.vecino.server.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.server.http.Bodies;
import org.vecino.server.time.CityTime;

/** Admin endpoints to issue, list and revoke bearer tokens. */
public final class TokenRoutes {
  private final TokenService tokens;
  private final ZoneId zone;
  private final Predicate<String> kioskExists;

  public TokenRoutes(TokenService tokens, ZoneId zone) {
    this(tokens, zone, id -> false);
  }

  /**
   * @param kioskExists whether a kiosk id exists, for tokens bound to a kiosk ({@code kioskId})
   */
  public TokenRoutes(TokenService tokens, ZoneId zone, Predicate<String> kioskExists) {
    this.tokens = tokens;
    this.zone = zone;
    this.kioskExists = kioskExists;
  }

  /** A token to issue: what it is for, its roles, and the kiosk a kiosk token is bound to. */
  record TokenRequest(String name, List<String> roles, String kioskId) {
    TokenRequest {
      if (name == null) {
        throw new ValidationException("name", "is required: what the token is for");
      }
      if (roles == null || roles.isEmpty()) {
        throw new ValidationException(
            "roles", "must be a non-empty array of admin, scheduler, kiosk, staff");
      }
      for (String r : roles) {
        if (r == null || Role.fromCode(r).isEmpty()) {
          throw new ValidationException("roles", "unknown role '" + r + "'");
        }
      }
    }

    Set<Role> roleSet() {
      Set<Role> out = EnumSet.noneOf(Role.class);
      roles.forEach(r -> out.add(Role.fromCode(r).orElseThrow()));
      return out;
    }
  }

  record IssuedDto(String id, String name, Set<String> roles, String token, String kioskId) {}

  record TokenDto(String id, String name, Set<String> roles, String createdAt) {}

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/admin/tokens", this::list, Role.ADMIN);
    routes.post("/api/v1/admin/tokens", this::issue, Role.ADMIN);
    routes.delete("/api/v1/admin/tokens/{tokenId}", this::revoke, Role.ADMIN);
  }

  private static Set<String> codes(Set<Role> roles) {
    return Set.copyOf(roles.stream().map(Role::code).toList());
  }

  private void list(Context ctx) {
    ctx.json(
        tokens.list().stream()
            .map(
                t ->
                    new TokenDto(
                        t.id(), t.name(), codes(t.roles()), CityTime.format(t.createdAt(), zone)))
            .toList());
  }

  private void issue(Context ctx) {
    TokenRequest body = Bodies.read(ctx, TokenRequest.class);
    if (body.kioskId() != null && !kioskExists.test(body.kioskId())) {
      throw new ValidationException("kioskId", "no kiosk has the id '" + body.kioskId() + "'");
    }
    String kioskId = body.kioskId();
    Set<Role> roles = body.roleSet();
    TokenService.Issued issued = tokens.issue(body.name(), roles, kioskId);
    ctx.status(201)
        .json(
            new IssuedDto(
                issued.token().id(),
                issued.token().name(),
                codes(roles),
                issued.secret(),
                kioskId));
  }

  private void revoke(Context ctx) {
    String id = ctx.pathParam("tokenId");
    if (!tokens.revoke(id)) {
      throw new NotFoundException("token", id);
    }
    ctx.status(204);
  }
}
