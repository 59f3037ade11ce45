package org.vecino.server.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An issued bearer token as stored: never the secret, only its hash. Immutable.
 *
 * @param id public identifier, to list and revoke it
 * @param name what it is for (e.g. "health system scheduler")
 * @param roles what it allows
 * @param createdAt when it was issued
 */
public record ApiToken(String id, String name, Set<Role> roles, Instant createdAt) {
  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
