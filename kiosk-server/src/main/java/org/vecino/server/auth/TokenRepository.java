package org.vecino.server.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vecino.server.db.Database;

/** Issued API tokens in the database, stored as hashes. Thread-safe (the database serialises). */
public final class TokenRepository {
  private static final String INSERT =
      "INSERT INTO api_tokens (token_id, name, roles, token_hash, created_at, kiosk_id)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String LIST =
      "SELECT token_id, name, roles, created_at FROM api_tokens ORDER BY created_at, token_id";
  private static final String HASHES =
      "SELECT token_hash, roles, kiosk_id, token_id FROM api_tokens";
  private static final String DELETE = "DELETE FROM api_tokens WHERE token_id = ?";

  private final Database db;

  public TokenRepository(Database db) {
    this.db = db;
  }

  /** A stored hash, the roles it grants, the kiosk it is bound to (or null) and its token's id. */
  public record StoredHash(byte[] hash, Set<Role> roles, String kioskId, String tokenId) {}

  public void insert(ApiToken token, byte[] hash) {
    insert(token, hash, null);
  }

  /** Stores a token bound to a kiosk ({@code kioskId} null for none). */
  public void insert(ApiToken token, byte[] hash, String kioskId) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, token.id());
            ps.setString(2, token.name());
            ps.setString(3, encode(token.roles()));
            ps.setBytes(4, hash);
            ps.setString(5, token.createdAt().toString());
            ps.setString(6, kioskId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  public List<ApiToken> list() {
    return db.read(
        c -> {
          List<ApiToken> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(LIST);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new ApiToken(
                      rs.getString(1),
                      rs.getString(2),
                      decode(rs.getString(3)),
                      Instant.parse(rs.getString(4))));
            }
          }
          return out;
        });
  }

  public List<StoredHash> hashes() {
    return db.read(
        c -> {
          List<StoredHash> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(HASHES);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new StoredHash(
                      rs.getBytes(1), decode(rs.getString(2)), rs.getString(3), rs.getString(4)));
            }
          }
          return out;
        });
  }

  public boolean delete(String id) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
          }
        });
  }

  private static String encode(Set<Role> roles) {
    return String.join(",", roles.stream().map(Role::code).sorted().toList());
  }

  private static Set<Role> decode(String s) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : s.split(",")) {
      Role.fromCode(part.trim()).ifPresent(roles::add);
    }
    return roles;
  }
}
