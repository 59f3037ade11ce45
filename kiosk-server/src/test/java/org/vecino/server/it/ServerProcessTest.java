package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.Repo;
import org.vecino.server.testing.ServerProcess;

/** Vecino as an operator runs it: a separate JVM, started by {@code Main}, stopped by SIGTERM. */
class ServerProcessTest {
  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();
  @TempDir Path dir;
  private ServerProcess process;

  @AfterEach
  void killLeftovers() throws InterruptedException {
    if (process != null) {
      process.close();
    }
  }

  private Process launch(Map<String, String> env, String... args) throws IOException {
    process = ServerProcess.launch(dir, "server", env, args);
    return process.process();
  }

  private String stderr() throws IOException {
    return process.stderr();
  }

  private String stdout() throws IOException {
    return process.stdout();
  }

  @Test
  void aBadSettingStopsTheStartWithExitCode2AndOneClearLine() throws Exception {
    Process p =
        launch(Map.of("VECINO_HTTP_PORT", "abc", "VECINO_GTFS", Repo.sampleGtfs().toString()));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    String err = stderr().strip();
    assertThat(err.lines()).hasSize(1);
    assertThat(err).contains("VECINO_HTTP_PORT").contains("abc").doesNotContain("Exception");
  }

  @Test
  void anUnknownSettingInTheFileIsNamed() throws Exception {
    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "VECINO_HTTP_PROT = 8080\n");
    Process p = launch(Map.of(), "--config", conf.toString());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(stderr()).contains("VECINO_HTTP_PROT");
  }

  @Test
  void aBrokenGtfsFeedStopsTheStartWithExitCode2() throws Exception {
    Path feed = Files.createDirectory(dir.resolve("feed"));
    Files.writeString(
        feed.resolve("agency.txt"),
        "agency_name,agency_url,agency_timezone\nX,http://x,Europe/Madrid\n");
    Process p =
        launch(
            Map.of(
                "VECINO_GTFS", feed.toString(),
                "VECINO_HTTP_PORT", "0",
                "VECINO_MQTT_URL", broker.url()));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(stderr()).contains("VECINO_GTFS").contains("stops.txt");
  }

  @Test
  void aBrokenParkingCatalogStopsTheStartWithExitCode2NamingTheFacilityAndField() throws Exception {
    Path catalog = dir.resolve("parking.json");
    Files.writeString(
        catalog,
        "{\"facilities\": [{\"id\": \"pz-italia\", \"name\": \"Italia\","
            + " \"type\": \"offStreet\", \"location\": {\"lat\": 43.47, \"lon\": -3.79},"
            + " \"capacity\": -5}]}");
    Process p =
        launch(
            Map.of(
                "VECINO_GTFS", Repo.sampleGtfs().toString(),
                "VECINO_PARKING_CATALOG", catalog.toString(),
                "VECINO_DB", dir.resolve("db/vecino.db").toString(),
                "VECINO_HTTP_PORT", "0",
                "VECINO_MQTT_URL", broker.url()));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(stderr())
        .contains("VECINO_PARKING_CATALOG")
        .contains("facilities[0] (pz-italia).capacity");
  }

  @Test
  void aBrokenSmsTemplateStopsTheStartWithExitCode2NamingFileAndKey() throws Exception {
    Path texts = Files.createDirectory(dir.resolve("sms"));
    Files.copy(Repo.smsTemplates().resolve("es.properties"), texts.resolve("es.properties"));
    String en = Files.readString(Repo.smsTemplates().resolve("en.properties"));
    Files.writeString(texts.resolve("en.properties"), en.replace("{code}", "{codigo}"));
    Process p =
        launch(
            Map.of(
                "VECINO_GTFS", Repo.sampleGtfs().toString(),
                "VECINO_PARKING_CATALOG", Repo.sampleParking().toString(),
                "VECINO_SMS_TEMPLATES", texts.toString(),
                "VECINO_DB", dir.resolve("db/vecino.db").toString(),
                "VECINO_HTTP_PORT", "0",
                "VECINO_MQTT_URL", broker.url()));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(stderr())
        .contains("VECINO_SMS_TEMPLATES")
        .contains("en.properties otp.code: unknown placeholder {codigo}")
        .doesNotContain("Exception");
  }

  @Test
  void aBrokenOfficeCatalogStopsTheStartWithExitCode2NamingTheEntryAndField() throws Exception {
    Path catalog = dir.resolve("office.json");
    Files.writeString(
        catalog,
        Files.readString(Repo.officeCatalog())
            .replace("\"stops\": [\n        \"80\",", "\"stops\": [\n        \"no-such-stop\","));
    Process p =
        launch(
            Map.of(
                "VECINO_GTFS", Repo.sampleGtfs().toString(),
                "VECINO_PARKING_CATALOG", Repo.sampleParking().toString(),
                "VECINO_SMS_TEMPLATES", Repo.smsTemplates().toString(),
                "VECINO_OFFICE_CATALOG", catalog.toString(),
                "VECINO_DB", dir.resolve("db/vecino.db").toString(),
                "VECINO_HTTP_PORT", "0",
                "VECINO_MQTT_URL", broker.url()));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(stderr())
        .contains("VECINO_OFFICE_CATALOG")
        .contains("kiosks[0] (k-cazona).stops: no bus stop has the id \"no-such-stop\"")
        .doesNotContain("Exception");
  }

  @Test
  void sigtermStopsCleanlyAndExitsZero() throws Exception {
    Map<String, String> env = ServerProcess.sampleCity(dir.resolve("db/vecino.db"));
    env.put("VECINO_MQTT_URL", broker.url());
    env.put("VECINO_MQTT_CLIENT_ID", "vecino-process-test");
    Process p = launch(env);
    int port = process.awaitServing(Duration.ofSeconds(30));
    HttpResponse<String> live =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(live.statusCode()).isEqualTo(200);
    // the admin token was made, saved with mode 600 and printed once
    Path tokenFile = dir.resolve("db/admin-token");
    assertThat(tokenFile).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    assertThat(stdout()).contains(Files.readString(tokenFile).strip());

    long t0 = System.nanoTime();
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(0);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(stdout()).contains("Vecino stopped");
  }
}
