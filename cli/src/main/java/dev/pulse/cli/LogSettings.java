package dev.pulse.cli;

import java.util.List;
import java.util.Locale;

/**
 * The log level ({@code PULSE_LOG_LEVEL}: trace, debug, info, warn, error or off; default info) and
 * format ({@code PULSE_LOG_FORMAT}: text or json, one JSON object per line; default text), checked and
 * handed to Logback's {@code logback.xml} as system properties before the first logger exists. A
 * command run with {@code --quiet} defaults to warn, so that only what needs attention is printed.
 */
final class LogSettings {

  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
  private static final List<String> FORMATS = List.of("text", "json");

  private LogSettings() {}

  /** Checks the two settings and publishes them to {@code logback.xml}; refuses a bad value by name. */
  static void apply(Settings settings, boolean quiet) {
    String level = pick(settings, "log-level", quiet ? "warn" : "info", LEVELS);
    String format = pick(settings, "log-format", "text", FORMATS);
    System.setProperty("pulse.log.level", level.toUpperCase(Locale.ROOT));
    System.setProperty("pulse.log.format", format);
  }

  private static String pick(Settings settings, String key, String fallback, List<String> allowed) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(normalized)) {
      throw CliFailure.usage(Settings.envName(key) + " (or " + key + " in the config file) must be one of "
          + String.join(", ", allowed) + ", not '" + value + "'");
    }
    return normalized;
  }
}
