package org.vecino.server.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecino.core.parking.CounterReading;
import org.vecino.core.parking.ParkingCatalog;
import org.vecino.core.parking.SpotReading;
import org.vecino.server.ingest.Decoded;
import org.vecino.server.ingest.RejectionReason;
import org.vecino.server.ingest.RoutingDecoder;
import org.vecino.server.testing.Repo;

class ParkingDecoderTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-28T10:12:31Z");
  private static final ParkingCatalog CATALOG =
      ParkingCatalogFile.load(Repo.sampleParking()).catalog();
  private final ParkingDecoder decoder = new ParkingDecoder("city", CATALOG);
  private final RoutingDecoder routing =
      new RoutingDecoder("city", Map.of(ParkingDecoder.DOMAIN, decoder));

  private Decoded decode(String topic, String payload) {
    return routing.decode(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
  }

  private static Decoded.Rejected rejected(Decoded d) {
    assertThat(d).isInstanceOf(Decoded.Rejected.class);
    return (Decoded.Rejected) d;
  }

  @Test
  void aSpotReading() {
    Decoded d =
        decode(
            "city/parking/spots/sdr-0417",
            "{\"timestamp\": \"2026-11-28T11:12:30+01:00\", \"occupied\": true, \"batteryPercent\": 87}");
    SpotReading r = ((ParkingUpdate.Spot) ((Decoded.Update) d).update()).value();
    assertThat(r)
        .isEqualTo(
            new SpotReading("sdr-0417", Instant.parse("2026-11-28T10:12:30Z"), RECEIVED, true, 87));
    assertThat(routing.topicKind("city/parking/spots/nope")).isEqualTo("parking.spots");
    assertThat(routing.topicKind("city/parking/facilities/x")).isEqualTo("parking.facilities");
  }

  @Test
  void aCounterReadingAndAClosedOneWithoutAvailable() {
    Decoded d =
        decode(
            "city/parking/facilities/pz-italia",
            "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": 123, \"status\": \"open\", \"total\": 420}");
    CounterReading r = ((ParkingUpdate.Counter) ((Decoded.Update) d).update()).value();
    assertThat(r.available()).isEqualTo(123);
    assertThat(r.total()).isEqualTo(420);
    assertThat(r.closed()).isFalse();
    Decoded closed =
        decode(
            "city/parking/facilities/pz-italia",
            "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"status\": \"closed\"}");
    CounterReading c = ((ParkingUpdate.Counter) ((Decoded.Update) closed).update()).value();
    assertThat(c.closed()).isTrue();
    assertThat(c.available()).isNull();
    // Above capacity is not rejected here: the state clamps it and reports the counter.
    assertThat(
            decode(
                "city/parking/facilities/pz-italia",
                "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": 5000}"))
        .isInstanceOf(Decoded.Update.class);
  }

  @Test
  void unknownIds() {
    Decoded.Rejected spot =
        rejected(
            decode(
                "city/parking/spots/xyz-1",
                "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"occupied\": true}"));
    assertThat(spot.reason()).isEqualTo(RejectionReason.UNKNOWN_ID);
    assertThat(spot.detail()).contains("spotId").contains("xyz-1");
    Decoded.Rejected facility =
        rejected(
            decode(
                "city/parking/facilities/nope",
                "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": 1}"));
    assertThat(facility.reason()).isEqualTo(RejectionReason.UNKNOWN_ID);
    assertThat(facility.detail()).contains("facilityId");
    Decoded.Rejected zone =
        rejected(
            decode(
                "city/parking/facilities/zona-castaneda",
                "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": 1}"));
    assertThat(zone.reason()).isEqualTo(RejectionReason.UNKNOWN_ID);
    assertThat(zone.detail()).contains("street zone");
  }

  @Test
  void invalidPayloadsNameTheirFields() {
    String spot = "city/parking/spots/sdr-0417";
    String car = "city/parking/facilities/pz-italia";
    assertInvalid(spot, "{\"occupied\": true}", "timestamp: is required");
    assertInvalid(
        spot,
        "{\"timestamp\": \"2026-11-28T10:12:30\", \"occupied\": true}",
        "timestamp: must be an ISO-8601 instant with an offset");
    assertInvalid(spot, "{\"timestamp\": \"2026-11-28T10:12:30Z\"}", "occupied: is required");
    assertInvalid(
        spot,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"occupied\": \"yes\"}",
        "occupied: must be true or false");
    assertInvalid(
        spot,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"occupied\": true, \"batteryPercent\": 101}",
        "batteryPercent: must be a number 0..100");
    assertInvalid(
        spot,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"occupied\": true, \"batteryPercent\": -1}",
        "batteryPercent");
    assertInvalid(spot, "not json", "payload: invalid JSON");
    assertInvalid(car, "{\"timestamp\": \"2026-11-28T10:12:30Z\"}", "available: is required");
    assertInvalid(
        car,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"status\": \"open\"}",
        "available: is required");
    assertInvalid(
        car,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": -1}",
        "available: must be an integer >= 0");
    assertInvalid(
        car,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": 1.5}",
        "available: must be an integer");
    assertInvalid(
        car,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": 3, \"total\": 0}",
        "total: must be an integer >= 1");
    assertInvalid(
        car,
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"available\": 3, \"status\": \"full\"}",
        "status: must be open or closed");
  }

  private void assertInvalid(String topic, String payload, String detail) {
    Decoded.Rejected r = rejected(decode(topic, payload));
    assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_PAYLOAD);
    assertThat(r.detail()).contains(detail);
  }

  @Test
  void unknownTopicsAndTooLarge() {
    assertThat(rejected(decode("city/parking/spots", "{}")).reason())
        .isEqualTo(RejectionReason.UNKNOWN_TOPIC);
    assertThat(rejected(decode("city/parking/spots/sdr-0417/extra", "{}")).reason())
        .isEqualTo(RejectionReason.UNKNOWN_TOPIC);
    assertThat(rejected(decode("city/parking/garages/x", "{}")).reason())
        .isEqualTo(RejectionReason.UNKNOWN_TOPIC);
    String big =
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"occupied\": true, \"x\": \""
            + "a".repeat(17_000)
            + "\"}";
    assertThat(rejected(decode("city/parking/spots/sdr-0417", big)).reason())
        .isEqualTo(RejectionReason.TOO_LARGE);
  }
}
