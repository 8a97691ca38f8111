package dev.pulse.server.web;

import dev.pulse.schema.Suggestions;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request's query parameters against those its route takes. Any other, and one given
 * twice, is refused rather than ignored: a misspelt {@code dryrun=true} must not erase for real, nor a
 * misspelt {@code compnent} answer for every component. So is one whose %-escapes are not UTF-8,
 * which the decoding the routes read would turn into U+FFFD without a word, and one with a % that
 * starts no escape, which that decoding drops without a word.
 */
public final class QueryParameters {

  /**
   * A refused parameter: its name ({@linkplain ErrorMessages#cut cut}, as the client's text in every
   * message is), why in our words, and whether its %-escapes are not UTF-8 (the {@code INVALID_UTF8}
   * of a body) rather than a parameter the route does not take as given.
   */
  public record Refusal(String parameter, String reason, boolean notUtf8) {

    public Refusal {
      parameter = ErrorMessages.cut(parameter);
    }

    /** A parameter the route does not take as given. */
    public Refusal(String parameter, String reason) {
      this(parameter, reason, false);
    }
  }

  /**
   * Why a parameter with a % that starts no escape is refused: the decoding the routes read drops
   * such a parameter whole, so {@code dryRun=true%zz} would erase for real.
   */
  static final String NOT_AN_ESCAPE = "a % in it is not followed by two hex digits; send a % itself as %25";

  /** Why a parameter whose %-escapes are not UTF-8 is refused. */
  static final String NOT_UTF8 = "its %-escapes are not UTF-8 text; send each character as the %-escapes of its"
      + " UTF-8 bytes (é is %C3%A9)";

  private QueryParameters() {}

  /**
   * The first parameter of {@code ctx}'s query with a % that starts no escape or whose %-escapes are
   * not UTF-8, else the first that
   * {@code route} does not take or that is given more than once; empty when there is none.
   */
  public static Optional<Refusal> refusal(Context ctx, List<String> taken, String route) {
    Optional<Refusal> notUtf8 = notUtf8(ctx.queryString());
    return notUtf8.isPresent() ? notUtf8
        : refusal(withoutEmptyPairs(ctx.queryString(), ctx.queryParamMap()), taken, route);
  }

  /**
   * {@code given} without the parameter of empty name Javalin reads from an empty pair ({@code ?&&}, a
   * trailing {@code &}), which is no parameter, as browsers and URLSearchParams read it; a pair with a
   * value and no name ({@code ?=1}) is kept, with its values alone.
   */
  static Map<String, List<String>> withoutEmptyPairs(String query, Map<String, List<String>> given) {
    if (query == null || !given.containsKey("")) {
      return given;
    }
    List<String> unnamed = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (pair.startsWith("=")) {
        unnamed.add(decodedLeniently(pair.substring(1)));
      }
    }
    Map<String, List<String>> kept = new LinkedHashMap<>(given);
    if (unnamed.isEmpty()) {
      kept.remove("");
    } else {
      kept.put("", unnamed);
    }
    return kept;
  }

  /**
   * The first parameter of {@code given} (a request's query, name to values) that {@code route} does
   * not take or that is given more than once; empty when there is none.
   */
  public static Optional<Refusal> refusal(Map<String, List<String>> given, List<String> taken, String route) {
    for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
      String name = parameter.getKey();
      if (name.isEmpty()) {
        String value = ErrorMessages.cut(parameter.getValue().get(0));
        return Optional.of(new Refusal(name, "a parameter has no name (=" + value + "); " + route + " takes "
            + (taken.isEmpty() ? "none" : String.join(", ", taken))));
      }
      if (!taken.contains(name)) {
        return Optional.of(new Refusal(name, "not a parameter of " + route + Suggestions.question(name, taken)
            + "; it takes " + (taken.isEmpty() ? "none" : String.join(", ", taken))));
      }
      if (parameter.getValue().size() > 1) {
        return Optional.of(new Refusal(name, "given " + parameter.getValue().size() + " times; give it once"));
      }
    }
    return Optional.empty();
  }

  /**
   * Refuses the request's first parameter that is not UTF-8, that {@code route} does not take, or that
   * is given twice.
   *
   * @throws HttpProblem 400 {@code INVALID_UTF8} or {@code BAD_PARAMETER}, naming the parameter
   */
  public static void require(Context ctx, List<String> taken, String route) {
    Optional<Refusal> refusal = refusal(ctx, taken, route);
    if (refusal.isPresent()) {
      throw new HttpProblem(400, refusal.get().notUtf8() ? "INVALID_UTF8" : "BAD_PARAMETER",
          (refusal.get().parameter().isEmpty() ? "" : refusal.get().parameter() + ": ") + refusal.get().reason());
    }
  }

  /**
   * Refuses a request whose path, as sent, has %-escapes that spell no UTF-8 ({@code
   * /api/v1/installs/%FF}): decoded, they would reach a route as U+FFFD, another id than the one sent.
   *
   * @throws HttpProblem 400 {@code INVALID_UTF8}
   */
  public static void requirePathUtf8(Context ctx) {
    String path = ctx.req().getRequestURI();
    if (path != null && !isUtf8(path)) {
      throw new HttpProblem(400, "INVALID_UTF8", "the path's " + NOT_UTF8.substring("its ".length()));
    }
  }

  /**
   * The first parameter of a raw query string with a % that starts no escape, or whose name or value
   * is not UTF-8 once decoded.
   */
  static Optional<Refusal> notUtf8(String query) {
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (!escapesWhole(pair)) {
        return Optional.of(new Refusal(decodedLeniently(name), NOT_AN_ESCAPE));
      }
      if (!isUtf8(pair)) {
        return Optional.of(new Refusal(decodedLeniently(name), NOT_UTF8, true));
      }
    }
    return Optional.empty();
  }

  /** Whether every % of {@code text} is followed by two hex digits. */
  private static boolean escapesWhole(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1))
          || !HexFormat.isHexDigit(text.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  /** A parameter's name to show, its bytes that are not UTF-8 as U+FFFD. */
  private static String decodedLeniently(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) { // a % without two hex digits
      return name;
    }
  }

  /** Whether the bytes {@code text}'s %-escapes spell are UTF-8 ({@code %zz} is no escape: left as it is). */
  private static boolean isUtf8(String text) {
    if (text.indexOf('%') < 0) {
      return true;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    StringBuilder plain = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
          && HexFormat.isHexDigit(text.charAt(i + 2))) {
        bytes.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
        plain.setLength(0);
        bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
        i += 2;
      } else {
        plain.append(text.charAt(i));
      }
    }
    bytes.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
