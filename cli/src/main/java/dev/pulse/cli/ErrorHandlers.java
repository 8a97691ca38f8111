package dev.pulse.cli;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.schema.Suggestions;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure of a command into a line or two on stderr and an exit code ({@link
 * CliFailure#USAGE} for what the user gave, {@link CliFailure#FAILURE} for what went wrong while
 * running). A stack trace is printed only with {@code --debug}.
 */
final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {

  private final boolean debug;

  ErrorHandlers(boolean debug) {
    this.debug = debug;
  }

  /** A usage mistake: its message and where to find the usage, not the whole usage text. */
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    String source = source(ex, args);
    err.println(name + ": " + message(ex) + (source == null ? "" : " (from " + source + ")"));
    if ("PULSE_PORT".equals(source) && ex.getValue() != null && ex.getValue().startsWith("tcp://")) {
      err.println("Kubernetes sets PULSE_PORT so for a Service named pulse: set PULSE_PORT in the pod's env,"
          + " or enableServiceLinks: false.");
    }
    err.println("Run '" + name + " --help' for usage.");
    trace(err, ex);
    return CliFailure.USAGE;
  }

  private static final Pattern UNKNOWN_HELP_TOPIC = Pattern.compile("Unknown subcommand '(.*)'\\.");
  private static final Pattern INVALID_VALUE =
      Pattern.compile("^Invalid value for (?:option '([^']+)'|positional parameter at index \\d+ \\(([^)]+)\\)): ");

  /** The refusal in our words where picocli's speak of an argument's index. */
  private static String message(ParameterException ex) {
    CommandLine cmd = ex.getCommandLine();
    if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
      ArgSpec first = missing.getMissing().get(0);
      // Picocli says "missing" also of an option given last with no value after it (--format).
      if (first instanceof OptionSpec option
          && String.valueOf(ex.getMessage()).startsWith("Missing required parameter")) {
        String name = option.longestName();
        return name + " needs a value after it (" + name + " " + label(option) + ")";
      }
      // A misspelt option is the likelier cause (pulse purge --contxt-id x): named first, as when nothing is missing.
      List<String> unmatched = cmd.getUnmatchedArguments();
      if (!unmatched.isEmpty() && unmatched.get(0).startsWith("-")) {
        return unknownOptions(unmatched, cmd);
      }
      return required(missing.getMissing());
    }
    Matcher helpFor = UNKNOWN_HELP_TOPIC.matcher(String.valueOf(ex.getMessage()));
    if (helpFor.matches()) { // pulse help nosuch: picocli's help command words it
      return unknownCommand(helpFor.group(1), cmd);
    }
    if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      // "Invalid value for option '--port': 'lots' is ..." as "--port: 'lots' is ...", as a refused date is told.
      return INVALID_VALUE.matcher(String.valueOf(ex.getMessage())).replaceFirst("$1$2: ");
    }
    String first = unmatched.getUnmatched().get(0);
    if (first.startsWith("-")) {
      return unknownOptions(unmatched.getUnmatched(), cmd);
    }
    if (!cmd.getSubcommands().isEmpty()) {
      return unknownCommand(first, cmd);
    }
    return "unexpected argument '" + first + "'";
  }

  private static String unknownCommand(String given, CommandLine cmd) {
    return "unknown command '" + given + "'" + Suggestions.question(given, cmd.getSubcommands().keySet())
        + ": one of " + String.join(", ", cmd.getSubcommands().keySet());
  }

  /**
   * The unknown options by name only, each with the option it probably meant: picocli's own message
   * quotes every unmatched argument, so a misspelt {@code --tokn SECRET} would print the secret on the
   * terminal and in CI logs.
   */
  private static String unknownOptions(List<String> unmatched, CommandLine cmd) {
    List<String> known = cmd.getCommandSpec().options().stream()
        .filter(option -> !option.hidden())
        .flatMap(option -> Arrays.stream(option.names()))
        .toList();
    List<String> names = unmatched.stream()
        .filter(arg -> arg.startsWith("-"))
        .map(arg -> arg.indexOf('=') < 0 ? arg : arg.substring(0, arg.indexOf('=')))
        .distinct()
        .map(name -> "'" + name + "'" + Suggestions.question(name, known))
        .toList();
    return (names.size() == 1 ? "unknown option " : "unknown options ") + String.join(", ", names);
  }

  /** An option's value as the help names it, picocli's default {@code <dataDir>} as {@code DATA-DIR}. */
  private static String label(OptionSpec option) {
    String label = option.paramLabel();
    if (!label.startsWith("<") || !label.endsWith(">")) {
      return label;
    }
    return label.substring(1, label.length() - 1).replaceAll("([a-z])([A-Z])", "$1-$2").toUpperCase(Locale.ROOT);
  }

  /**
   * What is missing, by the names the help uses: "--days and --installs are required"; a lone
   * parameter with what it takes: "KIND is required: what to export: events, cli or errors".
   */
  private static String required(List<ArgSpec> missing) {
    List<String> names = missing.stream()
        .map(arg -> arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel())
        .distinct()
        .toList();
    String list = names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    String sentence = list + (names.size() == 1 ? " is required" : " are required");
    ArgSpec only = missing.get(0);
    if (names.size() > 1 || !(only instanceof PositionalParamSpec)) {
      return sentence;
    }
    String what = String.join(" ", only.description()).strip();
    what = what.endsWith(".") ? what.substring(0, what.length() - 1) : what;
    return what.isEmpty() ? sentence : sentence + ": " + Character.toLowerCase(what.charAt(0)) + what.substring(1);
  }

  /**
   * Where a refused value came from when no flag on the command line gave it: "PULSE_PORT", or the
   * key in the config file, so that a bad setting there is found; null when the command line gave it.
   */
  private static String source(ParameterException ex, String[] args) {
    if (!(ex.getArgSpec() instanceof OptionSpec option)) {
      return null;
    }
    for (String arg : args) {
      for (String flag : option.names()) {
        if (arg.equals(flag) || arg.startsWith(flag + "=")) {
          return null;
        }
      }
    }
    return Settings.of(ex.getCommandLine().getCommandSpec()).sourceOf(option);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    int code;
    if (ex instanceof CliFailure failure) {
      err.println(name + ": " + failure.getMessage());
      code = failure.exitCode();
    } else if (shuttingDown()) {
      // A stop signal came before the command could handle it: the JVM is ending, as was asked.
      err.println(name + ": stopped before it was under way (a stop signal came first); nothing to do");
      code = CliFailure.FAILURE;
    } else {
      err.println(name + ": failed: " + CliFailure.firstLine(ex)
          + (debug ? "" : " (run again with --debug for the details)"));
      code = CliFailure.FAILURE;
    }
    trace(err, ex);
    return code;
  }

  /** Whether the JVM has begun to end, which it refuses a new shutdown hook for. */
  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private void trace(PrintWriter err, Exception ex) {
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
  }
}
