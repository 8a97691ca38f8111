package dev.pulse.cli;

import dev.pulse.cli.backup.BackupCommand;
import dev.pulse.cli.backup.RestoreCommand;
import dev.pulse.cli.completion.CompletionCommand;
import dev.pulse.cli.export.ExportCommand;
import dev.pulse.cli.generate.GenerateCommand;
import dev.pulse.cli.imports.ImportCommand;
import dev.pulse.cli.purge.PurgeCommand;
import dev.pulse.cli.query.QueryCommand;
import dev.pulse.cli.serve.DemoCommand;
import dev.pulse.cli.serve.ServeCommand;
import dev.pulse.cli.status.SendTestCommand;
import dev.pulse.cli.status.StatusCommand;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands of {@code pulse}, and which of them a command line needs registered. Building a command's
 * model (picocli reads its options by reflection) costs a JVM that has just started about 25 ms, and all
 * of them a quarter of a short command's start; a line that runs one command needs only that one.
 */
final class Commands {

  /** Every command, in the order the help lists them. */
  static final List<Class<?>> ALL = List.of(
      CommandLine.HelpCommand.class,
      ServeCommand.class,
      StatusCommand.class,
      SendTestCommand.class,
      ExportCommand.class,
      PurgeCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      QueryCommand.class,
      ImportCommand.class,
      GenerateCommand.class,
      DemoCommand.class,
      CompletionCommand.class);

  /** The root's options that may come before a command's name without needing the others. */
  private static final List<String> ROOT_OPTIONS = List.of("--debug", "--config");

  private Commands() {}

  /** The command the first word after the root's options names, if it names one. */
  static Optional<Class<?>> named(String[] args) {
    OptionalInt at = nameAt(args);
    return at.isEmpty() ? Optional.empty() : byName(args[at.getAsInt()]);
  }

  /**
   * The commands to register for {@code args}: the one they run, when only {@code --debug} and
   * {@code --config} come before its name; otherwise every one. The root's help, its version, help,
   * completion and a mistyped name all speak of every command.
   */
  static List<Class<?>> needed(String[] args) {
    OptionalInt at = nameAt(args);
    Optional<Class<?>> named = at.isEmpty() ? Optional.empty() : byName(args[at.getAsInt()]);
    if (named.isEmpty() || named.get() == CommandLine.HelpCommand.class || named.get() == CompletionCommand.class) {
      return ALL;
    }
    for (int i = 0; i < at.getAsInt(); i++) {
      String option = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i];
      if (!ROOT_OPTIONS.contains(option)) {
        return ALL;
      }
      if (args[i].equals("--config")) {
        i++; // its value
      }
    }
    return List.of(named.get());
  }

  static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** Where the first word that is neither an option nor {@code --config}'s value is. */
  private static OptionalInt nameAt(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        i++; // its value
      } else if (!args[i].startsWith("-")) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  private static Optional<Class<?>> byName(String word) {
    return ALL.stream().filter(type -> nameOf(type).equals(word)).findFirst();
  }
}
