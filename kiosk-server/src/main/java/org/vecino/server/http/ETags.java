package org.vecino.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * Weak ETags for live data and the {@code If-None-Match} check. A 64-bit FNV-1a hash of what a
 * client would show: cheap enough for every poll, and a collision only delays one refresh.
 * Stateless.
 */
public final class ETags {
  private ETags() {}

  /** A weak ETag ({@code W/"..."}) of the given bytes. */
  public static String weak(byte[] content) {
    long h = 0xcbf29ce484222325L;
    for (byte b : content) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return "W/\"" + Long.toHexString(h) + "\"";
  }

  public static String weak(String content) {
    return weak(content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sets the live-data headers ({@code ETag}, {@code Cache-Control: no-cache}, {@code Vary:
   * Accept-Language}) and answers 304 with no body when the client's {@code If-None-Match} holds
   * the same tag. Returns true when the 304 was sent.
   */
  public static boolean notModified(Context ctx, String etag) {
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", "no-cache");
    ctx.header("Vary", "Accept-Language");
    String inm = ctx.header("If-None-Match");
    if (inm != null && matches(inm, etag)) {
      ctx.status(304);
      return true;
    }
    return false;
  }

  /**
   * Whether an {@code If-None-Match} header matches a tag (weak comparison, lists and {@code *}):
   * the one matcher of every conditional GET.
   */
  public static boolean matches(String ifNoneMatch, String etag) {
    String opaque = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || opaque(c).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
