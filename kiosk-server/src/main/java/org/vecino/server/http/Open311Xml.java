package org.vecino.server.http;

import java.util.List;
import java.util.Map;

/**
 * Writes the Open311 GeoReport v2 XML format from the same maps and lists as the JSON format: a
 * list becomes a root element with one child per item ({@code <service_requests><request>}), a
 * nested list takes its item name from {@link #ITEMS} ({@code attributes} → {@code attribute}),
 * nulls become empty elements. Stateless and thread-safe.
 */
public final class Open311Xml {
  private static final Map<String, String> ITEMS =
      Map.of(
          "attributes", "attribute",
          "values", "value",
          "endpoints", "endpoint",
          "formats", "format");

  private Open311Xml() {}

  /**
   * The document of {@code body}.
   *
   * @param root the root element
   * @param item the element of each item when {@code body} is a list
   */
  public static String write(Object body, String root, String item) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (body instanceof List<?> list) {
      out.append('<').append(root).append('>');
      for (Object o : list) {
        element(out, item, o);
      }
      out.append("</").append(root).append(">\n");
    } else {
      element(out, root, body);
      out.append('\n');
    }
    return out.toString();
  }

  private static void element(StringBuilder out, String name, Object value) {
    if (value == null) {
      out.append('<').append(name).append("/>");
      return;
    }
    out.append('<').append(name).append('>');
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> element(out, k.toString(), v));
    } else if (value instanceof List<?> list) {
      String child = ITEMS.getOrDefault(name, "item");
      for (Object o : list) {
        element(out, child, o);
      }
    } else if (value instanceof Record r) {
      for (var c : r.getClass().getRecordComponents()) {
        try {
          element(out, c.getName(), c.getAccessor().invoke(r));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    } else {
      escape(out, value.toString());
    }
    out.append("</").append(name).append('>');
  }

  private static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
