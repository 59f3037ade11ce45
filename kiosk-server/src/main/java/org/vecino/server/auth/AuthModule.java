package org.vecino.server.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.security.RouteRole;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.vecino.server.config.Settings;
import org.vecino.server.db.Database;
import org.vecino.server.http.Authenticator;

/**
 * Bearer tokens wired: the bootstrap admin token (from the settings, or else the admin token file,
 * made and printed once at the first start), the {@link TokenService}, the port {@code http} checks
 * roles through, and the token routes. Nothing runs in the background. Built once by {@code
 * Vecino}; thread-safe.
 */
public final class AuthModule {
  private final String adminToken;
  private final TokenService tokens;
  private final Settings settings;

  private AuthModule(String adminToken, TokenService tokens, Settings settings) {
    this.adminToken = adminToken;
    this.tokens = tokens;
    this.settings = settings;
  }

  /** Reads (or makes) the admin token and loads the issued tokens. */
  public static AuthModule create(Settings settings, Database db, Clock clock) {
    String token = settings.adminToken();
    if (token == null) {
      AdminTokenFile.Result r = AdminTokenFile.loadOrCreate(settings.db());
      token = r.token();
      if (r.created()) {
        // Shown once, at the first start; afterwards it is only in the file (mode 600).
        System.out.println("Vecino admin token (saved in " + r.file() + "): " + token);
      }
    }
    return new AuthModule(token, new TokenService(token, new TokenRepository(db), clock), settings);
  }

  /** The bootstrap admin token in force. */
  public String adminToken() {
    return adminToken;
  }

  /** The token service, for the parts whose routes check tokens themselves. */
  public TokenService tokens() {
    return tokens;
  }

  /** Who presented a bearer token, for the HTTP server's role checks. */
  public Authenticator authenticator() {
    return presented ->
        tokens
            .callerOf(presented)
            .map(c -> new Authenticator.Caller(c.id(), Set.<RouteRole>copyOf(c.roles())));
  }

  /**
   * The admin token routes ({@code /api/v1/admin/tokens}).
   *
   * @param kioskExists whether a kiosk id exists, for tokens bound to a kiosk (the office's catalog
   *     knows; it is built after the tokens)
   */
  public Consumer<RoutesConfig> routes(Predicate<String> kioskExists) {
    return new TokenRoutes(tokens, settings.timezone(), kioskExists)::register;
  }
}
