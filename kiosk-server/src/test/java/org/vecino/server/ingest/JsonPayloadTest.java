package org.vecino.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generic field rules (booleans and numbers not used by the transit topics yet). */
class JsonPayloadTest {

  private static ObjectNode parse(JsonPayload p, String json) {
    return p.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void booleansMustBeRealBooleans() {
    JsonPayload p = new JsonPayload();
    ObjectNode o = parse(p, "{\"a\":true,\"b\":\"true\",\"c\":1,\"d\":false}");
    assertThat(p.bool(o, "", "a", true)).isTrue();
    assertThat(p.bool(o, "", "d", true)).isFalse();
    assertThat(p.bool(o, "", "b", true)).isNull();
    assertThat(p.bool(o, "", "c", true)).isNull();
    assertThat(p.bool(o, "", "missing", false)).isNull();
    assertThat(p.detail()).isEqualTo("b: must be true or false; c: must be true or false");
  }

  @Test
  void integersAcceptIntegralValuesOnly() {
    JsonPayload p = new JsonPayload();
    ObjectNode o = parse(p, "{\"a\":87,\"b\":87.0,\"c\":8.7e1,\"d\":87.5,\"e\":1e400,\"f\":101}");
    assertThat(p.integer(o, "", "a", 0, 100, true)).isEqualTo(87);
    assertThat(p.integer(o, "", "b", 0, 100, true)).isEqualTo(87);
    assertThat(p.integer(o, "", "c", 0, 100, true)).isEqualTo(87);
    assertThat(p.integer(o, "", "d", 0, 100, true)).isNull();
    assertThat(p.integer(o, "", "e", 0, 100, true)).isNull();
    assertThat(p.integer(o, "", "f", 0, 100, true)).isNull();
    assertThat(p.integer(o, "", "g", 1, Integer.MAX_VALUE, true)).isNull();
    assertThat(p.detail())
        .isEqualTo(
            "d: must be an integer 0..100; e: must be an integer 0..100;"
                + " f: must be an integer 0..100; g: is required");
  }

  @Test
  void numbersMustBeFinite() {
    JsonPayload p = new JsonPayload();
    ObjectNode o = parse(p, "{\"a\":1e400,\"b\":-0.5}");
    assertThat(p.number(o, "", "a", 0, Double.MAX_VALUE, true)).isNull();
    assertThat(p.number(o, "", "b", -1, 1, true)).isEqualTo(-0.5);
    assertThat(p.detail()).isEqualTo("a: must be a number >= 0");
  }

  @Test
  void nestingBombsAreInvalidNotFatal() {
    JsonPayload p = new JsonPayload();
    assertThat(parse(p, "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")).isNull();
    assertThat(p.detail()).startsWith("payload: invalid JSON");
  }
}
