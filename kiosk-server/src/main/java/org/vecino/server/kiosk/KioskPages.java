package org.vecino.server.kiosk;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.server.crypto.Hashes;
import org.vecino.server.http.ETags;

/**
 * The kiosk's pages: the touch kiosk at {@code /}, the full-screen arrival board at {@code
 * /sign/{stopId}} and their static files under {@code /kiosk/}: plain HTML, CSS and JavaScript (the
 * kiosk as ES modules under {@code /kiosk/js/}, loaded by the browser itself, no build step) read
 * once from the class path ({@code resources/kiosk/}), served with a strict Content-Security-Policy
 * (nothing but this server), a strong ETag and {@code Cache-Control: no-cache}, so a kiosk on a
 * slow link revalidates with a tiny 304. Only the files listed here are served: a request's folder
 * and name are looked up as a whole in that list, never resolved on a file system, so {@code ..}
 * finds nothing. Immutable and thread-safe.
 */
public final class KioskPages {
  /**
   * Only this server: no inline script or style, no other origin, no framing. {@code script-src}
   * falls back to {@code default-src 'self'}, which allows the same-origin module scripts.
   */
  static final String CSP =
      "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'; object-src 'none'";

  /** Every file served, relative to {@code resources/kiosk/}; a module added must be listed. */
  static final List<String> FILES =
      List.of(
          "index.html",
          "kiosk.css",
          "js/main.js",
          "js/config.js",
          "js/state.js",
          "js/i18n.js",
          "js/dom.js",
          "js/dates.js",
          "js/api.js",
          "js/widgets.js",
          "js/chrome.js",
          "js/speech.js",
          "js/router.js",
          "js/kiosk-info.js",
          "js/otp.js",
          "js/idle.js",
          "js/heartbeat.js",
          "js/screens/home.js",
          "js/screens/board.js",
          "js/screens/buses.js",
          "js/screens/parking.js",
          "js/screens/appointments.js",
          "js/screens/procedures.js",
          "js/screens/book.js",
          "js/screens/report.js",
          "js/screens/alerts.js",
          "sign.html",
          "sign.css",
          "sign.js");

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
    // One route per folder (/kiosk/{file}, /kiosk/js/{file}, /kiosk/js/screens/{file}): a path
    // parameter never holds a slash, and the name is then looked up in the list as a whole.
    for (String folder : folders()) {
      routes.get("/kiosk/" + folder + "{file}", ctx -> file(ctx, folder));
    }
  }

  /** The folders of the listed files, "" first, each ending in "/" when not "". */
  static Set<String> folders() {
    Set<String> folders = new LinkedHashSet<>();
    folders.add("");
    for (String f : FILES) {
      int slash = f.lastIndexOf('/');
      if (slash >= 0) {
        folders.add(f.substring(0, slash + 1));
      }
    }
    return folders;
  }

  private void file(Context ctx, String folder) {
    String name = folder + ctx.pathParam("file");
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
    return "\"" + HexFormat.of().formatHex(Hashes.sha256(body), 0, 12) + "\"";
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
