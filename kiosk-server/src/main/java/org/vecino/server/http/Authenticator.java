package org.vecino.server.http;

import io.javalin.security.RouteRole;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The port through which {@link ApiServer} learns who presented a bearer token, so that the HTTP
 * layer does not depend on how tokens are kept ({@code auth} implements it). Implementations must
 * be thread-safe.
 */
@FunctionalInterface
public interface Authenticator {

  /** Who presented {@code bearerToken} (null when there was none); empty when it is not valid. */
  Optional<Caller> callerOf(String bearerToken);

  /**
   * A caller with a valid token: its id (see {@link ApiServer#callerId}) and roles. Immutable.
   *
   * @param id the token's id
   * @param roles the roles it holds
   */
  record Caller(String id, Set<RouteRole> roles) {
    public Caller {
      Objects.requireNonNull(id, "id");
      roles = Set.copyOf(roles);
    }
  }
}
