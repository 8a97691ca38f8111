package dev.pulse.cli;

import dev.pulse.cli.completion.CompletionCommand;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.logging.LogSettings;
import dev.pulse.cli.serve.DemoCommand;
import dev.pulse.cli.serve.ServeCommand;
import dev.pulse.cli.settings.CommandRoot;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.settings.UnknownVariables;
import dev.pulse.cli.settings.ValueConverters;
import dev.pulse.cli.version.PulseVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code pulse} command. */
@Command(
    name = "pulse",
    mixinStandardHelpOptions = true,
    versionProvider = PulseVersion.class,
    description = "Anonymous usage telemetry for open-source components: the server and its tools.",
    footerHeading = "%nSettings:%n") // the footer lists Settings.KEYS: see commandLine()
public final class PulseCommand implements Runnable, CommandRoot {

  /** Where the documentation lives for someone who has only the jar. */
  static final String DOCS = "https://github.com/pulse/pulse/blob/main/docs/cli.md";

  @CommandLine.Spec CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On failure, also print the stack trace (for a bug report).")
  boolean debug;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "A properties file of settings (see Settings below), e.g. pulse.properties.")
  Path config;

  final Settings settings;

  private PulseCommand(Settings settings) {
    this.settings = settings;
  }

  private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code: 0, 1 (failure) or 2 (usage). */
  static int run(String[] args) {
    // The client SDK logs through java.util.logging (it imposes no dependency): one line a record,
    // not the JDK's default of a dated header line and then the message.
    if (System.getProperty(JUL_FORMAT) == null) {
      System.setProperty(JUL_FORMAT, "%4$s: %5$s%6$s%n");
    }
    List<String> words = Arrays.asList(args);
    boolean debug = words.contains("--debug");
    boolean quiet = words.contains("--quiet") || words.contains("-q");
    Settings settings;
    try {
      settings = Settings.load(System.getenv(), Settings.configFile(args));
      LogSettings.apply(settings, args, quiet); // before the first logger exists
    } catch (CliFailure e) {
      System.err.println(commandNamed(args) + ": " + e.getMessage());
      if (debug) {
        e.printStackTrace();
      }
      return e.exitCode();
    }
    CommandLine line = commandLine(settings, debug, args);
    int code;
    try {
      code = line.execute(args);
    } catch (OutOfMemoryError e) {
      // What was held is unreachable by now, so there is room to say so.
      System.err.println("pulse: ran out of memory (Java's heap is at most "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): give it more, e.g. JAVA_TOOL_OPTIONS=-Xmx4g");
      if (debug) {
        e.printStackTrace();
      }
      return CliFailure.FAILURE;
    } catch (Error e) {
      // Unforeseen: said in a line and ended, not a trace from a dead main thread while a server's other
      // threads keep the process running.
      // A part that will not load is named by its class (--debug shows it), not in this line.
      System.err.println(e instanceof LinkageError
          ? "pulse: a part of it could not be loaded: is its jar whole? Install it again; --debug shows which"
          : "pulse: stopped on an unexpected failure: " + CliFailure.firstLine(e)
              + (debug ? "" : " (run again with --debug for the details a bug report needs)"));
      if (debug) {
        e.printStackTrace();
      }
      return CliFailure.FAILURE;
    }
    line.getOut().flush();
    // System.out swallows write errors: a full disk or a closed pipe would otherwise end in 0 with
    // the output cut short. (pulse export writes past it and says so itself.)
    if (code == 0 && System.out.checkError()) {
      System.err.println(commandRun(line) + ": writing to standard output failed (a full disk, or its reader"
          + " stopped reading): the output is incomplete");
      return CliFailure.FAILURE;
    }
    return code;
  }

  /** "pulse query" for {@code args} naming the query command, before they are parsed; "pulse" when none. */
  static String commandNamed(String[] args) {
    return Commands.named(args).map(type -> "pulse " + Commands.nameOf(type)).orElse("pulse");
  }

  /** The command {@code line} ran, as its messages name it: "pulse query". */
  private static String commandRun(CommandLine line) {
    ParseResult ran = line.getParseResult();
    if (ran == null) {
      return "pulse";
    }
    while (ran.hasSubcommand()) {
      ran = ran.subcommand();
    }
    return ran.commandSpec().qualifiedName();
  }

  /** The root help's footer: how settings are spelled, and every key there is. */
  static List<String> settingsFooter() {
    List<String> lines = new ArrayList<>(List.of(
        "  Each setting is an environment variable (PULSE_DATA_DIR) and a key of the",
        "  --config file (data-dir=...); most are flags too (--data-dir: see each",
        "  command's --help). A flag beats the environment, which beats the file.",
        "  Keys:"));
    for (String key : Settings.KEYS) {
      String last = lines.get(lines.size() - 1);
      String word = " " + key + (key.equals(Settings.KEYS.get(Settings.KEYS.size() - 1)) ? "." : ",");
      if (last.length() + word.length() > 78) {
        lines.add("    " + word.strip());
      } else {
        lines.set(lines.size() - 1, last + word);
      }
    }
    lines.addAll(List.of("", "Example:", "  pulse serve --config /etc/pulse/pulse.properties", "",
        "Run 'pulse <command> --help' for a command. Documentation:", "  " + DOCS));
    return lines;
  }

  /** The command line with every subcommand and the settings of the environment, for tests. */
  public static CommandLine commandLine() {
    return commandLine(Settings.load(System.getenv(), null), false, new String[0]);
  }

  /** The command line for {@code args}: every command, or only the one they run ({@link Commands#needed}). */
  static CommandLine commandLine(Settings settings, boolean debug, String[] args) {
    CommandLine line = new CommandLine(new PulseCommand(settings));
    Commands.needed(args).forEach(line::addSubcommand);
    ErrorHandlers handlers = new ErrorHandlers(debug);
    line.setParameterExceptionHandler(handlers);
    line.setExecutionExceptionHandler(handlers);
    line.setDefaultValueProvider(settings);
    line.setExecutionStrategy(PulseCommand::execute);
    ValueConverters.register(line);
    describeExitCodes(line);
    line.getCommandSpec().usageMessage().footer(settingsFooter().toArray(String[]::new));
    // StatusCommand is kept with the SDK's settings; its example is given here.
    CommandLine status = line.getSubcommands().get("status");
    if (status != null) {
      status.getCommandSpec().usageMessage().footerHeading("%nExample:%n")
          .footer("  pulse status --telemetry-enabled=false   # what a component would do with that flag");
    }
    for (CommandLine sub : line.getSubcommands().values()) {
      if (sub.getCommand() instanceof CommandLine.HelpCommand) {
        continue;
      }
      sub.getCommandSpec().mixinStandardHelpOptions(true);
      sub.getCommandSpec().versionProvider(new PulseVersion());
      describeExitCodes(sub);
    }
    return line;
  }

  /**
   * Runs the command given, after warning of the {@code PULSE_} variables that are no setting: a
   * mistyped one would leave its setting at the default in silence. {@code serve} and {@code demo}
   * log them instead, with the server's other lines; help and completion are not warned.
   */
  private static int execute(ParseResult parsed) {
    ParseResult last = parsed;
    boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
    while (last.hasSubcommand()) {
      last = last.subcommand();
      help |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
    }
    Object command = last.commandSpec().userObject();
    if (last != parsed && !help && !(command instanceof ServeCommand || command instanceof DemoCommand
        || command instanceof CommandLine.HelpCommand || command instanceof CompletionCommand)) {
      UnknownVariables.warn(last.commandSpec().commandLine(), System.getenv());
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static void describeExitCodes(CommandLine line) {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0", "success");
    codes.put("1", "the command failed (server down, token refused, data dir in use, ...)");
    codes.put("2", "usage: a wrong option, argument, file or setting");
    line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public CommandLine newCommandLine() {
    return commandLine(settings, false, new String[0]);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
