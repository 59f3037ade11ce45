package org.vecino.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.ValidationException;

/** Admin endpoints to issue, list and revoke bearer tokens. */
public final class TokenRoutes {
  private final TokenService tokens;
  private final ObjectMapper mapper;

  private final Predicate<String> kioskExists;

  public TokenRoutes(TokenService tokens, ObjectMapper mapper) {
    this(tokens, mapper, id -> false);
  }

  /**
   * @param kioskExists whether a kiosk id exists, for tokens bound to a kiosk ({@code kioskId})
   */
  public TokenRoutes(TokenService tokens, ObjectMapper mapper, Predicate<String> kioskExists) {
    this.tokens = tokens;
    this.mapper = mapper;
    this.kioskExists = kioskExists;
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
            .map(t -> new TokenDto(t.id(), t.name(), codes(t.roles()), t.createdAt().toString()))
            .toList());
  }

  private void issue(Context ctx) {
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw new ValidationException(
          "body", "must be a JSON object {\"name\": ..., \"roles\": [...]}");
    }
    if (body == null || !body.isObject()) {
      throw new ValidationException(
          "body", "must be a JSON object {\"name\": ..., \"roles\": [...]}");
    }
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual()) {
      throw new ValidationException("name", "is required: what the token is for");
    }
    JsonNode rolesNode = body.get("roles");
    if (rolesNode == null || !rolesNode.isArray() || rolesNode.isEmpty()) {
      throw new ValidationException(
          "roles", "must be a non-empty array of admin, scheduler, kiosk, staff");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (JsonNode r : rolesNode) {
      Role role =
          Role.fromCode(r.asText())
              .orElseThrow(
                  () -> new ValidationException("roles", "unknown role '" + r.asText() + "'"));
      roles.add(role);
    }
    String kioskId = null;
    JsonNode kiosk = body.get("kioskId");
    if (kiosk != null && !kiosk.isNull()) {
      if (!kiosk.isTextual() || !kioskExists.test(kiosk.asText())) {
        throw new ValidationException("kioskId", "no kiosk has the id '" + kiosk.asText() + "'");
      }
      kioskId = kiosk.asText();
    }
    TokenService.Issued issued = tokens.issue(name.asText(), roles, kioskId);
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
