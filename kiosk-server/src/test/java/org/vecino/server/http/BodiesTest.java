package org.vecino.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.ValidationException;

class BodiesTest {
  record Sample(String name, Double lat, Integer count, Boolean on, List<String> tags) {}

  record Checked(String code) {
    Checked {
      if (code == null) {
        throw new ValidationException("code", "is required");
      }
    }
  }

  record Attributes(Map<String, Object> attributes) {}

  private static <T extends Record> T read(String json, Class<T> type) {
    return Bodies.read(json.getBytes(StandardCharsets.UTF_8), type);
  }

  private static List<FieldError> errors(String json, Class<? extends Record> type) {
    return catchThrowableOfType(ValidationException.class, () -> read(json, type)).errors();
  }

  @Test
  void bindsFieldsByNameAndIgnoresUnknownOnes() {
    Sample s =
        read(
            "{\"name\":\"x\",\"lat\":43.4,\"count\":3,\"on\":true,\"tags\":[\"a\"],\"extra\":1}",
            Sample.class);
    assertThat(s).isEqualTo(new Sample("x", 43.4, 3, true, List.of("a")));
  }

  @Test
  void absentAndNullFieldsAreNull() {
    assertThat(read("{\"name\":null}", Sample.class))
        .isEqualTo(new Sample(null, null, null, null, null));
  }

  @Test
  void everyFieldOfTheWrongTypeIsNamed() {
    assertThat(
            errors(
                "{\"name\":5,\"lat\":\"north\",\"count\":1.5,\"on\":\"yes\",\"tags\":[\"a\",2]}",
                Sample.class))
        .containsExactly(
            new FieldError("name", "must be a string"),
            new FieldError("lat", "must be a number"),
            new FieldError("count", "must be a whole number"),
            new FieldError("on", "must be true or false"),
            new FieldError("tags[1]", "must be a string"));
    assertThat(errors("{\"tags\":\"a\"}", Sample.class))
        .containsExactly(new FieldError("tags", "must be an array"));
  }

  @Test
  void aBodyThatIsNoJsonObjectNamesTheFieldsItNeeds() {
    for (String bad : List.of("", "not json", "[1]", "\"text\"", "null")) {
      assertThat(errors(bad, Sample.class))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.field()).isEqualTo("body");
                assertThat(e.message()).contains("JSON object").contains("name, lat, count");
              });
    }
  }

  @Test
  void theRecordValidatesItself() {
    assertThat(errors("{}", Checked.class)).containsExactly(new FieldError("code", "is required"));
    assertThat(read("{\"code\":\"a\"}", Checked.class).code()).isEqualTo("a");
  }

  @Test
  void untypedValuesKeepTheirJsonShape() {
    assertThat(read("{\"attributes\":{\"a\":\"x\",\"b\":2}}", Attributes.class).attributes())
        .containsEntry("a", "x")
        .containsEntry("b", 2);
  }
}
