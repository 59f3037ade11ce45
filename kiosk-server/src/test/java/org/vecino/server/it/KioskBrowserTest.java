package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.args.AxeRunOnlyOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vecino.server.testing.Browser;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt;
import org.vecino.server.testing.TestServer;

/**
 * The kiosk pages in a real headless Chromium against the real server (real Mosquitto, SQLite,
 * HTTP): every screen in Spanish and English and in the high-contrast and large-text modes checked
 * by axe-core for WCAG 2.2 AA, keyboard-only use, touch target sizes, the idle reset, the "no
 * connection" banner and its recovery, and the street sign fed over MQTT. Screenshots of each
 * screen and state go to {@code target/screenshots/}. Needs Debian's {@code chromium} and {@code
 * chromium-driver} ({@link Browser}): without them the class fails under {@code CI=true} and is
 * skipped, saying so, elsewhere. One browser for the whole class.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class KioskBrowserTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final List<String> WCAG =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
  private static final String STOP = "13"; // Ayuntamiento: lines 1, 3, 4, 11

  /** Every screen of the kiosk (hash routes) reachable without the office backend. */
  private static final List<String> SCREENS =
      List.of(
          "",
          "buses",
          "buses/" + STOP,
          "parking",
          "parking/pz-italia",
          "appointments",
          "procedures",
          "report",
          "alerts");

  @TempDir static Path dir;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MosquittoBroker broker;
  private static TestServer server;
  private static Browser browser;
  private static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    Browser.requireInstalled(); // fails under CI=true, skips elsewhere
    broker = MosquittoBroker.create().start();
    server = TestServer.start(dir.resolve("server"), broker.url());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> server.get("/health").body().contains("\"connected\":true"));
    seed();
    browser = Browser.start(1080, 1500);
    driver = browser.driver();
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** Live data for the screens: predictions and an alert at stop 13, a car park's morning. */
  private static void seed() {
    Instant now = server.clock().instant();
    // The history buckets by the server's clock: walk it through the morning, then back.
    int[] free = {380, 300, 190, 120, 95};
    for (int i = 0; i < free.length; i++) {
      Instant t = now.minus(Duration.ofMinutes(240 - 55L * i));
      server.clock().set(t);
      TestMqtt.publish(
          broker.url(),
          "city/parking/facilities/pz-italia",
          "{\"timestamp\":\"" + t + "\",\"available\":" + free[i] + "}",
          false);
      String expected = "\"available\":" + free[i] + ",";
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> server.get("/api/v1/parking/pz-italia").body().contains(expected));
    }
    server.clock().set(now);
    TestMqtt.publish(
        broker.url(),
        "city/transit/stops/" + STOP + "/arrivals",
        "{\"timestamp\":\""
            + now
            + "\",\"arrivals\":[{\"line\":\"1\",\"destination\":\"Valdenoja\",\"etaSeconds\":180,"
            + "\"vehicle\":\"212\"}]}",
        false);
    TestMqtt.publish(
        broker.url(),
        "city/transit/alerts/obras-castilla",
        "{\"timestamp\":\""
            + now.minusSeconds(600)
            + "\",\"severity\":\"warning\",\"lines\":[\"1\"],"
            + "\"header\":{\"es\":\"Desvío por obras en Calle Castilla\","
            + "\"en\":\"Detour: roadworks on Calle Castilla\"},"
            + "\"description\":{\"es\":\"La línea 1 no para en Castilla.\","
            + "\"en\":\"Line 1 does not stop on Castilla.\"}}",
        true);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                server.get("/api/v1/alerts").body().contains("obras-castilla")
                    && server.get("/api/v1/parking/pz-italia").body().contains("\"available\":95")
                    && server.get("/api/v1/stops/" + STOP + "/arrivals").body().contains("212"));
  }

  // ---------- helpers ----------

  private static String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Opens the kiosk afresh (a new document: state cleared). */
  private static void open(String query, String route) {
    driver.get("about:blank");
    driver.get(base() + "/" + query + "#/" + route);
    waitReady(route);
  }

  /** Goes to a screen by its hash route, keeping the page's state (language, modes). */
  private static void show(String route) {
    js("location.hash = arguments[0];", "#/" + route);
    waitReady(route);
  }

  /** Waits up to the given seconds, retrying while the page re-renders an element. */
  private static FluentWait<WebDriver> waitUp(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .ignoring(StaleElementReferenceException.class);
  }

  private static void waitReady(String route) {
    String name = route.isEmpty() ? "start" : route.split("/")[0];
    waitUp(10)
        .until(
            d ->
                Boolean.TRUE.equals(
                    js(
                        "return document.body.getAttribute('data-screen') === arguments[0]"
                            + " && document.body.getAttribute('data-pending') === '0'"
                            + " && !document.querySelector('[aria-busy=\"true\"]')",
                        name)));
  }

  private static void shot(String name) {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Files.write(SHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) and fails with every violation found. */
  private static void assertAccessible(String what) {
    AxeRunOptions options = new AxeRunOptions();
    AxeRunOnlyOptions only = new AxeRunOnlyOptions();
    only.setType("tag");
    only.setValues(WCAG);
    options.setRunOnly(only);
    options.setResultTypes(List.of("violations"));
    Results r = new AxeBuilder().withOptions(options).disableIframeTesting().analyze(driver);
    assertThat(r.isErrored()).as("axe ran on %s", what).isFalse();
    StringBuilder sb = new StringBuilder();
    for (Rule v : r.getViolations()) {
      sb.append("\n  ").append(v.getId()).append(" (").append(v.getHelp()).append("):");
      for (CheckedNode n : v.getNodes()) {
        sb.append("\n    ").append(n.getTarget()).append(' ').append(n.getFailureSummary());
      }
    }
    assertThat(r.getViolations()).as("axe violations on %s:%s", what, sb).isEmpty();
  }

  private static void click(String id) {
    driver.findElement(By.id(id)).click();
  }

  private static void setLang(String lang) {
    if (!lang.equals(driver.findElement(By.tagName("html")).getAttribute("lang"))) {
      click("lang-toggle");
    }
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> lang.equals(driver.findElement(By.tagName("html")).getAttribute("lang")));
  }

  private static WebElement active() {
    return driver.switchTo().activeElement();
  }

  /** Presses Tab (or Shift+Tab) until the focused element matches; fails after 60 presses. */
  private static WebElement tabTo(Predicate<WebElement> target, boolean backwards) {
    for (int i = 0; i < 60; i++) {
      CharSequence key = backwards ? Keys.chord(Keys.SHIFT, Keys.TAB) : Keys.TAB;
      new Actions(driver).sendKeys(key).perform();
      WebElement a = active();
      if (target.test(a)) {
        return a;
      }
    }
    throw new AssertionError("Tab never reached the element");
  }

  private static Predicate<WebElement> id(String id) {
    return e -> id.equals(e.getAttribute("id"));
  }

  // ---------- tests ----------

  @Test
  void a_everyScreenInBothLanguagesAndInEveryModeHasNoAxeViolations() {
    // Spanish and English, normal.
    for (String lang : List.of("es", "en")) {
      open("?kiosk=k-cazona", "");
      setLang(lang);
      for (String s : SCREENS) {
        show(s);
        assertThat(driver.findElement(By.id("screen-title")).getText()).isNotBlank();
        assertAccessible(lang + " #/" + s);
        shot("kiosk-" + lang + "-" + (s.isEmpty() ? "start" : s));
      }
    }
    // High contrast in Spanish, large text with high contrast in English.
    List<String[]> modes =
        List.of(new String[] {"es", "contrast"}, new String[] {"en", "text-size,contrast"});
    for (String[] m : modes) {
      open("", "");
      setLang(m[0]);
      for (String toggle : m[1].split(",")) {
        click(toggle);
        assertThat(driver.findElement(By.id(toggle)).getAttribute("aria-pressed"))
            .isEqualTo("true");
      }
      String mode = m[1].replace(",", "+");
      for (String s : SCREENS) {
        show(s);
        assertAccessible(m[0] + " " + mode + " #/" + s);
        shot("kiosk-" + m[0] + "-" + mode + "-" + (s.isEmpty() ? "start" : s));
      }
    }
    // States within screens: search results, the chart as a table.
    open("", "buses");
    driver.findElement(By.id("stop-search")).sendKeys("ayuntamiento");
    click("stop-search-button");
    waitUp(5).until(d -> !d.findElements(By.cssSelector("[data-testid=stop-result]")).isEmpty());
    assertAccessible("es stop search results");
    shot("kiosk-es-buses-search-results");
    open("", "parking/pz-italia");
    assertThat(driver.findElements(By.cssSelector("#parking-chart rect.bar-today"))).isNotEmpty();
    click("chart-table-toggle");
    assertThat(driver.findElement(By.id("chart-table")).isDisplayed()).isTrue();
    assertAccessible("es parking chart table");
    shot("kiosk-es-parking-chart-table");
  }

  @Test
  void b_theScreensSayWhatTheServerKnowsInTheChosenLanguage() {
    open("", "buses/" + STOP);
    assertThat(driver.findElement(By.id("screen-title")).getText()).isEqualTo("Ayuntamiento");
    WebElement row = driver.findElement(By.cssSelector("#stop-arrivals tr[data-vehicle='212']"));
    assertThat(row.getText()).contains("Valdenoja").contains("3 min").contains("en directo");
    assertThat(driver.findElement(By.id("stop-alerts")).getText())
        .contains("Desvío por obras en Calle Castilla");
    setLang("en");
    waitUp(5).until(d -> d.findElement(By.id("stop-alerts")).getText().contains("Detour"));
    assertThat(driver.findElement(By.id("stop-arrivals")).getText()).contains("live");
    show("alerts");
    assertThat(driver.findElement(By.id("alerts-list")).getText())
        .contains("Detour: roadworks on Calle Castilla")
        .contains("Line 1 does not stop on Castilla.");
    show("parking/pz-italia");
    assertThat(driver.findElement(By.id("parking-available")).getText()).startsWith("95");
    assertThat(driver.findElement(By.id("chart-desc")).getAttribute("textContent"))
        .startsWith("There are 95 free spaces now");
    // Read aloud is offered when the browser can speak, in the screen's language.
    WebElement read = driver.findElement(By.id("read-aloud"));
    assertThat(read.isDisplayed()).isEqualTo(js("return 'speechSynthesis' in window"));
    if (read.isDisplayed()) {
      assertThat(read.getText()).isEqualTo("Read aloud");
      read.click();
      assertThat(read.getText()).isIn("Stop reading", "Read aloud");
      js("window.speechSynthesis.cancel()");
    }
    // The procedures of the office catalog, in the screen's language.
    show("procedures");
    waitUp(5).until(d -> !d.findElements(By.id("procedures-list")).isEmpty());
    assertThat(driver.findElement(By.id("procedures-list")).getText())
        .contains("Certificate of registration");
  }

  @Test
  void c_aWholeVisitWorksWithTheKeyboardAloneAndFocusIsVisible() {
    open("", "");
    WebElement tile = tabTo(id("tile-buses"), false);
    assertThat(js("return getComputedStyle(arguments[0]).outlineStyle", tile)).isEqualTo("solid");
    assertThat(
            ((Number) js("return parseFloat(getComputedStyle(arguments[0]).outlineWidth)", tile))
                .doubleValue())
        .isGreaterThanOrEqualTo(3);
    tile.sendKeys(Keys.ENTER);
    waitReady("buses");
    // Focus moves to the new screen's heading.
    assertThat(active().getAttribute("id")).isEqualTo("screen-title");
    WebElement search = tabTo(id("stop-search"), false);
    search.sendKeys("ayuntamiento", Keys.ENTER);
    waitUp(5).until(d -> !d.findElements(By.cssSelector("[data-testid=stop-result]")).isEmpty());
    WebElement result = tabTo(e -> "stop-result".equals(e.getAttribute("data-testid")), false);
    result.sendKeys(Keys.ENTER);
    waitReady("buses/" + STOP);
    assertThat(active().getAttribute("id")).isEqualTo("screen-title");
    assertThat(active().getText()).isEqualTo("Ayuntamiento");
    // Switch the language from the keyboard, then go back home.
    WebElement toggle = tabTo(id("lang-toggle"), true);
    toggle.sendKeys(Keys.ENTER);
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> "en".equals(driver.findElement(By.tagName("html")).getAttribute("lang")));
    assertThat(active().getAttribute("id")).isEqualTo("lang-toggle");
    waitReady("buses/" + STOP);
    assertThat(driver.findElement(By.id("stop-arrivals")).getText()).contains("Arrives in");
    WebElement back = tabTo(id("back-button"), false);
    back.sendKeys(Keys.ENTER);
    waitReady("buses");
    assertThat(active().getText()).isEqualTo("Next buses");
    tabTo(id("home-button"), true).sendKeys(Keys.ENTER);
    waitReady("");
    assertThat(active().getText()).isEqualTo("What would you like to do?");
    shot("kiosk-keyboard-visit-end");
  }

  @Test
  void d_everyTouchTargetIsAtLeast44PixelsInEveryScreenAndMode() {
    for (String mode : List.of("", "text-size")) {
      open("", "");
      if (!mode.isEmpty()) {
        click(mode);
      }
      for (String s : SCREENS) {
        show(s);
        @SuppressWarnings("unchecked")
        List<String> small =
            (List<String>)
                js(
                    "var out = [];"
                        + "document.querySelectorAll('a[href], button, input, select, textarea,"
                        + " summary, [tabindex]:not([tabindex=\"-1\"])').forEach(function (e) {"
                        + "  var r = e.getBoundingClientRect();"
                        + "  if (r.width === 0 && r.height === 0) return;"
                        + "  if (getComputedStyle(e).visibility === 'hidden') return;"
                        + "  if (r.width < 44 || r.height < 44) out.push((e.id || e.tagName)"
                        + "    + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));"
                        + "});"
                        + "return out;");
        assertThat(small).as("targets under 44 px on #/%s %s", s, mode).isEmpty();
        @SuppressWarnings("unchecked")
        List<Number> buttons =
            (List<Number>)
                js(
                    "return Array.from(document.querySelectorAll('#screen .button, .tool, .tile'))"
                        + ".map(function (e) { return e.getBoundingClientRect().height; });");
        assertThat(buttons).allSatisfy(h -> assertThat(h.doubleValue()).isGreaterThanOrEqualTo(64));
      }
    }
  }

  @Test
  void e_theIdleWarningGivesTwentySecondsAndThenClearsEverything() {
    // The warning appears after the idle time and, by default, counts down from 20 s.
    open("?idle=2", "report");
    WebElement dialog = driver.findElement(By.id("idle-dialog"));
    waitUp(6).until(d -> dialog.isDisplayed());
    assertThat(Integer.parseInt(driver.findElement(By.id("idle-seconds")).getText()))
        .isBetween(18, 20);
    assertThat(active().getAttribute("id")).isEqualTo("idle-continue");
    assertAccessible("es idle warning");
    shot("kiosk-es-idle-warning");
    click("idle-continue");
    assertThat(driver.findElement(By.id("idle-dialog")).isDisplayed()).isFalse();
    assertThat(js("return location.hash")).isEqualTo("#/report");

    // Nobody continues: back to the start, in Spanish, normal modes, forms empty.
    open("?idle=3&countdown=2", "buses");
    setLang("en");
    click("contrast");
    driver.findElement(By.id("stop-search")).sendKeys("ayuntamiento");
    waitUp(10).until(d -> "".equals(js("return location.hash.replace('#/', '')")));
    waitReady("");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
    assertThat(driver.findElement(By.tagName("body")).getAttribute("class")).doesNotContain("hc");
    assertThat(driver.findElement(By.id("screen-title")).getText()).isEqualTo("¿Qué quiere hacer?");
    assertThat(active().getAttribute("id")).isEqualTo("screen-title");
    assertThat(driver.findElement(By.id("idle-dialog")).isDisplayed()).isFalse();
    shot("kiosk-es-after-idle-reset");
    show("buses");
    assertThat(driver.findElement(By.id("stop-search")).getAttribute("value")).isEmpty();
    assertThat(driver.findElements(By.cssSelector("[data-testid=stop-result]"))).isEmpty();
  }

  @Test
  void f_theNoConnectionBannerShowsWhenTheServerIsUnreachableAndGoesAwayByItself()
      throws IOException {
    try (CuttableProxy proxy = new CuttableProxy(server.port())) {
      driver.get("http://127.0.0.1:" + proxy.port() + "/#/alerts");
      waitReady("alerts");
      WebElement banner = driver.findElement(By.id("offline-banner"));
      assertThat(banner.isDisplayed()).isFalse();
      proxy.cut();
      js("location.hash = '#/parking'");
      waitUp(10).until(d -> banner.isDisplayed());
      assertThat(banner.getText()).contains("Sin conexión");
      assertThat(banner.getAttribute("role")).isEqualTo("alert");
      assertAccessible("es offline banner");
      shot("kiosk-es-offline");
      setLang("en");
      assertThat(banner.getText()).contains("No connection");
      proxy.restore();
      waitUp(10).until(d -> !banner.isDisplayed());
      waitReady("parking");
      assertThat(driver.findElement(By.id("parking-list")).getText()).contains("free of 410");
      shot("kiosk-en-offline-recovered");
    }
  }

  @Test
  void g_aPredictionPublishedOverMqttAppearsOnTheSign() {
    driver.manage().window().setSize(new Dimension(1600, 900)); // a landscape display
    driver.get(base() + "/sign/" + STOP + "?lang=en&refresh=1");
    waitUp(5).until(d -> d.findElement(By.id("sign-stop")).getText().equals("Ayuntamiento"));
    assertThat(driver.findElement(By.id("sign-alerts")).getText())
        .contains("Detour: roadworks on Calle Castilla");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertAccessible("sign en");
    shot("sign-en");
    TestMqtt.publish(
        broker.url(),
        "city/transit/stops/" + STOP + "/arrivals",
        "{\"timestamp\":\""
            + server.clock().instant()
            + "\",\"arrivals\":[{\"line\":\"3\",\"destination\":\"Corbán\",\"etaSeconds\":0,"
            + "\"vehicle\":\"K-777\"}]}",
        false);
    waitUp(5).until(d -> !d.findElements(By.cssSelector("tr[data-vehicle='K-777']")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("tr[data-vehicle='K-777']")).getText())
        .contains("3")
        .contains("Corbán")
        .contains("Arriving");
    shot("sign-en-after-mqtt");
    driver.get(base() + "/sign/" + STOP + "?lang=es");
    waitUp(5).until(d -> !d.findElements(By.cssSelector("tr[data-vehicle='K-777']")).isEmpty());
    assertThat(driver.findElement(By.id("sign-alerts")).getText())
        .contains("Desvío por obras en Calle Castilla");
    assertThat(driver.findElement(By.id("col-dest")).getText()).isEqualTo("Destino");
    assertAccessible("sign es");
    shot("sign-es");
    driver.manage().window().setSize(new Dimension(1080, 1500));
  }

  @Test
  void h_theOfficeScreensWorkAgainstTheRealOffice() throws Exception {
    String phoneNumber = "+34600111222";
    // A kiosk device token bound to k-cazona, issued by an administrator.
    JsonNode issued =
        JSON.readTree(
            post(
                    "/api/v1/admin/tokens",
                    "{\"name\":\"kiosk cazona\",\"roles\":[\"kiosk\"],\"kioskId\":\"k-cazona\"}",
                    "Authorization",
                    "Bearer " + TestServer.ADMIN_TOKEN)
                .body());
    String deviceToken = issued.get("token").asText();
    // The health system booked a medical appointment for this citizen.
    HttpResponse<String> booked =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/appointments/hv-77"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"phone\":\"600111222\",\"startsAt\":\"2026-12-02T11:00:00+01:00\","
                            + "\"place\":\"Centro de Salud Cazoña\",\"kind\":\"medical\"}")),
            "Authorization",
            "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(booked.statusCode()).isEqualTo(201);

    driver.get("about:blank");
    driver.get(base() + "/?kiosk=k-cazona&heartbeat=1#token=" + deviceToken);
    waitReady("");
    // The device token is kept and its heartbeat reaches the server; the fragment is cleared.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode kiosks = JSON.readTree(server.getAsAdmin("/api/v1/admin/kiosks").body());
              for (JsonNode k : kiosks) {
                if (k.get("id").asText().equals("k-cazona")) {
                  return k.get("online").asBoolean();
                }
              }
              return false;
            });
    assertThat(js("return location.hash")).isEqualTo("#/");
    assertThat(driver.findElement(By.id("kiosk-name")).getText()).contains("Cazoña");

    // My appointments: a wrong number, a wrong code, then the code the SMS outbox holds.
    show("appointments");
    driver.findElement(By.id("otp-phone")).sendKeys("12");
    click("otp-send");
    waitUp(5)
        .until(d -> "true".equals(d.findElement(By.id("otp-phone")).getAttribute("aria-invalid")));
    assertThat(active().getAttribute("id")).isEqualTo("otp-phone");
    assertAccessible("es otp phone error");
    shot("kiosk-es-otp-phone-error");
    WebElement phone = driver.findElement(By.id("otp-phone"));
    phone.clear();
    phone.sendKeys("600111222");
    click("otp-send");
    waitUp(5).until(d -> !d.findElements(By.id("otp-sent")).isEmpty());
    assertThat(driver.findElement(By.id("otp-sent")).getText()).contains("+34*****1222");
    driver.findElement(By.id("otp-code")).sendKeys("000000");
    click("otp-verify");
    waitUp(5)
        .until(d -> "true".equals(d.findElement(By.id("otp-code")).getAttribute("aria-invalid")));
    assertAccessible("es otp code error");
    shot("kiosk-es-otp-code");
    driver.findElement(By.id("otp-code")).clear();
    driver.findElement(By.id("otp-code")).sendKeys(lastCode(phoneNumber));
    click("otp-verify");
    waitUp(10).until(d -> !d.findElements(By.id("appointments-list")).isEmpty());
    waitReady("appointments");
    assertThat(driver.findElement(By.id("appointments-list")).getText())
        .contains("Centro de Salud Cazoña");
    assertAccessible("es my appointments");
    shot("kiosk-es-my-appointments");

    // Booking: days from the server's date; the chosen slot fills up meanwhile (409), then
    // another one is booked, and the citizen's reminder is in the outbox.
    setLang("en");
    show("procedures");
    click("procedure-padron-registration");
    waitReady("procedures");
    assertAccessible("en procedure detail");
    shot("kiosk-en-procedure-detail");
    click("book-start");
    waitUp(10).until(d -> !d.findElements(By.id("slots")).isEmpty());
    waitReady("book");
    // The browser's clock says today; the server's (a fixed test clock) says 30 November.
    assertThat(driver.findElements(By.id("day-2026-11-30"))).isNotEmpty();
    assertAccessible("en booking slots");
    shot("kiosk-en-booking-slots");
    click("day-2026-12-01");
    waitUp(10).until(d -> d.findElement(By.id("times-title")).getText().contains("1 December"));
    waitReady("book");
    click("slot-0900");
    waitReady("book");
    assertAccessible("en booking confirm");
    shot("kiosk-en-booking-confirm");
    fillSlot("of-cazona", "padron-registration", "2026-12-01T09:00:00+01:00");
    click("book-confirm");
    waitUp(10).until(d -> !d.findElements(By.id("book-error")).isEmpty());
    waitReady("book");
    assertThat(driver.findElement(By.id("book-error")).getText()).contains("just been taken");
    assertAccessible("en booking taken");
    shot("kiosk-en-booking-taken");
    click("slot-0915");
    waitReady("book");
    click("book-confirm");
    waitUp(10).until(d -> !d.findElements(By.id("booking-done")).isEmpty());
    assertThat(driver.findElement(By.id("booking-facts")).getText())
        .contains("Tuesday 1 December, 09:15");
    assertThat(
            server.vecino().smsOutbox().recent(null, 100).stream()
                .filter(e -> phoneNumber.equals(e.phone()) && e.purpose().equals("reminder")))
        .isNotEmpty();
    assertAccessible("en booking done");
    shot("kiosk-en-booking-done");

    // Report a problem; staff close it; the kiosk shows the status and notes.
    show("report");
    click("service-streetlight");
    waitUp(5).until(d -> !d.findElements(By.id("report-form")).isEmpty());
    click("report-send");
    waitUp(5)
        .until(
            d ->
                "true"
                    .equals(
                        d.findElement(By.id("report-description")).getAttribute("aria-invalid")));
    assertAccessible("en report errors");
    shot("kiosk-en-report-errors");
    driver.findElement(By.id("report-description")).sendKeys("The light at the corner is off");
    click("attr-problem-off");
    click("report-send");
    waitUp(10).until(d -> !d.findElements(By.id("report-sent")).isEmpty());
    String requestId = driver.findElement(By.id("report-sent")).getAttribute("data-request-id");
    assertThat(requestId).isNotBlank();
    HttpResponse<String> closed =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/admin/service-requests/" + requestId))
                .header("Content-Type", "application/json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"status\":\"closed\",\"statusNotes\":\"Lamp replaced\"}")),
            "Authorization",
            "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(closed.statusCode()).isEqualTo(200);
    click("report-status-link");
    waitUp(10)
        .until(
            d ->
                !d.findElements(By.id("request-status")).isEmpty()
                    && "closed"
                        .equals(
                            d.findElement(By.id("request-status")).getAttribute("data-status")));
    waitReady("report");
    assertThat(driver.findElement(By.id("request-status")).getText()).contains("Lamp replaced");
    assertAccessible("en report status");
    shot("kiosk-en-report-status");

    // Finishing ends the session on the server and leaves nothing on screen.
    show("appointments");
    click("session-end");
    waitReady("");
    show("appointments");
    assertThat(driver.findElements(By.id("appointments-list"))).isEmpty();
    assertThat(driver.findElement(By.id("otp-phone")).getAttribute("value")).isEmpty();
  }

  /** The six digits of the last one-time code the durable outbox holds for {@code phone}. */
  private static String lastCode(String phone) {
    return server.vecino().smsOutbox().recent(null, 200).stream()
        .filter(e -> phone.equals(e.phone()) && e.purpose().equals("otp"))
        .map(e -> e.text().replaceAll("\\D+", " ").trim().split(" "))
        .flatMap(java.util.Arrays::stream)
        .filter(t -> t.length() == 6)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no one-time code for " + phone));
  }

  /** Fills a slot through the API, as other citizens booking it at the same moment would. */
  private static void fillSlot(String officeId, String procedureId, String start) throws Exception {
    for (int i = 0; i < 10; i++) {
      JsonNode slots =
          JSON.readTree(
              server
                  .get(
                      "/api/v1/office/offices/"
                          + officeId
                          + "/slots?procedure="
                          + procedureId
                          + "&date="
                          + start.substring(0, 10))
                  .body());
      boolean free = false;
      for (JsonNode s : slots.get("slots")) {
        free |= s.get("start").asText().equals(start);
      }
      if (!free) {
        return;
      }
      String other = "+3460011130" + i;
      assertThat(post("/api/v1/office/otp", "{\"phone\":\"" + other + "\"}").statusCode())
          .isEqualTo(202);
      JsonNode session =
          JSON.readTree(
              post(
                      "/api/v1/office/session",
                      "{\"phone\":\"" + other + "\",\"code\":\"" + lastCode(other) + "\"}")
                  .body());
      HttpResponse<String> b =
          post(
              "/api/v1/office/bookings",
              "{\"officeId\":\""
                  + officeId
                  + "\",\"procedureId\":\""
                  + procedureId
                  + "\",\"start\":\""
                  + start
                  + "\"}",
              "Authorization",
              "Bearer " + session.get("sessionToken").asText());
      assertThat(b.statusCode()).isIn(201, 409);
    }
    throw new AssertionError("slot " + start + " never filled");
  }

  private static HttpResponse<String> post(String path, String json, String... headers) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  /**
   * A TCP relay to the server that can be cut (open connections closed, new ones refused at once)
   * and restored on the same port: the kiosk's link going down and coming back.
   */
  static final class CuttableProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    CuttableProxy(int target) throws IOException {
      this.target = target;
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::acceptLoop, "kiosk-proxy");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    void cut() {
      down = true;
      closeAll();
    }

    void restore() {
      down = false;
    }

    private void acceptLoop() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          if (down) {
            client.close();
            continue;
          }
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          open.add(client);
          open.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          // listener closed, or one connection failed: go on
        }
      }
    }

    private void pump(Socket from, Socket to) {
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[16 * 1024];
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  int n;
                  while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                  }
                } catch (IOException e) {
                  // connection closed
                } finally {
                  closeQuietly(from);
                  closeQuietly(to);
                }
              },
              "kiosk-proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    private void closeAll() {
      List<Socket> all = new ArrayList<>(open);
      open.clear();
      all.forEach(CuttableProxy::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      closeAll();
    }
  }
}
