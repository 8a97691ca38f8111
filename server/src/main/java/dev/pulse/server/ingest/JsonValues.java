package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON value into maps, lists, strings, booleans and numbers for graphql-java's variable
 * coercion, keeping every number exact: a number with a fraction or an exponent is a {@link Written}
 * decimal, never a double (a double takes {@code 1.0000000000000000000001} for 1 and {@code 1e-400}
 * for 0, which the Int coercion then accepts, and {@code 1e400} for Infinity). Whole numbers are
 * Integer, Long or BigInteger as Jackson gives them. Nesting is bounded by the parser's limits.
 */
final class JsonValues {

  /** A decimal exponent beyond this is no Int whatever it is; its value is then stood in for. */
  private static final int MAX_SCALE = 1000;

  private JsonValues() {}

  /** The object starting at the parser's current token ({@code START_OBJECT}). */
  static Map<String, Object> object(JsonParser parser) throws IOException {
    Map<String, Object> members = new LinkedHashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      members.put(name, value(parser, parser.nextToken()));
    }
    return members;
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> list(parser);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> Written.of(parser.getText());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  private static List<Object> list(JsonParser parser) throws IOException {
    List<Object> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      items.add(value(parser, token));
    }
    return items;
  }

  /**
   * A JSON number with a fraction or an exponent: its exact value, and its text as the client wrote
   * it, for messages. One whose exponent makes its exact value costly to compare with an Int's range
   * ({@code 1e999999999}, {@code 1e-999999999}) holds a stand-in of the same kind instead: a whole
   * number far out of range, or a fraction that is not whole; both are refused all the same.
   */
  static final class Written extends BigDecimal {
    private static final long serialVersionUID = 1L;
    private final String text;

    private Written(BigDecimal value, String text) {
      super(value.unscaledValue(), value.scale());
      this.text = text;
    }

    static Written of(String text) {
      BigDecimal exact;
      try {
        exact = new BigDecimal(text);
      } catch (NumberFormatException e) {
        exact = null; // an exponent beyond an int's range
      }
      if (exact != null && exact.signum() == 0 || exact == null && zeroMantissa(text)) {
        return new Written(BigDecimal.ZERO, text);
      }
      if (exact != null && Math.abs(exact.stripTrailingZeros().scale()) <= MAX_SCALE) {
        return new Written(exact, text);
      }
      boolean tiny = exact != null ? exact.stripTrailingZeros().scale() > 0 : text.matches("(?s).*[eE]-.*");
      String sign = text.startsWith("-") ? "-" : "";
      return new Written(new BigDecimal(sign + (tiny ? "1e-" : "1e") + (MAX_SCALE + 1)), text);
    }

    private static boolean zeroMantissa(String text) {
      int e = Math.max(text.indexOf('e'), text.indexOf('E'));
      return (e < 0 ? text : text.substring(0, e)).chars().allMatch(c -> c == '0' || c == '.' || c == '-');
    }

    /** The number as the client wrote it. */
    String text() {
      return text;
    }
  }
}
