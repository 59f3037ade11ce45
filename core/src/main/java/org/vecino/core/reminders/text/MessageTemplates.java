package org.vecino.core.reminders.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.ValidationException;

/**
 * The SMS texts Vecino sends, in every {@link Lang}, checked once and then rendered with
 * placeholders ({@code {when}}, {@code {place}}, {@code {code}}, {@code {requestId}}, {@code
 * {service}}). Braces are only for placeholders (there is no escape: they cost two GSM septets
 * anyway). Each key allows the placeholders of {@link #placeholders(String)} and requires those of
 * {@link #requiredPlaceholders(String)}. Immutable and thread-safe.
 */
public final class MessageTemplates {
  public static final String REMINDER_MEDICAL = "reminder.medical";
  public static final String REMINDER_MUNICIPAL = "reminder.municipal";
  public static final String NOTICE_MOVED = "notice.moved";
  public static final String NOTICE_CANCELLED_BY_SYSTEM = "notice.cancelledBySystem";
  public static final String REPLY_CONFIRMED = "reply.confirmed";
  public static final String REPLY_CANCELLED = "reply.cancelled";
  public static final String REPLY_STOPPED = "reply.stopped";
  public static final String REPLY_STARTED = "reply.started";
  public static final String REPLY_HELP = "reply.help";
  public static final String REPLY_NO_APPOINTMENT = "reply.noAppointment";
  public static final String OTP_CODE = "otp.code";
  public static final String REQUEST_CLOSED = "request.closed";

  /** The placeholders a template may use. */
  public static final Set<String> PLACEHOLDERS =
      Set.of("when", "place", "code", "requestId", "service");

  private static final Set<String> APPOINTMENT = Set.of("when", "place");
  private static final Map<String, Set<String>> ALLOWED = allowed();
  private static final Map<String, Set<String>> REQUIRED =
      Map.of(
          REMINDER_MEDICAL, Set.of("when"),
          REMINDER_MUNICIPAL, Set.of("when"),
          NOTICE_MOVED, Set.of("when"),
          OTP_CODE, Set.of("code"),
          REQUEST_CLOSED, Set.of("requestId"));

  /** Every template key; each language must define all of them. */
  public static final Set<String> KEYS = Collections.unmodifiableSet(ALLOWED.keySet());

  private final Map<Lang, Map<String, List<Part>>> templates;

  private MessageTemplates(Map<Lang, Map<String, List<Part>>> templates) {
    this.templates = templates;
  }

  private static Map<String, Set<String>> allowed() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put(REMINDER_MEDICAL, APPOINTMENT);
    m.put(REMINDER_MUNICIPAL, APPOINTMENT);
    m.put(NOTICE_MOVED, APPOINTMENT);
    m.put(NOTICE_CANCELLED_BY_SYSTEM, APPOINTMENT);
    m.put(REPLY_CONFIRMED, APPOINTMENT);
    m.put(REPLY_CANCELLED, APPOINTMENT);
    m.put(REPLY_STOPPED, Set.of());
    m.put(REPLY_STARTED, Set.of());
    m.put(REPLY_HELP, Set.of());
    m.put(REPLY_NO_APPOINTMENT, Set.of());
    m.put(OTP_CODE, Set.of("code"));
    m.put(REQUEST_CLOSED, Set.of("requestId", "service"));
    return Collections.unmodifiableMap(m);
  }

  /**
   * The placeholders {@code key}'s templates may use; a caller rendering {@code key} should pass a
   * value for each. Appointment texts: {@code when}, {@code place}; {@code otp.code}: {@code code};
   * {@code request.closed}: {@code requestId}, {@code service}; the other replies: none.
   *
   * @throws IllegalArgumentException on an unknown key
   */
  public static Set<String> placeholders(String key) {
    Set<String> p = ALLOWED.get(key);
    if (p == null) {
      throw new IllegalArgumentException("unknown template key: " + key);
    }
    return p;
  }

  /**
   * The placeholders every template of {@code key} must contain ({@code when} in reminders and
   * moves, {@code code} in {@code otp.code}, {@code requestId} in {@code request.closed}).
   *
   * @throws IllegalArgumentException on an unknown key
   */
  public static Set<String> requiredPlaceholders(String key) {
    placeholders(key);
    return REQUIRED.getOrDefault(key, Set.of());
  }

  /**
   * Checks and compiles the texts.
   *
   * @throws ValidationException with one {@link FieldError} per problem, its field {@code
   *     "<lang>.<key>"} (e.g. {@code "en.reply.help"}): a language or key missing, an unknown key,
   *     a blank text, an unbalanced brace, a placeholder unknown or not allowed for the key, a
   *     required placeholder absent
   */
  public static MessageTemplates of(Map<Lang, Map<String, String>> texts) {
    Objects.requireNonNull(texts, "texts");
    List<FieldError> errors = new ArrayList<>();
    Map<Lang, Map<String, List<Part>>> compiled = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      Map<String, String> byKey = texts.get(lang);
      if (byKey == null) {
        errors.add(new FieldError(lang.code(), "language missing"));
        continue;
      }
      Map<String, List<Part>> parts = new LinkedHashMap<>();
      for (String key : KEYS) {
        String field = lang.code() + "." + key;
        String text = byKey.get(key);
        if (text == null) {
          errors.add(new FieldError(field, "missing"));
        } else if (text.isBlank()) {
          errors.add(new FieldError(field, "must not be blank"));
        } else {
          compile(field, key, text, errors).ifPresent(p -> parts.put(key, p));
        }
      }
      for (String key : new java.util.TreeSet<>(byKey.keySet())) {
        if (!ALLOWED.containsKey(key)) {
          errors.add(new FieldError(lang.code() + "." + key, "unknown key"));
        }
      }
      compiled.put(lang, Collections.unmodifiableMap(parts));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new MessageTemplates(Collections.unmodifiableMap(compiled));
  }

  private static java.util.Optional<List<Part>> compile(
      String field, String key, String text, List<FieldError> errors) {
    List<Part> parts = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    int before = errors.size();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      int close = text.indexOf('}', i);
      if (close >= 0 && (open < 0 || close < open)) {
        errors.add(new FieldError(field, "unbalanced '}' at position " + (close + 1)));
        break;
      }
      if (open < 0) {
        parts.add(new Part(text.substring(i), false));
        break;
      }
      if (open > i) {
        parts.add(new Part(text.substring(i, open), false));
      }
      int end = text.indexOf('}', open + 1);
      int nested = text.indexOf('{', open + 1);
      if (end < 0 || (nested >= 0 && nested < end)) {
        errors.add(new FieldError(field, "unbalanced '{' at position " + (open + 1)));
        break;
      }
      String name = text.substring(open + 1, end);
      if (!PLACEHOLDERS.contains(name)) {
        errors.add(new FieldError(field, "unknown placeholder {" + name + "}"));
      } else if (!ALLOWED.get(key).contains(name)) {
        errors.add(
            new FieldError(
                field, "placeholder {" + name + "} cannot be used in " + key + allowedHint(key)));
      } else {
        used.add(name);
        parts.add(new Part(name, true));
      }
      i = end + 1;
    }
    if (errors.size() == before) {
      for (String required : new java.util.TreeSet<>(REQUIRED.getOrDefault(key, Set.of()))) {
        if (!used.contains(required)) {
          errors.add(new FieldError(field, "must contain {" + required + "}"));
        }
      }
    }
    return errors.size() == before
        ? java.util.Optional.of(List.copyOf(parts))
        : java.util.Optional.empty();
  }

  private static String allowedHint(String key) {
    Set<String> allowed = ALLOWED.get(key);
    if (allowed.isEmpty()) {
      return " (it takes none)";
    }
    return " (it takes " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")";
  }

  /**
   * The text of {@code key} in {@code lang} with its placeholders replaced by {@code values} (extra
   * values are ignored). The result is not folded to GSM-7; see {@code SmsAnalyzer.fitToGsm}.
   *
   * @throws IllegalArgumentException on an unknown key or a placeholder with no value
   */
  public String render(String key, Lang lang, Map<String, String> values) {
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(values, "values");
    if (key == null || !ALLOWED.containsKey(key)) {
      throw new IllegalArgumentException("unknown template key: " + key);
    }
    StringBuilder out = new StringBuilder();
    for (Part part : templates.get(lang).get(key)) {
      if (!part.placeholder()) {
        out.append(part.text());
        continue;
      }
      String value = values.get(part.text());
      if (value == null) {
        throw new IllegalArgumentException(
            "no value for {" + part.text() + "} in " + lang.code() + "." + key);
      }
      out.append(value);
    }
    return out.toString();
  }

  /** A literal run of text, or a placeholder's name. */
  private record Part(String text, boolean placeholder) {}
}
