package org.vecino.server.auth;

import java.util.Objects;
import java.util.Optional;
import org.vecino.server.http.Authenticator;

/**
 * The HTTP layer's {@link Authenticator} over the {@link TokenService}: the token's id and roles.
 * Immutable and thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {
  private final TokenService tokens;

  public TokenAuthenticator(TokenService tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Optional<Principal> authenticate(String bearerToken) {
    return tokens.callerOf(bearerToken).map(c -> new Principal(c.id(), c.roles()));
  }
}
