package org.vecino.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.LocalizedText;
import org.vecino.server.text.StrictUtf8;

/**
 * Strict reading of one sensor payload: UTF-8, a single JSON object without duplicate keys, and
 * typed field access that records every invalid field (path and reason) instead of throwing.
 * Unknown fields are ignored; an explicit {@code null} counts as absent.
 *
 * <p>Rules: integers must be integral JSON numbers ({@code 180} or {@code 180.0}, never {@code
 * "180"} or {@code 1.5}); booleans must be JSON booleans; required strings must be non-blank
 * (strings are trimmed, and a blank optional string counts as absent); instants must be ISO-8601
 * with an offset.
 *
 * <p>Not thread-safe: use one instance per message.
 */
public final class JsonPayload {
  /** At most this many errors are listed in a rejection's detail. */
  static final int MAX_ERRORS_LISTED = 10;

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final List<FieldError> errors = new ArrayList<>();

  /**
   * Parses a payload that must be one UTF-8 JSON object; null (with an error recorded on {@code
   * payload}) when it is not.
   */
  public ObjectNode parseObject(byte[] payload) {
    if (payload.length == 0) {
      error("payload", "is empty");
      return null;
    }
    String text;
    try {
      text = StrictUtf8.decode(payload);
    } catch (CharacterCodingException e) {
      error("payload", "is not valid UTF-8");
      return null;
    }
    JsonNode root;
    try {
      root = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      error("payload", "invalid JSON: " + describe(e));
      return null;
    }
    if (root == null || !root.isObject()) {
      error("payload", "must be a JSON object");
      return null;
    }
    return (ObjectNode) root;
  }

  /** Records an invalid field. */
  public void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public int errorCount() {
    return errors.size();
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** The errors as one line, {@code field: reason; field: reason}, capped at a few errors. */
  public String detail() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < errors.size() && i < MAX_ERRORS_LISTED; i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(errors.get(i));
    }
    if (errors.size() > MAX_ERRORS_LISTED) {
      sb.append("; and ").append(errors.size() - MAX_ERRORS_LISTED).append(" more");
    }
    return sb.toString();
  }

  /** The path of a field inside {@code parent} ({@code ""} for the root). */
  public static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** Whether {@code name} is present in {@code parent} with a non-null value. */
  public static boolean present(JsonNode parent, String name) {
    JsonNode n = parent.get(name);
    return n != null && !n.isNull();
  }

  /** A string field, trimmed; a blank optional string is null. */
  public String string(JsonNode parent, String parentPath, String name, boolean required) {
    JsonNode n = parent.get(name);
    String field = path(parentPath, name);
    if (n == null || n.isNull()) {
      return missing(field, required);
    }
    if (!n.isTextual()) {
      error(field, required ? "must be a non-blank string" : "must be a string");
      return null;
    }
    String s = n.textValue().trim();
    if (s.isEmpty()) {
      if (required) {
        error(field, "must be a non-blank string");
      }
      return null;
    }
    return s;
  }

  /** An instant with an offset ({@code 2026-11-28T10:12:30Z}, {@code ...+01:00}). */
  public Instant instant(JsonNode parent, String parentPath, String name, boolean required) {
    JsonNode n = parent.get(name);
    String field = path(parentPath, name);
    if (n == null || n.isNull()) {
      return missing(field, required);
    }
    Instant parsed = n.isTextual() ? parseInstant(n.textValue()) : null;
    if (parsed == null) {
      error(field, "must be an ISO-8601 instant with an offset");
    }
    return parsed;
  }

  /** An integral number within {@code min..max}. */
  public Integer integer(
      JsonNode parent, String parentPath, String name, int min, int max, boolean required) {
    JsonNode n = parent.get(name);
    String field = path(parentPath, name);
    if (n == null || n.isNull()) {
      return missing(field, required);
    }
    if (!n.isNumber()
        || !n.canConvertToExactIntegral()
        || !n.canConvertToLong()
        || n.longValue() < min
        || n.longValue() > max) {
      error(field, "must be an integer " + range(min, max, Integer.MAX_VALUE));
      return null;
    }
    return (int) n.longValue();
  }

  /** A finite number within {@code min..max}. */
  public Double number(
      JsonNode parent, String parentPath, String name, double min, double max, boolean required) {
    JsonNode n = parent.get(name);
    String field = path(parentPath, name);
    if (n == null || n.isNull()) {
      return missing(field, required);
    }
    double d = n.isNumber() ? n.doubleValue() : Double.NaN;
    if (!Double.isFinite(d) || d < min || d > max) {
      error(field, "must be a number " + range(min, max, Double.MAX_VALUE));
      return null;
    }
    return d;
  }

  /** A JSON boolean. */
  public Boolean bool(JsonNode parent, String parentPath, String name, boolean required) {
    JsonNode n = parent.get(name);
    String field = path(parentPath, name);
    if (n == null || n.isNull()) {
      return missing(field, required);
    }
    if (!n.isBoolean()) {
      error(field, "must be true or false");
      return null;
    }
    return n.booleanValue();
  }

  /** A JSON array (its elements unchecked). */
  public JsonNode array(JsonNode parent, String parentPath, String name, boolean required) {
    JsonNode n = parent.get(name);
    String field = path(parentPath, name);
    if (n == null || n.isNull()) {
      return missing(field, required);
    }
    if (!n.isArray()) {
      error(field, "must be an array");
      return null;
    }
    return n;
  }

  /** An array of non-blank strings; absent is an empty list. */
  public List<String> stringList(JsonNode parent, String parentPath, String name) {
    JsonNode n = array(parent, parentPath, name, false);
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    String field = path(parentPath, name);
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (!e.isTextual() || e.textValue().isBlank()) {
        error(field + "[" + i + "]", "must be a non-blank string");
      } else {
        out.add(e.textValue().trim());
      }
    }
    return out;
  }

  /**
   * A text in Spanish and/or English: an object with {@code es} and/or {@code en}; other language
   * keys are ignored.
   */
  public LocalizedText localizedText(
      JsonNode parent, String parentPath, String name, boolean required) {
    JsonNode n = parent.get(name);
    String field = path(parentPath, name);
    if (n == null || n.isNull()) {
      return missing(field, required);
    }
    if (!n.isObject()) {
      error(field, "must be an object with an es and/or en text");
      return null;
    }
    int before = errors.size();
    Map<Lang, String> texts = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      String s = string(n, field, lang.code(), false);
      if (s != null) {
        texts.put(lang, s);
      }
    }
    if (errors.size() > before) {
      return null;
    }
    if (texts.isEmpty()) {
      error(field, "must have a text in es or en");
      return null;
    }
    return new LocalizedText(texts);
  }

  private <T> T missing(String field, boolean required) {
    if (required) {
      error(field, "is required");
    }
    return null;
  }

  private static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String range(double min, double max, double unbounded) {
    String lo = format(min);
    return max >= unbounded ? ">= " + lo : lo + ".." + format(max);
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String describe(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = e.getClass().getSimpleName();
    }
    int newline = msg.indexOf('\n');
    if (newline >= 0) {
      msg = msg.substring(0, newline);
    }
    if (msg.length() > 160) {
      msg = msg.substring(0, 160) + "...";
    }
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      msg +=
          " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    return msg;
  }
}
