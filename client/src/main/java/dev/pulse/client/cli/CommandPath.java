package dev.pulse.client.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.pulse.schema.CliCommand;

/**
 * The Go CLI's rule for what of a command is reported: the command path {@code <program> <noun> <verb>
 * [modifiers...]} (command names only, as a command framework gives them, e.g. picocli's qualified
 * name or cobra's {@code CommandPath()}); fewer than two words after the program name is not reported.
 * As a safety net against a caller handing over raw arguments, reading stops at the first word that
 * looks like a flag ({@code -x}, {@code --x=y}): a flag's value is never reported.
 */
public final class CommandPath {

  private CommandPath() {}

  /** Parses {@code "otterize mapper export"}; empty when not reportable. */
  public static Optional<CliCommand> parse(String commandPath) {
    if (commandPath == null) {
      return Optional.empty();
    }
    return parse(Arrays.asList(commandPath.trim().split("\\s+")));
  }

  /** Parses the words of a command path, the program name first; empty when not reportable. */
  public static Optional<CliCommand> parse(List<String> words) {
    List<String> names = new ArrayList<>();
    for (String word : words) {
      if (word == null || word.isBlank()) {
        continue;
      }
      if (word.trim().startsWith("-")) {
        break;
      }
      names.add(word.trim());
    }
    if (names.size() < 3) {
      return Optional.empty();
    }
    return Optional.of(new CliCommand(names.get(1), names.get(2), names.subList(3, names.size())));
  }
}
