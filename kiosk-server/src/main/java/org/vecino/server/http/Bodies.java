package org.vecino.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.ValidationException;

/**
 * The one binder of JSON request bodies: a body becomes a request record, whose compact constructor
 * validates it. The body must be a JSON object; each of the record's components is read from the
 * field of the same name with strict types (a number is no string, a string no number), absent and
 * {@code null} fields are null, and unknown fields are ignored. Every field of the wrong type is
 * named in one {@link ValidationException} ({@code phone: must be a string}); the record's own
 * checks then throw theirs. Stateless and thread-safe.
 */
public final class Bodies {
  private static final ObjectMapper MAPPER = strictMapper();

  private Bodies() {}

  /**
   * The request's body as a {@code type}.
   *
   * @throws ValidationException when the body is not a JSON object, a field has the wrong type, or
   *     the record refuses the values
   */
  public static <T extends Record> T read(Context ctx, Class<T> type) {
    return read(ctx.bodyAsBytes(), type);
  }

  /** Like {@link #read(Context, Class)}, but an empty body counts as {@code {}}. */
  public static <T extends Record> T readOrEmpty(Context ctx, Class<T> type) {
    byte[] body = ctx.bodyAsBytes();
    return new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()
        ? read("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), type)
        : read(body, type);
  }

  /** {@code body} (JSON bytes) as a {@code type}; see {@link #read(Context, Class)}. */
  public static <T extends Record> T read(byte[] body, Class<T> type) {
    RecordComponent[] components = type.getRecordComponents();
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (IOException e) {
      tree = null;
    }
    if (tree == null || !tree.isObject()) {
      throw new ValidationException(
          "body",
          "must be a JSON object with the fields "
              + Arrays.stream(components)
                  .map(RecordComponent::getName)
                  .collect(Collectors.joining(", ")));
    }
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      JsonNode n = tree.get(c.getName());
      if (n == null || n.isNull()) {
        if (c.getType().isPrimitive()) {
          errors.add(new FieldError(c.getName(), "is required"));
        }
        continue;
      }
      try {
        args[i] = MAPPER.readerFor(MAPPER.constructType(c.getGenericType())).readValue(n);
      } catch (JsonProcessingException e) {
        errors.add(fieldError(c, e));
      } catch (IOException e) {
        errors.add(new FieldError(c.getName(), message(c.getType())));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  /** The component's name with the path inside it ({@code roles[1]}) and what it must be. */
  private static FieldError fieldError(RecordComponent c, JsonProcessingException e) {
    StringBuilder field = new StringBuilder(c.getName());
    Class<?> target = c.getType();
    if (e instanceof JsonMappingException m) {
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getIndex() >= 0) {
          field.append('[').append(r.getIndex()).append(']');
        } else if (r.getFieldName() != null) {
          field.append('.').append(r.getFieldName());
        }
      }
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      target = m.getTargetType();
    }
    return new FieldError(field.toString(), message(target));
  }

  private static String message(Class<?> target) {
    if (CharSequence.class.isAssignableFrom(target) || target == char.class) {
      return "must be a string";
    }
    if (target == Integer.class
        || target == int.class
        || target == Long.class
        || target == long.class) {
      return "must be a whole number";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
      return "must be a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "must be true or false";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "must be an array";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "must be an object";
    }
    return "has the wrong type";
  }

  private static ObjectMapper strictMapper() {
    JsonMapper m =
        JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return m;
  }
}
