package dev.pulse.server.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last word on every error message a client reads, ours or a library's (Jackson, graphql-java):
 * Java type names become plain words, a quoted value is cut to {@value #MAX_QUOTED} characters and
 * the whole message to {@value #MAX_MESSAGE}, as is each name of the place graphql-java's validation
 * messages name ("(FieldUndefined@[...])"), so that no answer names our internals or echoes a
 * large offending value back. Each rewrite matches only the forms the libraries write (a qualified
 * class, a Java type in quotes or backquotes), never plain words, so our own messages pass as written;
 * the ingest path translates the libraries' messages where it catches them, this is the safety net.
 * Stateless and thread-safe.
 */
public final class ErrorMessages {

  /** The longest quoted value kept whole; a longer one keeps this many characters and "…". */
  public static final int MAX_QUOTED = 64;

  /**
   * The longest message, "…" included: a longer one keeps one character less than this, then "…". Ours
   * end with what to do, after a path or two of the operator's (a data dir's): they stay whole below it.
   */
  static final int MAX_MESSAGE = 1000;

  private static final String JAVA_TYPES =
      "Map|LinkedHashMap|HashMap|ArrayList|List|String|Integer|Long|Double|Float|BigDecimal|BigInteger|Boolean|Object";

  // graphql-java's words for an input object given something else.
  private static final Pattern GRAPHQL_NOT_MAP =
      Pattern.compile(
          "Expected type 'Map' but was '(\\w+)'\\. Variables for input objects must be an instance of type 'Map'\\.");
  // Jackson backquotes the Java names it speaks of: a qualified class (with its generics), an enum
  // constant of its own (`JsonToken.START_ARRAY`) or a plain Java type (`int`). Our own messages
  // backquote commands (`pulse status`), which none of these forms matches: those stay as written.
  private static final Pattern BACKQUOTED =
      Pattern.compile("`((?:java|javax|jakarta|com|org|graphql|dev|kotlin)\\.[\\w.$]+(?:<[^`]*>)?(?:\\[])*"
          + "|[A-Z]\\w*\\.[A-Z][A-Z0-9_]*|" + JAVA_TYPES + "|int|long|double|boolean)`");
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(?:java|javax|jakarta|com|org|graphql|dev|kotlin)\\.[\\w.$]+(?:<[^>]*>)?");
  // graphql-java's "but it was a 'Double'": the article goes with the type, since its word has one.
  private static final Pattern QUOTED_JAVA_TYPE = Pattern.compile("(?:\\ban? )?'(" + JAVA_TYPES + ")'");
  // graphql-java's validation messages say where in the operation: "(FieldUndefined@[query/fff])",
  // the client's names unquoted, joined by "/".
  private static final Pattern VALIDATION_PATH = Pattern.compile("\\((\\w+)@\\[([^\\]]*)]\\)");
  // A quote preceded by a letter is an apostrophe ("request's"), not the start of a value.
  private static final Pattern QUOTED =
      Pattern.compile("(?<![A-Za-z])(['\"])([^'\"]{" + (MAX_QUOTED + 1) + ",})\\1");

  private ErrorMessages() {}

  /** A client's text for a message: whole up to {@value #MAX_QUOTED} characters, else that many and "…". */
  public static String cut(String text) {
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
  }

  /** A path for a message, each of its segments {@linkplain #cut cut}. */
  public static String cutSegments(String path) {
    return String.join("/", Arrays.stream(path.split("/", -1)).map(ErrorMessages::cut).toList());
  }

  /** A client's text for a message, {@linkplain #cut cut} and in double quotes. */
  public static String quoted(String text) {
    return '"' + cut(text) + '"';
  }

  /** The message in our words, short; null stays null. */
  public static String sanitize(String message) {
    if (message == null) {
      return null;
    }
    String m = replace(GRAPHQL_NOT_MAP, message, g -> "Expected an object but was " + typeWord(g.group(1)) + ".");
    m = replace(BACKQUOTED, m, g -> typeWord(g.group(1)));
    m = replace(QUALIFIED, m, g -> typeWord(g.group()));
    m = replace(QUOTED_JAVA_TYPE, m, g -> typeWord(g.group(1)));
    m = replace(VALIDATION_PATH, m, g -> "(" + g.group(1) + "@["
        + String.join("/", Arrays.stream(g.group(2).split("/", -1)).map(ErrorMessages::cut).toList()) + "])");
    m = replace(QUOTED, m, g -> g.group(1) + g.group(2).substring(0, MAX_QUOTED) + "…" + g.group(1));
    return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /**
   * A GraphQL response body with each error's message sanitized; the body itself when it has no
   * errors. The given body is not changed.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> sanitizeErrors(Map<String, Object> body) {
    if (!(body.get("errors") instanceof List<?> errors) || errors.isEmpty()) {
      return body;
    }
    List<Object> clean = new ArrayList<>(errors.size());
    for (Object error : errors) {
      if (error instanceof Map<?, ?> map && map.get("message") instanceof String message) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        copy.put("message", sanitize(message));
        clean.add(copy);
      } else {
        clean.add(error);
      }
    }
    Map<String, Object> copy = new LinkedHashMap<>(body);
    copy.put("errors", clean);
    return copy;
  }

  /** A Java type (simple or qualified, with generics or not) as a word a client understands. */
  public static String typeWord(String type) {
    String simple = type.replaceAll("<.*", "");
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    if (simple.endsWith("Map") || simple.equals("GraphQlRequest") || simple.equals("Object")) {
      return "an object";
    }
    if (simple.endsWith("List") || simple.endsWith("Set") || simple.endsWith("[]")) {
      return "a list";
    }
    switch (simple) {
      case "String":
        return "a string";
      case "Integer":
      case "Long":
      case "Double":
      case "BigDecimal":
      case "BigInteger":
      case "int":
      case "long":
        return "a number";
      case "Boolean":
      case "boolean":
        return "true or false";
      default:
        return "a value";
    }
  }

  private interface Rewrite {
    String apply(Matcher match);
  }

  private static String replace(Pattern pattern, String text, Rewrite rewrite) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(rewrite.apply(matcher)));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
