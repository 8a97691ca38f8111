package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import dev.pulse.server.web.ErrorMessages;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in our words what makes a body not JSON, from Jackson's parse failure. Jackson's own messages
 * name its settings ("Feature 'ALLOW_COMMENTS' not enabled for parser", "enable
 * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow") as if the client could change them, and its
 * own vocabulary ("CTRL-CHAR", "JSON String, Number, Array"). Its messages are matched on their
 * stable openings; one not recognized gets a plain "unexpected" with no library words. Stateless.
 */
final class JsonSyntax {

  private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '([^']*)'");
  private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.*)': was expecting");
  private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)'");
  // Jackson describes a character as 'x' (code 120), or (CTRL-CHAR, code 1) for a control character.
  private static final Pattern CHARACTER = Pattern.compile("\\((?:'(.)'|\\(CTRL-CHAR) ?,? ?\\(?code (\\d+)[^)]*\\)\\)");
  private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.)'");

  private JsonSyntax() {}

  /** What is wrong, e.g. "NaN is not a JSON number (in \"count\")"; no location. */
  static String describe(JsonParseException e) {
    String m = String.valueOf(e.getOriginalMessage());
    String member = member(e);
    Matcher match;
    if (m.contains("comment")) {
      return "JSON comments are not allowed";
    }
    if ((match = NON_STANDARD.matcher(m)).find()) {
      return match.group(1) + " is not a JSON number" + member;
    }
    if (m.contains("plus sign")) {
      return "a JSON number does not start with '+'" + member;
    }
    if (m.contains("Leading zeroes")) {
      return "a JSON number does not start with 0 followed by more digits" + member;
    }
    if (m.startsWith("Unexpected end-of-input")) {
      return m.contains("String value") ? "the body ends inside a string"
          : m.contains("field name") ? "the body ends inside a member name"
          : "the body ends before its JSON does (an object or a list is not closed)";
    }
    if ((match = UNRECOGNIZED.matcher(m)).find()) {
      return "unexpected '" + cut(match.group(1)) + "'; a value is a string in double quotes, a number, an object,"
          + " a list, true, false or null" + member;
    }
    if ((match = CLOSE.matcher(m)).find()) {
      return "unexpected '" + match.group(1) + "', which closes nothing open here";
    }
    if ((match = ESCAPE.matcher(m)).find()) {
      return "\\" + match.group(1) + " is not a JSON escape sequence" + member;
    }
    if ((match = CHARACTER.matcher(m)).find()) {
      // Only a value's failure is in the member last named; a name's or a separator's follows it.
      boolean inValue = m.contains("valid value") || m.contains("numeric value") || m.contains("hex-digit")
          || m.startsWith("Illegal unquoted character") && !m.contains("in name");
      return unexpected(m, match) + (inValue ? member : "");
    }
    return "unexpected content";
  }

  private static String unexpected(String m, Matcher character) {
    int code = Integer.parseInt(character.group(2));
    if (m.startsWith("Illegal unquoted character")) {
      return "a control character (" + codePoint(code) + ") inside a string must be escaped (\\n, \\t, \\u0000)";
    }
    String what = character.group(1) != null
        ? "unexpected character '" + character.group(1) + "'"
        : "unexpected control character " + codePoint(code);
    if (m.contains("separate Object entries")) {
      return what + "; expected ',' or '}'";
    }
    if (m.contains("separate Array entries")) {
      return what + "; expected ',' or ']'";
    }
    if (m.contains("colon to separate")) {
      return what + "; expected ':' after a member name";
    }
    if (m.contains("start field name")) {
      return what + "; expected a member name in double quotes";
    }
    if (m.contains("hex-digit")) {
      return what + " in a \\u escape; expected 4 hex digits";
    }
    if (m.contains("numeric value")) {
      return what + " in a number";
    }
    if (m.contains("valid value")) {
      return what + (code == '\'' ? "; strings are in double quotes" : "; expected a value");
    }
    return what;
  }

  /** {@code (in "count")} when the failure is in a member's value, so the client knows which. */
  private static String member(JsonParseException e) {
    JsonParser parser = e.getProcessor();
    JsonStreamContext context = parser == null ? null : parser.getParsingContext();
    if (context != null && context.inObject() && context.getCurrentName() != null) {
      return " (in \"" + cut(context.getCurrentName()) + "\")";
    }
    return "";
  }

  private static String codePoint(int code) {
    return String.format("U+%04X", code);
  }

  private static String cut(String text) {
    return ErrorMessages.cut(text);
  }
}
