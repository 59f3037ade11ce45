package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vecino.server.testing.OfficeHttp.bearer;
import static org.vecino.server.testing.OfficeHttp.json;
import static org.vecino.server.testing.OfficeHttp.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.sms.outbox.OutboxEntry;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.OfficeHttp;
import org.vecino.server.testing.OutboxReader;
import org.vecino.server.testing.TestServer;

/**
 * Open311 GeoReport v2 at /open311/v2 on a real server: discovery, services and definitions in two
 * languages, requests filed with an api key, every error of the standard as the error array, the
 * search filters, and the staff closing a request (an SMS to the citizen who left a phone).
 */
class Open311IntegrationTest {
  private static final String BASE = "/open311/v2";
  private static MosquittoBroker broker;
  @TempDir Path dir;
  private TestServer server;
  private OutboxReader outbox;
  private OfficeHttp http;
  private String apiKey;

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.create().start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void start() {
    server = TestServer.start(dir, broker.url());
    outbox = new OutboxReader(server);
    http = new OfficeHttp(server);
    HttpResponse<String> key =
        http.post(
            "/api/v1/admin/open311/keys",
            "{\"name\":\"FixMyStreet Santander\"}",
            bearer(TestServer.ADMIN_TOKEN));
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    apiKey = json(key).get("apiKey").asText();
    assertThat(json(key).get("id").asText()).startsWith("key-");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    return json(r);
  }

  /** Asserts the Open311 error array with one or more errors of {@code status}. */
  private static JsonNode open311Error(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode errors = json(r);
    assertThat(errors.isArray()).as(r.body()).isTrue();
    assertThat(errors.size()).isGreaterThanOrEqualTo(1);
    for (JsonNode e : errors) {
      assertThat(e.get("code").asInt()).isEqualTo(status);
      assertThat(e.get("description").asText()).isNotBlank();
    }
    return errors;
  }

  private Map<String, String> streetlight() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("api_key", apiKey);
    f.put("service_code", "streetlight");
    f.put("lat", "43.4535");
    f.put("long", "-3.8385");
    f.put("description", "La farola de la esquina no se enciende");
    f.put("attribute[problem]", "off");
    return f;
  }

  private String file(Map<String, String> fields) {
    HttpResponse<String> r = http.postForm(BASE + "/requests.json", fields);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode created = json(r);
    assertThat(created.isArray()).isTrue();
    assertThat(created.get(0).get("token").asText()).isNotBlank();
    return created.get(0).get("service_request_id").asText();
  }

  @Test
  void discoveryServicesAndDefinitions() {
    JsonNode discovery = ok(http.get(BASE + "/discovery.json"));
    JsonNode endpoint = discovery.get("endpoints").get(0);
    assertThat(endpoint.get("specification").asText())
        .isEqualTo("http://wiki.open311.org/GeoReport_v2");
    assertThat(endpoint.get("url").asText()).endsWith("/open311/v2");
    assertThat(endpoint.get("formats").get(0).asText()).isEqualTo("application/json");

    JsonNode es = ok(http.get(BASE + "/services.json"));
    assertThat(es).hasSize(8);
    JsonNode light = es.get(0);
    assertThat(light.get("service_code").asText()).isEqualTo("streetlight");
    assertThat(light.get("service_name").asText()).isEqualTo("Farola apagada o averiada");
    assertThat(light.get("metadata").asBoolean()).isTrue();
    assertThat(light.get("type").asText()).isEqualTo("realtime");
    assertThat(light.get("group").asText()).isEqualTo("Alumbrado");
    assertThat(light.get("keywords").asText()).contains("farola");
    List<String> noMetadata = new ArrayList<>();
    es.forEach(
        s -> {
          if (!s.get("metadata").asBoolean()) {
            noMetadata.add(s.get("service_code").asText());
          }
        });
    assertThat(noMetadata).containsExactlyInAnyOrder("graffiti", "broken-bench");
    assertThat(ok(http.get(BASE + "/services.json?lang=en")).get(0).get("service_name").asText())
        .isEqualTo("Streetlight out or faulty");

    JsonNode definition = ok(http.get(BASE + "/services/streetlight.json?lang=en"));
    assertThat(definition.get("service_code").asText()).isEqualTo("streetlight");
    JsonNode problemAttr = definition.get("attributes").get(0);
    assertThat(problemAttr.get("code").asText()).isEqualTo("problem");
    assertThat(problemAttr.get("datatype").asText()).isEqualTo("singlevaluelist");
    assertThat(problemAttr.get("required").asBoolean()).isTrue();
    assertThat(problemAttr.get("variable").asBoolean()).isTrue();
    assertThat(problemAttr.get("order").asInt()).isEqualTo(1);
    assertThat(problemAttr.get("values").get(0).get("key").asText()).isEqualTo("off");
    assertThat(problemAttr.get("values").get(0).get("name").asText()).isEqualTo("Off");
    assertThat(definition.get("attributes").get(1).get("datatype").asText()).isEqualTo("string");

    open311Error(http.get(BASE + "/services/ufo.json"), 404);
  }

  @Test
  void everyErrorOfThePostIsTheStandardArray() {
    Map<String, String> noKey = streetlight();
    noKey.remove("api_key");
    open311Error(http.postForm(BASE + "/requests.json", noKey), 403);
    Map<String, String> badKey = streetlight();
    badKey.put("api_key", "not-a-key");
    open311Error(http.postForm(BASE + "/requests.json", badKey), 403);

    Map<String, String> noCode = streetlight();
    noCode.remove("service_code");
    assertThat(
            open311Error(http.postForm(BASE + "/requests.json", noCode), 400)
                .get(0)
                .get("description")
                .asText())
        .contains("service_code");

    Map<String, String> noLocation = streetlight();
    noLocation.remove("lat");
    noLocation.remove("long");
    assertThat(
            open311Error(http.postForm(BASE + "/requests.json", noLocation), 400)
                .get(0)
                .get("description")
                .asText())
        .contains("address_string");

    Map<String, String> halfLocation = streetlight();
    halfLocation.remove("long");
    open311Error(http.postForm(BASE + "/requests.json", halfLocation), 400);

    Map<String, String> badLat = streetlight();
    badLat.put("lat", "north");
    open311Error(http.postForm(BASE + "/requests.json", badLat), 400);

    Map<String, String> unknown = streetlight();
    unknown.put("service_code", "ufo");
    open311Error(http.postForm(BASE + "/requests.json", unknown), 404);

    Map<String, String> noAttribute = streetlight();
    noAttribute.remove("attribute[problem]");
    assertThat(
            open311Error(http.postForm(BASE + "/requests.json", noAttribute), 400)
                .get(0)
                .get("description")
                .asText())
        .contains("attribute[problem]");
    Map<String, String> badAttribute = streetlight();
    badAttribute.put("attribute[problem]", "exploded");
    open311Error(http.postForm(BASE + "/requests.json", badAttribute), 400);

    Map<String, String> badPhone = streetlight();
    badPhone.put("phone", "12");
    open311Error(http.postForm(BASE + "/requests.json", badPhone), 400);

    open311Error(http.get(BASE + "/requests/999999.json"), 404);
    open311Error(http.get(BASE + "/tokens/nope.json"), 404);
    open311Error(http.get(BASE + "/requests.json?status=pending"), 400);
    open311Error(http.get(BASE + "/requests.json?start_date=yesterday"), 400);
    open311Error(http.get(BASE + "/requests.json?limit=0"), 400);
    open311Error(http.get(BASE + "/requests.json?limit=1001"), 400);
    open311Error(
        http.get(
            BASE + "/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-30T00:00:00Z"),
        400);
    open311Error(
        http.get(
            BASE + "/requests.json?start_date=2026-11-30T00:00:00Z&end_date=2026-11-01T00:00:00Z"),
        400);
    // Nothing was stored by the refused posts.
    assertThat(ok(http.get(BASE + "/requests.json"))).isEmpty();
    // Only an admin issues keys.
    problem(http.post("/api/v1/admin/open311/keys", "{\"name\":\"x\"}"), 401);
    problem(http.post("/api/v1/admin/open311/keys", "{}", bearer(TestServer.ADMIN_TOKEN)), 400);
  }

  @Test
  void aRequestIsFiledReadByIdAndByToken() {
    Map<String, String> fields = streetlight();
    fields.put("address_string", "Calle Río Cubas 5");
    fields.put("email", "vecina@example.org");
    fields.put("phone", "600111222");
    fields.put("attribute[pole_number]", "C-1234");
    HttpResponse<String> r = http.postForm(BASE + "/requests.json", fields);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = json(r).get(0).get("service_request_id").asText();
    String token = json(r).get(0).get("token").asText();

    JsonNode req = ok(http.get(BASE + "/requests/" + id + ".json")).get(0);
    assertThat(req.get("service_request_id").asText()).isEqualTo(id);
    assertThat(req.get("status").asText()).isEqualTo("open");
    assertThat(req.get("service_code").asText()).isEqualTo("streetlight");
    assertThat(req.get("service_name").asText()).isEqualTo("Farola apagada o averiada");
    assertThat(req.get("description").asText()).isEqualTo("La farola de la esquina no se enciende");
    assertThat(req.get("address").asText()).isEqualTo("Calle Río Cubas 5");
    assertThat(req.get("lat").asDouble()).isEqualTo(43.4535);
    assertThat(req.get("long").asDouble()).isEqualTo(-3.8385);
    assertThat(req.get("requested_datetime").asText()).isEqualTo("2026-11-30T10:00:00+01:00");
    assertThat(req.get("updated_datetime").asText()).isEqualTo("2026-11-30T10:00:00+01:00");
    String body = http.get(BASE + "/requests/" + id + ".json").body();
    assertThat(body).doesNotContain("600111222").doesNotContain("vecina@example.org");

    JsonNode byToken = ok(http.get(BASE + "/tokens/" + token + ".json")).get(0);
    assertThat(byToken.get("service_request_id").asText()).isEqualTo(id);
    assertThat(byToken.get("token").asText()).isEqualTo(token);

    // A request with only an address is fine too.
    Map<String, String> graffiti = new LinkedHashMap<>();
    graffiti.put("api_key", apiKey);
    graffiti.put("service_code", "graffiti");
    graffiti.put("address_string", "Parque de Cazoña");
    String other = file(graffiti);
    assertThat(Long.parseLong(other)).isEqualTo(Long.parseLong(id) + 1);
  }

  @Test
  void searchFiltersAndLimit() {
    String first = file(streetlight());
    server.clock().advance(Duration.ofHours(1));
    Map<String, String> pothole = new LinkedHashMap<>();
    pothole.put("api_key", apiKey);
    pothole.put("service_code", "pothole");
    pothole.put("lat", "43.46");
    pothole.put("long", "-3.81");
    pothole.put("attribute[surface]", "road");
    String second = file(pothole);
    server.clock().advance(Duration.ofDays(2));
    String third = file(streetlight());

    List<String> all = ids(http.get(BASE + "/requests.json"));
    assertThat(all).containsExactly(third, second, first);
    assertThat(ids(http.get(BASE + "/requests.json?service_code=streetlight")))
        .containsExactly(third, first);
    assertThat(ids(http.get(BASE + "/requests.json?service_code=pothole,graffiti")))
        .containsExactly(second);
    assertThat(ids(http.get(BASE + "/requests.json?limit=2"))).containsExactly(third, second);
    assertThat(
            ids(
                http.get(
                    BASE + "/requests.json?service_request_id=" + first + "," + third + ",424242")))
        .containsExactly(first, third);
    // Second filed at 11:00 on 30 November; third on 2 December.
    assertThat(
            ids(
                http.get(
                    BASE
                        + "/requests.json?start_date=2026-11-30T10:30:00%2B01:00&end_date=2026-12-01T00:00:00Z")))
        .containsExactly(second);
    assertThat(ids(http.get(BASE + "/requests.json?start_date=2026-12-01"))).containsExactly(third);

    closeAs(TestServer.ADMIN_TOKEN, second, "Bache reparado");
    assertThat(ids(http.get(BASE + "/requests.json?status=closed"))).containsExactly(second);
    assertThat(ids(http.get(BASE + "/requests.json?status=open"))).containsExactly(third, first);
    assertThat(ids(http.get(BASE + "/requests.json?status=open,closed"))).hasSize(3);

    // 90 days later the default window no longer holds the first two.
    server.clock().advance(Duration.ofDays(89).plusHours(12));
    assertThat(ids(http.get(BASE + "/requests.json"))).containsExactly(third);
  }

  private static List<String> ids(HttpResponse<String> r) {
    JsonNode list = ok(r);
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("service_request_id").asText()));
    return out;
  }

  private HttpResponse<String> closeAs(String token, String id, String notes) {
    HttpResponse<String> r =
        http.patch(
            "/api/v1/admin/service-requests/" + id,
            "{\"status\":\"closed\",\"statusNotes\":\""
                + notes
                + "\",\"agencyResponsible\":\"Servicio de Vías y Obras\"}",
            bearer(token));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  @Test
  void staffCloseARequestAndTheCitizenGetsAnSms() {
    Map<String, String> withPhone = streetlight();
    withPhone.put("phone", "600111222");
    String id = file(withPhone);
    String silent = file(streetlight());

    String staff = http.issueToken("{\"name\":\"Técnica de alumbrado\",\"roles\":[\"staff\"]}");
    String kiosk =
        http.issueToken("{\"name\":\"kiosk\",\"roles\":[\"kiosk\"],\"kioskId\":\"k-cazona\"}");
    String patch = "{\"status\":\"closed\",\"statusNotes\":\"Lámpara cambiada\"}";
    problem(http.patch("/api/v1/admin/service-requests/" + id, patch), 401);
    problem(http.patch("/api/v1/admin/service-requests/" + id, patch, bearer(kiosk)), 403);
    problem(http.patch("/api/v1/admin/service-requests/424242", patch, bearer(staff)), 404);
    problem(
        http.patch("/api/v1/admin/service-requests/" + id, "{\"status\":\"fixed\"}", bearer(staff)),
        400);
    problem(http.patch("/api/v1/admin/service-requests/" + id, "{}", bearer(staff)), 400);
    assertThat(outbox.all()).isEmpty();

    server.clock().advance(Duration.ofHours(3));
    JsonNode closed = json(closeAs(staff, id, "Lámpara cambiada"));
    assertThat(closed.get("status").asText()).isEqualTo("closed");
    assertThat(closed.get("agencyResponsible").asText()).isEqualTo("Servicio de Vías y Obras");
    assertThat(closed.get("hasPhone").asBoolean()).isTrue();
    assertThat(closed.toString()).doesNotContain("600111222");

    List<OutboxEntry> notices = outbox.to("+34600111222", "notice");
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).text())
        .contains(id)
        .contains("Farola apagada o averiada")
        .contains("cerrada");
    assertThat(notices.get(0).refId()).isEqualTo(id);
    // Enqueued with the closing, then the dispatcher was woken: it is sent at once.
    outbox.awaitStatus(notices.get(0).id(), SmsStatus.SENT);

    JsonNode req = ok(http.get(BASE + "/requests/" + id + ".json")).get(0);
    assertThat(req.get("status").asText()).isEqualTo("closed");
    assertThat(req.get("status_notes").asText()).isEqualTo("Lámpara cambiada");
    assertThat(req.get("agency_responsible").asText()).isEqualTo("Servicio de Vías y Obras");
    assertThat(req.get("updated_datetime").asText()).isEqualTo("2026-11-30T13:00:00+01:00");

    // Closing again sends nothing more; a request without a phone sends nothing.
    closeAs(staff, id, "Revisada otra vez");
    closeAs(staff, silent, "Hecho");
    assertThat(outbox.all()).hasSize(1);

    // Reopened, then closed again: a new notice.
    assertThat(
            http.patch(
                    "/api/v1/admin/service-requests/" + id, "{\"status\":\"open\"}", bearer(staff))
                .statusCode())
        .isEqualTo(200);
    server.clock().advance(Duration.ofMinutes(5));
    closeAs(staff, id, "Ahora sí");
    assertThat(outbox.to("+34600111222", "notice")).hasSize(2);
  }

  private static org.w3c.dom.Document xml(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/xml"));
    return javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(
            new java.io.ByteArrayInputStream(
                r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static String text(org.w3c.dom.Document d, String tag, int i) {
    return d.getElementsByTagName(tag).item(i).getTextContent();
  }

  @Test
  void theXmlFormatMirrorsTheJsonOne() throws Exception {
    org.w3c.dom.Document services = xml(http.get(BASE + "/services.xml?lang=en"), 200);
    assertThat(services.getDocumentElement().getNodeName()).isEqualTo("services");
    assertThat(services.getElementsByTagName("service").getLength()).isEqualTo(8);
    assertThat(text(services, "service_name", 0)).isEqualTo("Streetlight out or faulty");

    org.w3c.dom.Document definition = xml(http.get(BASE + "/services/streetlight.xml"), 200);
    assertThat(definition.getDocumentElement().getNodeName()).isEqualTo("service_definition");
    assertThat(text(definition, "datatype", 0)).isEqualTo("singlevaluelist");
    assertThat(definition.getElementsByTagName("value").getLength()).isEqualTo(4);

    Map<String, String> fields = streetlight();
    fields.put("description", "Farola <rota> & apagada");
    org.w3c.dom.Document created = xml(http.postForm(BASE + "/requests.xml", fields), 201);
    String id = text(created, "service_request_id", 0);
    org.w3c.dom.Document one = xml(http.get(BASE + "/requests/" + id + ".xml"), 200);
    assertThat(one.getDocumentElement().getNodeName()).isEqualTo("service_requests");
    assertThat(text(one, "description", 0)).isEqualTo("Farola <rota> & apagada");
    assertThat(text(one, "status", 0)).isEqualTo("open");
    assertThat(
            xml(http.get(BASE + "/requests.xml"), 200).getElementsByTagName("request").getLength())
        .isEqualTo(1);
    assertThat(
            xml(http.get(BASE + "/discovery.xml"), 200).getElementsByTagName("format").getLength())
        .isEqualTo(2);

    org.w3c.dom.Document notFound = xml(http.get(BASE + "/requests/424242.xml"), 404);
    assertThat(notFound.getDocumentElement().getNodeName()).isEqualTo("errors");
    assertThat(text(notFound, "code", 0)).isEqualTo("404");
    Map<String, String> noKey = streetlight();
    noKey.remove("api_key");
    assertThat(text(xml(http.postForm(BASE + "/requests.xml", noKey), 403), "code", 0))
        .isEqualTo("403");
  }
}
