package org.vecino.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns the text of one setting into its value, or throws {@link Invalid} with the words that
 * follow {@code "KEY: "} in the {@link ConfigException} (the loader adds the key, the value and
 * where it came from). The static methods are the small combinators the {@link Setting}
 * declarations are built from. Implementations are immutable and thread-safe.
 *
 * @param <T> the value's type
 */
public interface Parser<T> {
  /**
   * The value of {@code text} (already trimmed, never null).
   *
   * @param workingDir the folder relative paths resolve against
   * @throws Invalid when {@code text} is not an allowed value
   */
  T parse(String text, Path workingDir);

  /** The allowed values in a few words, for documentation: {@code 0..65535}. */
  String allowed();

  /**
   * A value that is not allowed. Its message is the problem only, such as {@code must be true or
   * false}. Immutable.
   */
  final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Invalid(String problem) {
      super(problem, null, false, false);
    }
  }

  /** A parser from a function; {@code allowed} describes the values it accepts. */
  static <T> Parser<T> of(String allowed, BiFunction<String, Path, T> parse) {
    Objects.requireNonNull(allowed, "allowed");
    Objects.requireNonNull(parse, "parse");
    return new Parser<>() {
      @Override
      public T parse(String text, Path workingDir) {
        return parse.apply(text, workingDir);
      }

      @Override
      public String allowed() {
        return allowed;
      }
    };
  }

  /** A parser from a function of the text alone. */
  static <T> Parser<T> of(String allowed, Function<String, T> parse) {
    return of(allowed, (text, workingDir) -> parse.apply(text));
  }

  /** This parser, its value then turned into another. */
  default <R> Parser<R> map(Function<? super T, ? extends R> f) {
    Parser<T> self = this;
    return of(allowed(), (text, workingDir) -> f.apply(self.parse(text, workingDir)));
  }

  /** This parser, refusing the values for which {@code ok} is false with {@code problem}. */
  default Parser<T> check(Predicate<? super T> ok, Function<? super T, String> problem) {
    Parser<T> self = this;
    return of(
        allowed(),
        (text, workingDir) -> {
          T value = self.parse(text, workingDir);
          if (!ok.test(value)) {
            throw new Invalid(problem.apply(value));
          }
          return value;
        });
  }

  /** This parser with another description of the allowed values. */
  default Parser<T> allowing(String allowed) {
    return of(allowed, this::parse);
  }

  // --- the combinators

  /** Any text. */
  static Parser<String> text() {
    return of("any text", Function.identity());
  }

  /** Text matching {@code pattern} entirely; anything else is refused with {@code problem}. */
  static Parser<String> matching(Pattern pattern, String problem) {
    return text().check(s -> pattern.matcher(s).matches(), s -> problem);
  }

  /** A whole number from {@code min} to {@code max}. */
  static Parser<Integer> intRange(int min, int max) {
    String problem = "must be a number " + min + ".." + max;
    Pattern integer = Pattern.compile("[+-]?[0-9]{1,10}");
    return of(
        min + ".." + max,
        text -> {
          if (!integer.matcher(text).matches()) {
            throw new Invalid(problem);
          }
          long n = Long.parseLong(text);
          if (n < min || n > max) {
            throw new Invalid(problem);
          }
          return (int) n;
        });
  }

  /** {@code true} or {@code false}, in lower case. */
  static Parser<Boolean> bool() {
    return of(
        "true or false",
        text ->
            switch (text) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new Invalid("must be true or false");
            });
  }

  /** A duration ({@link DurationParser}) from {@code min} to {@code max}. */
  static Parser<Duration> duration(Duration min, Duration max) {
    String range = DurationParser.format(min) + ".." + DurationParser.format(max);
    return of(
        range,
        text -> {
          Duration d;
          try {
            d = DurationParser.parse(text);
          } catch (IllegalArgumentException e) {
            throw new Invalid("must be a duration such as 90s, 5m or 1h (" + e.getMessage() + ")");
          }
          if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new Invalid(
                "must be between "
                    + DurationParser.format(min)
                    + " and "
                    + DurationParser.format(max));
          }
          return d;
        });
  }

  /** A file or folder, resolved against the working directory and normalized. */
  static Parser<Path> path() {
    return of(
        "a path",
        (text, workingDir) -> {
          try {
            return workingDir.resolve(Path.of(text)).normalize();
          } catch (InvalidPathException e) {
            throw new Invalid("is not a valid path");
          }
        });
  }

  /** An {@code http://} or {@code https://} URL with a host. */
  static Parser<URI> httpUrl() {
    return of(
        "an http:// or https:// URL",
        text -> {
          try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
              return uri;
            }
          } catch (URISyntaxException e) {
            // reported below
          }
          throw new Invalid("must be an http:// or https:// URL with a host");
        });
  }

  /** An IANA time zone id such as {@code Europe/Madrid}. */
  static Parser<ZoneId> zone() {
    return of(
        "a time zone id",
        text -> {
          try {
            return ZoneId.of(text);
          } catch (DateTimeException e) {
            throw new Invalid("must be a time zone id such as Europe/Madrid");
          }
        });
  }

  /** A token or secret: at least {@code minLength} characters, no spaces or control characters. */
  static Parser<String> token(int minLength) {
    return of(
        "at least " + minLength + " characters, no spaces",
        text -> {
          if (text.length() < minLength) {
            throw new Invalid(
                "must be at least "
                    + minLength
                    + " characters long (it has "
                    + text.length()
                    + ")");
          }
          if (text.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new Invalid("must not contain spaces or control characters");
          }
          return text;
        });
  }

  /** One of the constants of {@code type}, written as {@code code} writes it. */
  static <E extends Enum<E>> Parser<E> oneOf(Class<E> type, Function<E, String> code) {
    List<String> codes = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      codes.add(code.apply(e));
    }
    String allowed = String.join(", ", codes);
    return of(
        allowed,
        text -> {
          for (E e : type.getEnumConstants()) {
            if (code.apply(e).equals(text)) {
              return e;
            }
          }
          throw new Invalid("must be one of " + allowed);
        });
  }

  /**
   * A list of {@code element}s separated by {@code separator} (a literal), each trimmed; an empty
   * element is given to {@code element} like any other.
   */
  static <E> Parser<List<E>> list(String separator, Parser<E> element) {
    return of(
        element.allowed() + ", separated by " + separator,
        (text, workingDir) -> {
          List<E> out = new ArrayList<>();
          for (String part : text.split(Pattern.quote(separator), -1)) {
            out.add(element.parse(part.strip(), workingDir));
          }
          return List.copyOf(out);
        });
  }
}
