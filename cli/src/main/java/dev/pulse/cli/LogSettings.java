package dev.pulse.cli;

import java.util.List;
import java.util.Locale;

/**
 * The log level ({@code --log-level} or {@code PULSE_LOG_LEVEL}: trace, debug, info, warn, error or
 * off; default info) and format ({@code --log-format} or {@code PULSE_LOG_FORMAT}: text or json,
 * one JSON object per line; default text), checked and handed to {@link LogbackSetup} as
 * system properties before the first logger exists. A command run with {@code --quiet} defaults to
 * warn, so that only what needs attention is printed.
 */
final class LogSettings {

  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
  private static final List<String> FORMATS = List.of("text", "json");

  private LogSettings() {}

  /**
   * Checks the two settings ({@code --log-level} and {@code --log-format} in {@code args} first) and
   * publishes them to {@link LogbackSetup}; refuses a bad value by name.
   */
  static void apply(Settings settings, String[] args, boolean quiet) {
    String level = pick(settings, args, "log-level", quiet ? "warn" : "info", LEVELS);
    String format = pick(settings, args, "log-format", "text", FORMATS);
    System.setProperty("pulse.log.level", level.toUpperCase(Locale.ROOT));
    System.setProperty("pulse.log.format", format);
  }

  private static String pick(Settings settings, String[] args, String key, String fallback, List<String> allowed) {
    String flag = Settings.flag(args, "--" + key);
    String value = flag != null ? flag : settings.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(normalized)) {
      String source = flag != null ? "--" + key : Settings.envName(key) + " (or " + key + " in the config file)";
      throw CliFailure.usage(source + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
    }
    return normalized;
  }
}
