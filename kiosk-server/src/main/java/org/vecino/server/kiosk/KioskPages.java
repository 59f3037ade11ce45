package org.vecino.server.kiosk;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.server.http.ETags;

/**
 * The kiosk's pages: the touch kiosk at {@code /}, the full-screen arrival board at {@code
 * /sign/{stopId}} and their few static files under {@code /kiosk/}. Plain HTML, CSS and JavaScript
 * read once from the class path ({@code resources/kiosk/}), served with a strict
 * Content-Security-Policy (nothing but this server), a strong ETag and {@code Cache-Control:
 * no-cache}, so a kiosk on a slow link revalidates with a tiny 304. Immutable and thread-safe.
 */
public final class KioskPages {
  /** Only this server: no inline script or style, no other origin, no framing. */
  static final String CSP =
      "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'; object-src 'none'";

  private static final List<String> FILES =
      List.of("index.html", "kiosk.css", "kiosk.js", "sign.html", "sign.css", "sign.js");

  /** A file held in memory with its media type and strong ETag. */
  record Asset(byte[] body, String contentType, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  public KioskPages() {
    for (String f : FILES) {
      byte[] body = read("kiosk/" + f);
      assets.put(f, new Asset(body, contentType(f), etag(body)));
    }
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> send(ctx, assets.get("index.html")));
    routes.get("/sign/{stopId}", ctx -> send(ctx, assets.get("sign.html")));
    routes.get("/kiosk/{file}", this::file);
  }

  private void file(Context ctx) {
    String name = ctx.pathParam("file");
    Asset a = assets.get(name);
    if (a == null || name.endsWith(".html")) {
      throw new NotFoundException("kiosk file", name);
    }
    send(ctx, a);
  }

  private static void send(Context ctx, Asset a) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", a.etag());
    String inm = ctx.header("If-None-Match");
    if (inm != null && ETags.matches(inm, a.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(a.contentType()).result(a.body());
  }

  private static String contentType(String file) {
    if (file.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (file.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }

  private static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(String name) {
    try (InputStream in = KioskPages.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
