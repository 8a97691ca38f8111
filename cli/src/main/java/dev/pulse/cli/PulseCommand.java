package dev.pulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pulse} command. */
@Command(
    name = "pulse",
    mixinStandardHelpOptions = true,
    versionProvider = PulseVersion.class,
    description = "Anonymous usage telemetry for open-source components.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ServeCommand.class,
      StatusCommand.class,
      SendTestCommand.class,
      ExportCommand.class,
      PurgeCommand.class,
      QueryCommand.class,
      ImportCommand.class,
      GenerateCommand.class,
      DemoCommand.class
    })
public final class PulseCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, for tests and {@link #main}. */
  public static CommandLine commandLine() {
    return new CommandLine(new PulseCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
