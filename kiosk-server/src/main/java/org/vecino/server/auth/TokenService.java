package org.vecino.server.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vecino.core.kernel.ValidationException;
import org.vecino.server.crypto.Hashes;

/**
 * Checks bearer tokens and issues new ones. Secrets are kept only as SHA-256 hashes and compared in
 * constant time ({@link MessageDigest#isEqual}) against every known token, so timing reveals
 * nothing. Thread-safe: the in-memory list is a cache of the {@link TokenRepository}, reloaded on
 * every change.
 */
public final class TokenService {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The id of the bootstrap admin token as a caller (issued tokens are {@code tok-...}). */
  public static final String BOOTSTRAP_ID = "admin";

  private record Known(byte[] hash, Set<Role> roles, String kioskId, String id) {}

  /**
   * Who presented a valid token: its id ({@link #BOOTSTRAP_ID} for the bootstrap token) and roles.
   */
  public record Caller(String id, Set<Role> roles) {}

  private final TokenRepository repository;
  private final Clock clock;
  private final byte[] adminHash;
  private final List<Known> issued = new CopyOnWriteArrayList<>();

  /**
   * @param adminToken the bootstrap token holding every role
   */
  public TokenService(String adminToken, TokenRepository repository, Clock clock) {
    this.adminHash = hash(adminToken);
    this.repository = repository;
    this.clock = clock;
    reload();
  }

  private void reload() {
    List<Known> fresh =
        repository.hashes().stream()
            .map(h -> new Known(h.hash(), h.roles(), h.kioskId(), h.tokenId()))
            .toList();
    issued.clear();
    issued.addAll(fresh);
  }

  /** The roles a presented token holds; empty when it is not a valid token. */
  public Optional<Set<Role>> rolesOf(String presented) {
    return callerOf(presented).map(Caller::roles);
  }

  /** Who a presented token is; empty when it is not a valid token. */
  public Optional<Caller> callerOf(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] h = hash(presented);
    Caller found = null;
    // Compare against every token, without early exit, so timing does not depend on the match.
    if (MessageDigest.isEqual(h, adminHash)) {
      found = new Caller(BOOTSTRAP_ID, EnumSet.allOf(Role.class));
    }
    for (Known k : issued) {
      if (MessageDigest.isEqual(h, k.hash()) && found == null) {
        found = new Caller(k.id(), k.roles());
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The kiosk a presented token is bound to; empty for an unknown token, the bootstrap token or a
   * token bound to no kiosk.
   */
  public Optional<String> kioskOf(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] h = hash(presented);
    String found = null;
    for (Known k : issued) {
      if (MessageDigest.isEqual(h, k.hash()) && found == null) {
        found = k.kioskId();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Issues a new token; the returned secret is shown once and never stored. */
  public Issued issue(String name, Set<Role> roles) {
    return issue(name, roles, null);
  }

  /**
   * Issues a new token, bound to a kiosk when {@code kioskId} is not null (then it must hold the
   * kiosk role); the returned secret is shown once and never stored.
   */
  public Issued issue(String name, Set<Role> roles, String kioskId) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new ValidationException("name", "must be 1..100 characters");
    }
    if (roles == null || roles.isEmpty()) {
      throw new ValidationException(
          "roles", "must name at least one of admin, scheduler, kiosk, staff");
    }
    if (kioskId != null && !roles.contains(Role.KIOSK)) {
      throw new ValidationException(
          "kioskId", "only a token with the kiosk role is bound to a kiosk");
    }
    String secret = newSecret();
    String id = "tok-" + HexFormat.of().formatHex(randomBytes(6));
    ApiToken token = new ApiToken(id, name.trim(), roles, clock.instant());
    repository.insert(token, hash(secret), kioskId);
    reload();
    return new Issued(token, secret);
  }

  public List<ApiToken> list() {
    return repository.list();
  }

  /** Revokes a token; false when there is none with that id. */
  public boolean revoke(String id) {
    boolean removed = repository.delete(id);
    reload();
    return removed;
  }

  /** A new random secret: 32 bytes, hex. */
  public static String newSecret() {
    return HexFormat.of().formatHex(randomBytes(32));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static byte[] hash(String secret) {
    return Hashes.sha256(secret);
  }

  /** A just-issued token and its secret. */
  public record Issued(ApiToken token, String secret) {}
}
