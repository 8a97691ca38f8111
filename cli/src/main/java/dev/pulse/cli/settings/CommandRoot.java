package dev.pulse.cli.settings;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The root command's object as its subcommands see it: the settings in force, and a new command line
 * like the one running. Subcommands reach it through their spec, so they need not know the root command.
 */
public interface CommandRoot {

  /** The settings in force (environment and {@code --config} file). */
  Settings settings();

  /** A new command line with every subcommand and these settings, as {@code pulse} builds it. */
  CommandLine newCommandLine();

  /** The root of the command line {@code command} belongs to. */
  static CommandRoot of(CommandSpec command) {
    return (CommandRoot) command.root().userObject();
  }
}
