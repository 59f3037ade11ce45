package org.vecino.server.transit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecino.core.kernel.Lang;
import org.vecino.core.testing.FakeTimetable;
import org.vecino.core.transit.realtime.AlertDeletion;
import org.vecino.core.transit.realtime.Prediction;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.core.transit.realtime.Severity;
import org.vecino.core.transit.realtime.StopPredictions;
import org.vecino.core.transit.realtime.VehiclePosition;
import org.vecino.server.ingest.Decoded;
import org.vecino.server.ingest.MessageDecoder;
import org.vecino.server.ingest.RejectionReason;

class TransitDecoderTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-28T10:12:31Z");
  private static final Instant TS = Instant.parse("2026-11-28T10:12:30Z");
  private static final String ARRIVALS = "city/transit/stops/47/arrivals";
  private static final String VEHICLE = "city/transit/vehicles/212/position";
  private static final String ALERT = "city/transit/alerts/a1";

  private final TransitDecoder decoder = new TransitDecoder("city", FakeTimetable.santander());

  private static final String CONTRACT_SNAPSHOT =
      """
      {
        "timestamp": "2026-11-28T10:12:30Z",
        "arrivals": [
          {"line": "1", "destination": "Valdenoja", "etaSeconds": 180, "vehicle": "212", "distanceMeters": 850},
          {"line": "7C1", "destination": "Cueto", "arrivalTime": "2026-11-28T10:20:00Z", "trip": "7C1-0815"}
        ]
      }""";

  private static final String CONTRACT_ALERT =
      """
      {
        "timestamp": "2026-11-28T08:00:00Z",
        "severity": "warning",
        "lines": ["1", "2"],
        "stops": ["47"],
        "activeFrom": "2026-11-28T08:00:00Z",
        "activeUntil": "2026-11-28T20:00:00Z",
        "header": {"es": "Desvío por obras en Calle Castilla", "en": "Detour: roadworks on Calle Castilla", "fr": "Déviation"},
        "description": {"es": "Las líneas 1 y 2 no paran en ...", "en": "Lines 1 and 2 do not stop at ..."}
      }""";

  static Stream<Arguments> rejected() {
    return Stream.of(
        // name, topic, payload, reason, expected detail (exact)
        row(
            "local time without offset",
            ARRIVALS,
            "{\"timestamp\":\"2026-11-28T10:12:30\",\"arrivals\":[]}",
            RejectionReason.INVALID_PAYLOAD,
            "timestamp: must be an ISO-8601 instant with an offset"),
        row(
            "timestamp as a number",
            ARRIVALS,
            "{\"timestamp\":1764324750,\"arrivals\":[]}",
            RejectionReason.INVALID_PAYLOAD,
            "timestamp: must be an ISO-8601 instant with an offset"),
        row(
            "timestamp missing",
            ARRIVALS,
            "{\"arrivals\":[]}",
            RejectionReason.INVALID_PAYLOAD,
            "timestamp: is required"),
        row(
            "both etaSeconds and arrivalTime",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":60,\"arrivalTime\":\"2026-11-28T10:20:00Z\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0]: exactly one of etaSeconds or arrivalTime is required"),
        row(
            "neither etaSeconds nor arrivalTime",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":60}", "{\"line\":\"2\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[1]: exactly one of etaSeconds or arrivalTime is required"),
        row(
            "etaSeconds null counts as absent",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":null}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0]: exactly one of etaSeconds or arrivalTime is required"),
        row(
            "eta 7201",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":7201}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].etaSeconds: must be an integer 0..7200"),
        row(
            "eta negative",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":-1}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].etaSeconds: must be an integer 0..7200"),
        row(
            "eta with decimals",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":1.5}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].etaSeconds: must be an integer 0..7200"),
        row(
            "eta as a string",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":\"180\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].etaSeconds: must be an integer 0..7200"),
        row(
            "eta huge",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":123456789012345678901234567890}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].etaSeconds: must be an integer 0..7200"),
        row(
            "arrivalTime without offset",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"arrivalTime\":\"2026-11-28T10:20:00\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].arrivalTime: must be an ISO-8601 instant with an offset"),
        row(
            "negative distance",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":60,\"distanceMeters\":-5}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].distanceMeters: must be a number >= 0"),
        row(
            "distance beyond an int",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":60,\"distanceMeters\":3e9}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].distanceMeters: must be a number 0..2147483647"),
        row(
            "distance as a string",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":60,\"distanceMeters\":\"850\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].distanceMeters: must be a number >= 0"),
        row(
            "line missing",
            ARRIVALS,
            snapshot("{\"etaSeconds\":60}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].line: is required"),
        row(
            "line as a number",
            ARRIVALS,
            snapshot("{\"line\":1,\"etaSeconds\":60}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].line: must be a non-blank string"),
        row(
            "line blank",
            ARRIVALS,
            snapshot("{\"line\":\"  \",\"etaSeconds\":60}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].line: must be a non-blank string"),
        row(
            "destination as a number",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":60,\"destination\":7}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].destination: must be a string"),
        row(
            "vehicle as an object",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"etaSeconds\":60,\"vehicle\":{}}"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].vehicle: must be a string"),
        row(
            "several errors are all listed",
            ARRIVALS,
            snapshot("{\"etaSeconds\":7201}", "{\"line\":\"1\",\"etaSeconds\":60}", "3"),
            RejectionReason.INVALID_PAYLOAD,
            "arrivals[0].line: is required; arrivals[0].etaSeconds: must be an integer 0..7200;"
                + " arrivals[2]: must be an object"),
        row(
            "arrivals not an array",
            ARRIVALS,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":{}}",
            RejectionReason.INVALID_PAYLOAD,
            "arrivals: must be an array"),
        row(
            "arrivals missing",
            ARRIVALS,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\"}",
            RejectionReason.INVALID_PAYLOAD,
            "arrivals: is required"),
        row(
            "duplicate keys",
            ARRIVALS,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":[],"
                + "\"timestamp\":\"2026-11-28T10:12:31Z\"}",
            RejectionReason.INVALID_PAYLOAD,
            "payload: invalid JSON: Duplicate field 'timestamp'"),
        row(
            "duplicate keys inside an arrival",
            ARRIVALS,
            snapshot("{\"line\":\"1\",\"line\":\"2\",\"etaSeconds\":60}"),
            RejectionReason.INVALID_PAYLOAD,
            "payload: invalid JSON: Duplicate field 'line'"),
        row(
            "not JSON",
            ARRIVALS,
            "{\"timestamp\":",
            RejectionReason.INVALID_PAYLOAD,
            "payload: invalid JSON: Unexpected end-of-input"),
        row(
            "trailing content",
            ARRIVALS,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":[]} {}",
            RejectionReason.INVALID_PAYLOAD,
            null),
        row(
            "an array, not an object",
            ARRIVALS,
            "[1,2]",
            RejectionReason.INVALID_PAYLOAD,
            "payload: must be a JSON object"),
        row(
            "a bare string",
            ARRIVALS,
            "\"hello\"",
            RejectionReason.INVALID_PAYLOAD,
            "payload: must be a JSON object"),
        row(
            "empty payload on arrivals",
            ARRIVALS,
            "",
            RejectionReason.INVALID_PAYLOAD,
            "payload: is empty"),
        row(
            "whitespace payload",
            ARRIVALS,
            "   ",
            RejectionReason.INVALID_PAYLOAD,
            "payload: must be a JSON object"),
        row(
            "unknown stop",
            "city/transit/stops/nope/arrivals",
            CONTRACT_SNAPSHOT,
            RejectionReason.UNKNOWN_ID,
            "stopId: 'nope' is not in the timetable"),
        row(
            "unknown stop is found before the payload is parsed",
            "city/transit/stops/nope/arrivals",
            "not json",
            RejectionReason.UNKNOWN_ID,
            "stopId: 'nope' is not in the timetable"),
        row(
            "vehicle lat out of range",
            VEHICLE,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":91,\"lon\":-3.8}",
            RejectionReason.INVALID_PAYLOAD,
            "lat: must be a number -90..90"),
        row(
            "vehicle lon out of range and lat a string",
            VEHICLE,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":\"43.4\",\"lon\":-180.5}",
            RejectionReason.INVALID_PAYLOAD,
            "lat: must be a number -90..90; lon: must be a number -180..180"),
        row(
            "vehicle lon missing",
            VEHICLE,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":43.4}",
            RejectionReason.INVALID_PAYLOAD,
            "lon: is required"),
        row(
            "vehicle bearing 360",
            VEHICLE,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":43.4,\"lon\":-3.8,\"bearing\":360}",
            RejectionReason.INVALID_PAYLOAD,
            "bearing: must be an integer 0..359"),
        row(
            "vehicle bearing with decimals",
            VEHICLE,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":43.4,\"lon\":-3.8,\"bearing\":90.5}",
            RejectionReason.INVALID_PAYLOAD,
            "bearing: must be an integer 0..359"),
        row(
            "vehicle negative speed",
            VEHICLE,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":43.4,\"lon\":-3.8,\"speedKmh\":-1}",
            RejectionReason.INVALID_PAYLOAD,
            "speedKmh: must be a number >= 0"),
        row(
            "vehicle line as a boolean",
            VEHICLE,
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":43.4,\"lon\":-3.8,\"line\":true}",
            RejectionReason.INVALID_PAYLOAD,
            "line: must be a string"),
        row(
            "empty payload on a vehicle",
            VEHICLE,
            "",
            RejectionReason.INVALID_PAYLOAD,
            "payload: is empty"),
        row(
            "alert header without es or en",
            ALERT,
            alert("\"header\":{\"fr\":\"Travaux\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "header: must have a text in es or en"),
        row(
            "alert header with blank texts",
            ALERT,
            alert("\"header\":{\"es\":\" \",\"en\":\"\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "header: must have a text in es or en"),
        row(
            "alert header missing",
            ALERT,
            alert(null),
            RejectionReason.INVALID_PAYLOAD,
            "header: is required"),
        row(
            "alert header a string",
            ALERT,
            alert("\"header\":\"Obras\""),
            RejectionReason.INVALID_PAYLOAD,
            "header: must be an object with an es and/or en text"),
        row(
            "alert header.es a number",
            ALERT,
            alert("\"header\":{\"es\":5,\"en\":\"Works\"}"),
            RejectionReason.INVALID_PAYLOAD,
            "header.es: must be a string"),
        row(
            "alert description without es or en",
            ALERT,
            alert("\"header\":{\"es\":\"Obras\"},\"description\":{}"),
            RejectionReason.INVALID_PAYLOAD,
            "description: must have a text in es or en"),
        row(
            "alert unknown severity",
            ALERT,
            "{\"timestamp\":\"2026-11-28T08:00:00Z\",\"severity\":\"critical\","
                + "\"header\":{\"es\":\"Obras\"}}",
            RejectionReason.INVALID_PAYLOAD,
            "severity: must be one of info, warning, severe"),
        row(
            "alert severity missing",
            ALERT,
            "{\"timestamp\":\"2026-11-28T08:00:00Z\",\"header\":{\"es\":\"Obras\"}}",
            RejectionReason.INVALID_PAYLOAD,
            "severity: is required"),
        row(
            "alert active period backwards",
            ALERT,
            alert(
                "\"header\":{\"es\":\"Obras\"},\"activeFrom\":\"2026-11-28T20:00:00Z\","
                    + "\"activeUntil\":\"2026-11-28T20:00:00+01:00\""),
            RejectionReason.INVALID_PAYLOAD,
            "activeUntil: must be after activeFrom"),
        row(
            "alert activeFrom local time",
            ALERT,
            alert("\"header\":{\"es\":\"Obras\"},\"activeFrom\":\"2026-11-28T08:00\""),
            RejectionReason.INVALID_PAYLOAD,
            "activeFrom: must be an ISO-8601 instant with an offset"),
        row(
            "alert lines with a number",
            ALERT,
            alert("\"header\":{\"es\":\"Obras\"},\"lines\":[\"1\",2]"),
            RejectionReason.INVALID_PAYLOAD,
            "lines[1]: must be a non-blank string"),
        row(
            "alert stops not an array",
            ALERT,
            alert("\"header\":{\"es\":\"Obras\"},\"stops\":\"47\""),
            RejectionReason.INVALID_PAYLOAD,
            "stops: must be an array"),
        row("unknown topic: no suffix", "city/transit/stops/47", CONTRACT_SNAPSHOT, null, null),
        row(
            "unknown topic: other prefix",
            "town/transit/stops/47/arrivals",
            CONTRACT_SNAPSHOT,
            null,
            null),
        row(
            "unknown topic: prefix as a word start",
            "cityx/transit/stops/47/arrivals",
            CONTRACT_SNAPSHOT,
            null,
            null),
        row(
            "unknown topic: extra segment",
            "city/transit/stops/47/arrivals/x",
            CONTRACT_SNAPSHOT,
            null,
            null),
        row(
            "unknown topic: empty stop id",
            "city/transit/stops//arrivals",
            CONTRACT_SNAPSHOT,
            null,
            null),
        row("unknown topic: parking (for now)", "city/parking/spots/12", "{}", null, null),
        row("unknown topic: prefix only", "city", "{}", null, null),
        row("unknown topic: alerts without id", "city/transit/alerts", "", null, null),
        row("unknown topic: leading slash", "/city/transit/alerts/a1", "", null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(
      String name, String topic, String payload, RejectionReason reason, String expectedDetail) {
    RejectionReason expectedReason = reason == null ? RejectionReason.UNKNOWN_TOPIC : reason;
    Decoded d = decoder.decode(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);

    assertThat(d).isInstanceOf(Decoded.Rejected.class);
    Decoded.Rejected r = (Decoded.Rejected) d;
    assertThat(r.reason()).isEqualTo(expectedReason);
    if (expectedDetail != null && expectedDetail.startsWith("payload: invalid JSON")) {
      // Jackson's wording after the reason (and the position) is not ours to pin down
      assertThat(r.detail()).startsWith(expectedDetail).contains("(line 1, column ");
    } else if (expectedDetail != null) {
      assertThat(r.detail()).isEqualTo(expectedDetail);
    } else if (expectedReason == RejectionReason.INVALID_PAYLOAD) {
      assertThat(r.detail()).startsWith("payload: invalid JSON");
    }
  }

  @Test
  void malformedUtf8IsInvalid() {
    byte[] payload =
        "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":[{\"line\":\"X\",\"etaSeconds\":1}]}"
            .getBytes(StandardCharsets.UTF_8);
    payload[57] = (byte) 0xC3; // the 'X': a lead byte followed by '"', not a continuation byte
    Decoded d = decoder.decode(ARRIVALS, payload, RECEIVED);
    assertThat(d)
        .isEqualTo(
            new Decoded.Rejected(RejectionReason.INVALID_PAYLOAD, "payload: is not valid UTF-8"));
  }

  @Test
  void overlongUtf8IsInvalid() {
    byte[] payload = "{\"timestamp\":\"\",\"arrivals\":[]}".getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[payload.length + 2];
    System.arraycopy(payload, 0, bad, 0, 14);
    bad[14] = (byte) 0xC0; // overlong encoding of '/'
    bad[15] = (byte) 0xAF;
    System.arraycopy(payload, 14, bad, 16, payload.length - 14);
    Decoded d = decoder.decode(ARRIVALS, bad, RECEIVED);
    assertThat(((Decoded.Rejected) d).detail()).isEqualTo("payload: is not valid UTF-8");
  }

  @Test
  void oneByteOverTheLimitIsTooLargeAndNotParsed() {
    byte[] payload = padded(MessageDecoder.MAX_PAYLOAD_BYTES + 1);
    payload[0] = '['; // not even JSON: it must not be looked at
    Decoded d = decoder.decode(ARRIVALS, payload, RECEIVED);
    assertThat(d)
        .isEqualTo(
            new Decoded.Rejected(
                RejectionReason.TOO_LARGE, "payload: 16385 bytes, more than the limit of 16384"));
  }

  @Test
  void tooLargeWinsOverUnknownTopicAndUnknownStop() {
    byte[] payload = padded(MessageDecoder.MAX_PAYLOAD_BYTES + 1);
    assertThat(reason(decoder.decode("elsewhere", payload, RECEIVED)))
        .isEqualTo(RejectionReason.TOO_LARGE);
    assertThat(reason(decoder.decode("city/transit/stops/nope/arrivals", payload, RECEIVED)))
        .isEqualTo(RejectionReason.TOO_LARGE);
  }

  @Test
  void exactly16KiBIsAccepted() {
    byte[] payload = padded(MessageDecoder.MAX_PAYLOAD_BYTES);
    assertThat(payload).hasSize(16384);
    Decoded d = decoder.decode(ARRIVALS, payload, RECEIVED);
    assertThat(d).isInstanceOf(Decoded.Update.class);
  }

  @Test
  void contractSnapshotResolvesEtaAgainstTimestamp() {
    StopPredictions s = arrivals(decoder.decode(ARRIVALS, utf8(CONTRACT_SNAPSHOT), RECEIVED));

    assertThat(s.stopId()).isEqualTo("47");
    assertThat(s.timestamp()).isEqualTo(TS);
    assertThat(s.receivedAt()).isEqualTo(RECEIVED);
    assertThat(s.arrivals())
        .containsExactly(
            new Prediction("1", "Valdenoja", TS.plusSeconds(180), "212", 850, null),
            new Prediction(
                "7C1", "Cueto", Instant.parse("2026-11-28T10:20:00Z"), null, null, "7C1-0815"));
  }

  @Test
  void offsetsOtherThanZuluAreConverted() {
    String json =
        "{\"timestamp\":\"2026-11-28T11:12:30+01:00\",\"arrivals\":["
            + "{\"line\":\"1\",\"arrivalTime\":\"2026-11-28T11:20:00.500+01:00\"},"
            + "{\"line\":\"2\",\"etaSeconds\":0}]}";
    StopPredictions s = arrivals(decoder.decode(ARRIVALS, utf8(json), RECEIVED));
    assertThat(s.timestamp()).isEqualTo(TS);
    assertThat(s.arrivals().get(0).arrivalTime())
        .isEqualTo(Instant.parse("2026-11-28T10:20:00.500Z"));
    assertThat(s.arrivals().get(1).arrivalTime()).isEqualTo(TS);
  }

  @Test
  void emptyArrivalsIsAValidSnapshot() {
    StopPredictions s =
        arrivals(
            decoder.decode(
                ARRIVALS,
                utf8("{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":[]}"),
                RECEIVED));
    assertThat(s.arrivals()).isEmpty();
  }

  @Test
  void lenientWhereTheContractAllows() {
    String json =
        "\uFEFF{\"timestamp\":\"2026-11-28T10:12:30Z\",\"source\":\"avl-7\",\"arrivals\":["
            + "{\"line\":\" 1 \",\"etaSeconds\":180.0,\"distanceMeters\":850.6,"
            + "\"destination\":null,\"vehicle\":\"\",\"extra\":[1,2]},"
            + "{\"line\":\"1\",\"etaSeconds\":7200,\"distanceMeters\":0}]}";
    StopPredictions s = arrivals(decoder.decode(ARRIVALS, utf8(json), RECEIVED));
    assertThat(s.arrivals())
        .containsExactly(
            // integral 180.0 is an integer; decimals of a distance are rounded; null and blank
            // optional strings are absent; unknown fields are ignored; strings are trimmed
            new Prediction("1", null, TS.plusSeconds(180), null, 851, null),
            new Prediction("1", null, TS.plusSeconds(7200), null, 0, null));
  }

  @Test
  void contractVehicle() {
    String json =
        "{\"timestamp\": \"2026-11-28T10:12:30Z\", \"line\": \"1\", \"lat\": 43.4623,"
            + " \"lon\": -3.8099, \"speedKmh\": 23.5, \"bearing\": 270}";
    Decoded d = decoder.decode(VEHICLE, utf8(json), RECEIVED);
    VehiclePosition v = ((TransitUpdate.Vehicle) ((Decoded.Update) d).update()).value();
    assertThat(v.vehicleId()).isEqualTo("212");
    assertThat(v.timestamp()).isEqualTo(TS);
    assertThat(v.receivedAt()).isEqualTo(RECEIVED);
    assertThat(v.line()).isEqualTo("1");
    assertThat(v.position().lat()).isEqualTo(43.4623);
    assertThat(v.position().lon()).isEqualTo(-3.8099);
    assertThat(v.speedKmh()).isEqualTo(23.5);
    assertThat(v.bearing()).isEqualTo(270);
  }

  @Test
  void minimalVehicleAtTheLimits() {
    String json = "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"lat\":-90,\"lon\":180}";
    Decoded d = decoder.decode("city/transit/vehicles/any id/position", utf8(json), RECEIVED);
    VehiclePosition v = ((TransitUpdate.Vehicle) ((Decoded.Update) d).update()).value();
    assertThat(v.vehicleId()).isEqualTo("any id");
    assertThat(v.line()).isNull();
    assertThat(v.speedKmh()).isNull();
    assertThat(v.bearing()).isNull();
  }

  @Test
  void contractAlertKeepsSpanishAndEnglishOnly() {
    Decoded d = decoder.decode(ALERT, utf8(CONTRACT_ALERT), RECEIVED);
    ServiceAlert a = ((TransitUpdate.Alert) ((Decoded.Update) d).update()).value();
    assertThat(a.id()).isEqualTo("a1");
    assertThat(a.timestamp()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    assertThat(a.receivedAt()).isEqualTo(RECEIVED);
    assertThat(a.severity()).isEqualTo(Severity.WARNING);
    assertThat(a.lines()).containsExactly("1", "2");
    assertThat(a.stops()).containsExactly("47");
    assertThat(a.activeFrom()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    assertThat(a.activeUntil()).isEqualTo(Instant.parse("2026-11-28T20:00:00Z"));
    assertThat(a.header().texts())
        .isEqualTo(
            Map.of(
                Lang.ES, "Desvío por obras en Calle Castilla",
                Lang.EN, "Detour: roadworks on Calle Castilla"));
    assertThat(a.description().get(Lang.EN)).isEqualTo("Lines 1 and 2 do not stop at ...");
  }

  @Test
  void minimalAlert() {
    String json =
        "{\"timestamp\":\"2026-11-28T08:00:00Z\",\"severity\":\"info\",\"header\":{\"en\":\"Hi\"}}";
    Decoded d = decoder.decode(ALERT, utf8(json), RECEIVED);
    ServiceAlert a = ((TransitUpdate.Alert) ((Decoded.Update) d).update()).value();
    assertThat(a.severity()).isEqualTo(Severity.INFO);
    assertThat(a.lines()).isEmpty();
    assertThat(a.stops()).isEmpty();
    assertThat(a.activeFrom()).isNull();
    assertThat(a.activeUntil()).isNull();
    assertThat(a.description()).isNull();
    assertThat(a.header().get(Lang.ES)).isEqualTo("Hi");
  }

  @Test
  void emptyAlertPayloadDeletesTheAlertAsOfReception() {
    Decoded d = decoder.decode(ALERT, new byte[0], RECEIVED);
    assertThat(d)
        .isEqualTo(
            new Decoded.Update(new TransitUpdate.AlertRemoved(new AlertDeletion("a1", RECEIVED))));
    assertThat(((Decoded.Update) d).update().key()).isEqualTo("alert:a1");
  }

  @Test
  void topicKinds() {
    assertThat(decoder.topicKind(ARRIVALS)).isEqualTo("transit.arrivals");
    assertThat(decoder.topicKind("city/transit/stops/nope/arrivals")).isEqualTo("transit.arrivals");
    assertThat(decoder.topicKind(VEHICLE)).isEqualTo("transit.vehicles");
    assertThat(decoder.topicKind(ALERT)).isEqualTo("transit.alerts");
    assertThat(decoder.topicKind("city/parking/spots/1")).isEqualTo("unknown");
    assertThat(decoder.topicKind("city/transit/stops/47")).isEqualTo("unknown");
  }

  @Test
  void multiLevelPrefix() {
    TransitDecoder d = new TransitDecoder("es/santander", FakeTimetable.santander());
    assertThat(
            d.decode("es/santander/transit/stops/47/arrivals", utf8(CONTRACT_SNAPSHOT), RECEIVED))
        .isInstanceOf(Decoded.Update.class);
    assertThat(reason(d.decode(ARRIVALS, utf8(CONTRACT_SNAPSHOT), RECEIVED)))
        .isEqualTo(RejectionReason.UNKNOWN_TOPIC);
  }

  @Test
  void manyErrorsAreCapped() {
    StringBuilder sb = new StringBuilder("{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":[");
    for (int i = 0; i < 25; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"line\":\"1\",\"etaSeconds\":-1}");
    }
    sb.append("]}");
    Decoded.Rejected r = (Decoded.Rejected) decoder.decode(ARRIVALS, utf8(sb.toString()), RECEIVED);
    assertThat(r.detail()).endsWith("; and 15 more");
    assertThat(r.detail().split("; ")).hasSize(11);
  }

  // --- helpers

  private static Arguments row(
      String name, String topic, String payload, RejectionReason reason, String detail) {
    return Arguments.of(name, topic, payload, reason, detail);
  }

  private static String snapshot(String... arrivals) {
    return "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":["
        + String.join(",", List.of(arrivals))
        + "]}";
  }

  /** An alert with a valid timestamp and severity, plus the given fields (header among them). */
  private static String alert(String fields) {
    return "{\"timestamp\":\"2026-11-28T08:00:00Z\",\"severity\":\"warning\""
        + (fields == null ? "" : "," + fields)
        + "}";
  }

  /** A valid snapshot padded with an ignored field to exactly {@code size} bytes. */
  private static byte[] padded(int size) {
    String head = "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":[],\"pad\":\"";
    String tail = "\"}";
    return utf8(head + "x".repeat(size - head.length() - tail.length()) + tail);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static StopPredictions arrivals(Decoded d) {
    assertThat(d).isInstanceOf(Decoded.Update.class);
    return ((TransitUpdate.StopArrivals) ((Decoded.Update) d).update()).value();
  }

  private static RejectionReason reason(Decoded d) {
    return ((Decoded.Rejected) d).reason();
  }
}
