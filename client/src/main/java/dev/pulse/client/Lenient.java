package dev.pulse.client;

import java.lang.System.Logger.Level;

/**
 * Builder arguments a host may take from a lookup that found nothing, such as {@code
 * getClass().getPackage().getImplementationVersion()} outside a jar or {@code System.getenv("UNSET")}:
 * null or blank is not thrown into the host, but logged as one WARNING saying what is used instead.
 */
final class Lenient {

  private static final System.Logger LOG = System.getLogger(PulseTelemetryBuilder.class.getName());

  private Lenient() {}

  /**
   * {@code value}, or null (with one WARNING naming {@code setter} and {@code instead}) when it is null
   * or blank.
   */
  static String text(String value, String setter, String instead) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    ignored(setter + "(" + (value == null ? "null" : "\"" + escaped(value) + "\"") + ")", instead);
    return null;
  }

  /** Blank {@code text} with its whitespace written as escapes, so that the WARNING stays one readable line. */
  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case ' ' -> out.append(' ');
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  /** Logs that {@code call} was ignored and what is used instead. */
  static void ignored(String call, String instead) {
    LOG.log(Level.WARNING, "Pulse telemetry: " + call + " is ignored; " + instead);
  }
}
