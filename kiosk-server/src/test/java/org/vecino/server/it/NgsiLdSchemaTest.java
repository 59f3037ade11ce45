package org.vecino.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.testing.MosquittoBroker;
import org.vecino.server.testing.TestMqtt;
import org.vecino.server.testing.TestServer;

/**
 * Every NGSI-LD entity the server produces validates against its official FIWARE Smart Data Models
 * schema (copies in {@code src/test/resources/fiware-parking}), and uses only attributes the schema
 * defines.
 */
class NgsiLdSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES =
      List.of("OffStreetParking", "OnStreetParking", "ParkingSpot");
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          b ->
              b.schemaMappers(
                  m ->
                      m.mapPrefix(
                              "https://smart-data-models.github.io/data-models/",
                              "classpath:fiware-parking/")
                          .mapPrefix(
                              "https://smart-data-models.github.io/dataModel.Parking/",
                              "classpath:fiware-parking/")));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  @RegisterExtension final MosquittoBroker broker = MosquittoBroker.create();
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, broker.url());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> json(server.get("/health")).at("/components/mqtt/connected").asBoolean());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  private static JsonSchema schema(String type) {
    return FACTORY.getSchema(
        SchemaLocation.of("classpath:fiware-parking/" + type + "/schema.json"), CONFIG);
  }

  /** Every property name the schema defines: its own and those of the common definitions. */
  private static Set<String> definedProperties(String type) throws IOException {
    Set<String> names = new HashSet<>();
    JsonNode common = read("fiware-parking/common-schema.json");
    for (JsonNode part : read("fiware-parking/" + type + "/schema.json").get("allOf")) {
      JsonNode props = part.get("properties");
      if (part.has("$ref")) {
        String ref = part.get("$ref").asText();
        props = common.at(ref.substring(ref.indexOf('#') + 1)).get("properties");
      }
      if (props != null) {
        props.fieldNames().forEachRemaining(names::add);
      }
    }
    return names;
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = NgsiLdSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      return JSON.readTree(in);
    }
  }

  private void publish(String topic, String payload) {
    TestMqtt.publish(broker.url(), "city/parking/" + topic, payload, false);
  }

  @Test
  void everyEntityValidatesAgainstItsOfficialSchemaInEveryState() throws IOException {
    String t = "\"timestamp\":\"" + server.clock().instant() + "\"";
    publish("facilities/pz-italia", "{" + t + ",\"available\":57}");
    publish("facilities/canadio", "{" + t + ",\"available\":5000}");
    publish("facilities/escolapios", "{" + t + ",\"status\":\"closed\"}");
    publish("spots/sdr-0417", "{" + t + ",\"occupied\":false,\"batteryPercent\":12}");
    publish("spots/sdr-0418", "{" + t + ",\"occupied\":true}");
    await()
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                json(server.get("/api/v1/parking/zona-castaneda")).get("available").asInt() == 1
                    && json(server.get("/api/v1/parking/escolapios"))
                        .get("status")
                        .asText()
                        .equals("closed"));

    int validated = 0;
    for (String type : TYPES) {
      HttpResponse<String> r =
          server.get("/ngsi-ld/v1/entities?type=" + type + "&options=keyValues");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Link").orElseThrow()).contains("json-ld#context");
      JsonNode entities = json(r);
      assertThat(entities.size()).as(type).isPositive();
      JsonSchema schema = schema(type);
      Set<String> defined = definedProperties(type);
      for (JsonNode entity : entities) {
        Set<ValidationMessage> errors = schema.validate(entity);
        assertThat(errors).as(entity.toString()).isEmpty();
        for (Iterator<String> it = entity.fieldNames(); it.hasNext(); ) {
          String field = it.next();
          assertThat(defined).as(type + " defines " + field).contains(field);
        }
        assertThat(entity.get("id").asText()).startsWith("urn:ngsi-ld:" + type + ":");
        validated++;
      }
    }
    assertThat(validated).isEqualTo(12 + 3 + 86);

    JsonNode italia =
        json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:OffStreetParking:pz-italia"));
    assertThat(italia.get("availableSpotNumber").asInt()).isEqualTo(57);
    assertThat(italia.get("totalSpotNumber").asInt()).isEqualTo(410);
    assertThat(italia.get("status").get(0).asText()).isEqualTo("open");
    assertThat(italia.at("/location/coordinates/0").asDouble()).isEqualTo(-3.7885);
    // The validator does check: an unknown status or a bad location is refused.
    com.fasterxml.jackson.databind.node.ObjectNode wrong = italia.deepCopy();
    wrong.putArray("status").add("unknown");
    assertThat(schema("OffStreetParking").validate(wrong)).isNotEmpty();
    wrong = italia.deepCopy();
    wrong.putObject("location").put("type", "Point");
    assertThat(schema("OffStreetParking").validate(wrong)).isNotEmpty();
    // A car park never heard from: no status and no availability, rather than a guess.
    JsonNode silent =
        json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:OffStreetParking:sardinero"));
    assertThat(silent.has("status")).isFalse();
    assertThat(silent.has("availableSpotNumber")).isFalse();
    assertThat(schema("OffStreetParking").validate(silent)).isEmpty();
    JsonNode spot = json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:ParkingSpot:sdr-0417"));
    assertThat(spot.get("status").asText()).isEqualTo("free");
    assertThat(spot.get("refParkingSite").asText())
        .isEqualTo("urn:ngsi-ld:OnStreetParking:zona-castaneda");

    assertThat(server.get("/ngsi-ld/v1/entities?type=Bus").statusCode()).isEqualTo(400);
    assertThat(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:ParkingSpot:nope").statusCode())
        .isEqualTo(404);
  }
}
