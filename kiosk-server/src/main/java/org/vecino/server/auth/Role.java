package org.vecino.server.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/** What a bearer token allows. The bootstrap admin token holds every role. */
public enum Role implements RouteRole {
  /** Operators: rejections, tokens, everything. */
  ADMIN,
  /** The scheduling systems that book appointments. */
  SCHEDULER,
  /** A kiosk device; its token is bound to one kiosk. */
  KIOSK,
  /** Back-office staff of the Neighbor's Office: they update citizen service requests. */
  STAFF;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromCode(String code) {
    for (Role r : values()) {
      if (r.code().equals(code)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
