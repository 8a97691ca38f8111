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
    ignored(setter + "(" + (value == null ? "null" : "\"" + value + "\"") + ")", instead);
    return null;
  }

  /** Logs that {@code call} was ignored and what is used instead. */
  static void ignored(String call, String instead) {
    LOG.log(Level.WARNING, "Pulse telemetry: " + call + " is ignored; " + instead);
  }
}
