package org.vecino.server.http;

import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;

/**
 * How the HTTP layer learns who holds a bearer token, without knowing where tokens live (the {@code
 * auth} package implements it). Implementations are thread-safe.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * The holder of {@code bearerToken}, or empty when it is missing, unknown, revoked or expired.
   */
  Optional<Principal> authenticate(String bearerToken);

  /**
   * Who made a request: an id for audit and ownership, and the roles that open routes. Immutable.
   *
   * @param id the token's id ({@code admin} for the bootstrap token)
   * @param roles the roles it holds
   */
  record Principal(String id, Set<? extends RouteRole> roles) {
    public Principal {
      roles = Set.copyOf(roles);
    }
  }
}
