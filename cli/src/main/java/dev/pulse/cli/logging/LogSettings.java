package dev.pulse.cli.logging;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.schema.Suggestions;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The log level ({@code --log-level} or {@code PULSE_LOG_LEVEL}: trace, debug, info, warn, error or
 * off; default info) and format ({@code --log-format} or {@code PULSE_LOG_FORMAT}: text or json,
 * one JSON object per line; default text), checked and handed to {@link LogbackSetup} as
 * system properties before the first logger exists. A command run with {@code --quiet} defaults to
 * warn, so that only what needs attention is printed. A command that does not serve is named for
 * {@link TerminalLayout}, which its lines then start with.
 */
public final class LogSettings {

  /** The property naming the command a person waits for ({@code pulse export}); unset for a service. */
  static final String COMMAND = "pulse.log.command";

  /** The property set by {@code --debug}: a logged failure is printed with its stack trace. */
  static final String TRACES = "pulse.log.traces";

  /** The commands that serve: their log is an operator's, dated lines naming their source. */
  private static final Set<String> SERVICES = Set.of("serve", "demo");

  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
  private static final List<String> FORMATS = List.of("text", "json");

  private LogSettings() {}

  /**
   * Checks the two settings ({@code --log-level} and {@code --log-format} in {@code args} first) and
   * publishes them to {@link LogbackSetup}; refuses a bad value by name.
   */
  public static void apply(Settings settings, String[] args, boolean quiet) {
    String level = pick(settings, args, "log-level", quiet ? "warn" : "info", LEVELS);
    String format = pick(settings, args, "log-format", "text", FORMATS);
    System.setProperty("pulse.log.level", level.toUpperCase(Locale.ROOT));
    System.setProperty("pulse.log.format", format);
    String named = named(args);
    if (named != null) {
      System.setProperty(COMMAND, named);
    }
    if (List.of(args).contains("--debug")) {
      System.setProperty(TRACES, "true");
    }
  }

  /** What the log lines of {@code args}' command start with ({@code pulse export}); null for a service. */
  static String named(String[] args) {
    String command = command(args);
    if (command == null) {
      return "pulse";
    }
    return SERVICES.contains(command) ? null : "pulse " + command;
  }

  /** The command's name: the first word that is no option (the value of the root's --config skipped). */
  private static String command(String[] args) {
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      if (args[i].equals("--config")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
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
      throw CliFailure.usage(source + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'"
          + Suggestions.question(normalized, allowed));
    }
    return normalized;
  }
}
