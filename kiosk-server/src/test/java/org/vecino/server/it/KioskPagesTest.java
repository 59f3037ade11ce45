package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt;
import org.vecino.server.testing.TestServer;

/**
 * The kiosk's pages over plain HTTP (policy headers, ETags, nothing from outside, small, every file
 * of {@code resources/kiosk/} served and every module import found, nothing else) and the service
 * alerts endpoint the kiosk reads, against the real server and a real Mosquitto.
 */
class KioskPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCES = Path.of("src", "main", "resources", "kiosk");

  /** The two pages and every other file under {@code resources/kiosk/}, as URL paths. */
  private static final List<String> FILES = files();

  private static List<String> files() {
    List<String> paths = new ArrayList<>(List.of("/", "/sign/13"));
    try (Stream<Path> all = Files.walk(SOURCES)) {
      all.filter(Files::isRegularFile)
          .map(f -> SOURCES.relativize(f).toString().replace('\\', '/'))
          .filter(f -> !f.endsWith(".html"))
          .sorted()
          .forEach(f -> paths.add("/kiosk/" + f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(paths);
  }

  @TempDir static Path dir;
  private static MosquittoBroker broker;
  private static TestServer server;

  @BeforeAll
  static void start() {
    broker = MosquittoBroker.create().start();
    server = TestServer.start(dir, broker.url());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> server.get("/health").body().contains("\"connected\":true"));
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void everyPageIsServedWithAStrictPolicyAndAnETagThatAnswers304() {
    for (String path : FILES) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self';"))
          .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("unsafe"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
      String etag = r.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> again = server.get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(server.get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }
    assertThat(server.get("/").headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(server.get("/kiosk/kiosk.css").headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/css"));
  }

  @Test
  void theKioskIsEsModulesInSubfoldersServedAsJavaScriptWithTheirOwnStrongETags() {
    assertThat(FILES)
        .contains("/kiosk/js/main.js", "/kiosk/js/i18n.js", "/kiosk/js/screens/home.js")
        .doesNotContain("/kiosk/kiosk.js");
    assertThat(server.get("/").body())
        .contains("<script type=\"module\" src=\"/kiosk/js/main.js\"></script>");
    List<String> etags = new ArrayList<>();
    for (String path : FILES) {
      if (!path.endsWith(".js")) {
        continue;
      }
      HttpResponse<String> r = server.get(path);
      // A module script with another media type is refused by the browser (nosniff, too).
      assertThat(r.headers().firstValue("Content-Type"))
          .as(path)
          .hasValue("text/javascript; charset=utf-8");
      String etag = r.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).as(path).matches("\"[0-9a-f]{24}\"");
      etags.add(etag);
    }
    assertThat(etags).as("one ETag per file").doesNotHaveDuplicates();
  }

  private static final Pattern IMPORT =
      Pattern.compile("^import \\{[^}]*\\} from '([^']+)';$", Pattern.MULTILINE);

  @Test
  void everyModuleImportIsARelativePathTheServerServes() {
    int imports = 0;
    for (String path : FILES) {
      if (!path.endsWith(".js") || path.equals("/kiosk/sign.js")) {
        continue;
      }
      String body = server.get(path).body();
      assertThat(body).as(path).doesNotContain("innerHTML").doesNotContain("import(");
      Matcher m = IMPORT.matcher(body);
      while (m.find()) {
        String spec = m.group(1);
        assertThat(spec).as("import in %s", path).matches("\\.\\.?/[a-z0-9/.-]+\\.js");
        String target =
            java.net.URI.create("http://kiosk" + path).resolve(spec).getPath(); // as a browser
        assertThat(server.get(target).statusCode())
            .as("%s imports %s", path, target)
            .isEqualTo(200);
        imports++;
      }
    }
    assertThat(imports).isGreaterThan(20);
  }

  @Test
  void unknownFilesAreProblemsNotPages() throws Exception {
    for (String path :
        List.of(
            "/kiosk/nope.js",
            "/kiosk/index.html",
            "/kiosk/kiosk.js",
            "/kiosk/..%2Fopenapi.json",
            "/kiosk/js/nope.js",
            "/kiosk/js/screens/nope.js",
            "/kiosk/js/",
            "/kiosk/js/screens",
            "/kiosk/JS/main.js",
            "/kiosk/js/..%2Fkiosk.css",
            "/kiosk/js/screens/..%2F..%2Findex.html",
            "/kiosk/js/screens/..%2F..%2F..%2F..%2Fpom.xml")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(json(r).get("status").asInt()).isEqualTo(404);
    }
  }

  @Test
  void pathTraversalNeverReachesAFile() {
    // Dot segments, plain or encoded: the server refuses them or finds no such listed file.
    for (String path :
        List.of(
            "/kiosk/js/../../pom.xml",
            "/kiosk/js/%2e%2e/%2e%2e/pom.xml",
            "/kiosk/js/screens/%2e%2e%2f%2e%2e%2fapi.js",
            "/kiosk/%2e%2e/%2e%2e/kiosk-server/pom.xml",
            "/kiosk/js/..%5c..%5cpom.xml",
            "/kiosk/js/./main.js/..",
            "/kiosk/%2e%2e%2f%2e%2e%2fetc%2fpasswd")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isIn(400, 404);
      assertThat(r.body()).as(path).doesNotContain("<project").doesNotContain("root:");
    }
  }

  @Test
  void thePagesAreSmallAndLoadNothingFromOutsideTheServer() {
    int total = 0;
    for (String path : FILES) {
      String body = server.get(path).body();
      total += body.length();
      assertThat(body).as(path).doesNotContain("https://").doesNotContain("@import");
      assertThat(body.replace("http://www.w3.org/2000/svg", "")).as(path).doesNotContain("http://");
      assertThat(body).as(path).doesNotContainPattern("(src|href)=\"//");
    }
    assertThat(total).as("bytes of all kiosk files").isLessThan(150_000);
  }

  private void publishAlert(String id, String json) {
    TestMqtt.publish(broker.url(), "city/transit/alerts/" + id, json, true);
  }

  @Test
  void theAlertsEndpointListsTheActiveAlertsInTheirLanguageSevereFirstWithAnETag()
      throws Exception {
    Instant now = server.clock().instant();
    publishAlert(
        "b-obras",
        "{\"timestamp\":\""
            + now.minusSeconds(60)
            + "\",\"severity\":\"warning\","
            + "\"lines\":[\"1\"],\"header\":{\"es\":\"Desvío por obras\",\"en\":\"Detour\"}}");
    publishAlert(
        "z-corte",
        "{\"timestamp\":\""
            + now.minusSeconds(60)
            + "\",\"severity\":\"severe\","
            + "\"stops\":[\"13\"],\"header\":{\"es\":\"Parada cerrada\"},"
            + "\"description\":{\"es\":\"Use la parada 11\",\"en\":\"Use stop 11\"},"
            + "\"activeUntil\":\""
            + now.plusSeconds(3600)
            + "\"}");
    publishAlert(
        "a-later",
        "{\"timestamp\":\""
            + now.minusSeconds(60)
            + "\",\"severity\":\"info\","
            + "\"header\":{\"es\":\"Mañana\"},\"activeFrom\":\""
            + now.plusSeconds(86_400)
            + "\"}");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> json(server.get("/api/v1/alerts")).get("alerts").size() == 2);

    HttpResponse<String> es = server.get("/api/v1/alerts");
    JsonNode alerts = json(es).get("alerts");
    List<String> ids = new ArrayList<>();
    alerts.forEach(a -> ids.add(a.get("id").asText()));
    assertThat(ids).containsExactly("z-corte", "b-obras"); // severe first; a-later not yet active
    assertThat(alerts.get(0).get("header").asText()).isEqualTo("Parada cerrada");
    assertThat(alerts.get(0).get("description").asText()).isEqualTo("Use la parada 11");
    assertThat(alerts.get(0).get("stops").get(0).asText()).isEqualTo("13");
    assertThat(alerts.get(0).get("activeUntil").asText()).endsWith("+01:00");
    assertThat(alerts.get(1).get("lines").get(0).asText()).isEqualTo("1");
    assertThat(alerts.get(1).has("description")).isFalse();

    JsonNode en = json(server.get("/api/v1/alerts?lang=en")).get("alerts");
    assertThat(en.get(0).get("header").asText()).isEqualTo("Parada cerrada"); // Spanish fallback
    assertThat(en.get(0).get("description").asText()).isEqualTo("Use stop 11");
    assertThat(en.get(1).get("header").asText()).isEqualTo("Detour");

    String etag = es.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("W/\"");
    assertThat(es.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(server.get("/api/v1/alerts", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(server.get("/api/v1/alerts?lang=en", "If-None-Match", etag).statusCode())
        .isEqualTo(200);

    // An empty retained message deletes an alert: the ETag changes.
    TestMqtt.publish(broker.url(), "city/transit/alerts/b-obras", new byte[0], true);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> json(server.get("/api/v1/alerts")).get("alerts").size() == 1);
    assertThat(server.get("/api/v1/alerts", "If-None-Match", etag).statusCode()).isEqualTo(200);
    // Time alone ends an alert's active period.
    server.clock().advance(Duration.ofHours(2));
    assertThat(json(server.get("/api/v1/alerts")).get("alerts")).isEmpty();
    server.clock().set(now);
  }

  @Test
  void aBadLanguageIsAProblem() throws Exception {
    HttpResponse<String> r = server.get("/api/v1/alerts?lang=fr");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("lang");
  }
}
