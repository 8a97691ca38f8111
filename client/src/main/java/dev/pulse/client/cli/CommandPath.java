package dev.pulse.client.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.pulse.client.send.ServerLimits;
import dev.pulse.schema.CliCommand;

/**
 * The Go CLI's rule for what of a command is reported: the command path {@code <program> <noun> <verb>
 * [modifiers...]} (command names only, as a command framework gives them, e.g. picocli's qualified
 * name or cobra's {@code CommandPath()}); fewer than two words after the program name is not reported.
 * As a safety net against a caller handing over raw arguments, reading stops at the first word that
 * looks like a flag ({@code -x}, {@code --x=y}), so a flag's value is never reported, and at the first
 * word after the program's that is not shaped like a command name (lowercase letters and digits joined
 * by {@code -} or {@code _}, at most two digits, at most 40 characters), so an identifier, address,
 * path or e-mail address given as an argument is never reported either ({@code otterize clusters get
 * cl-4f2a91} reports {@code clusters get}). At most {@link ServerLimits#MAX_MODIFIERS} modifiers are
 * reported (the first ones): the server refuses a command with more.
 */
public final class CommandPath {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*");
  /** Command names hold a digit or two ({@code k8s}, {@code v1beta1}); identifiers hold more. */
  private static final int MAX_DIGITS = 2;
  private static final int MAX_NAME = 40;
  /** The program, noun, verb and as many modifiers as the server takes ({@link ServerLimits#MAX_MODIFIERS}). */
  static final int MAX_WORDS = 3 + ServerLimits.MAX_MODIFIERS;

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
      String name = word.trim();
      if (name.startsWith("-") || (!names.isEmpty() && !commandName(name))) {
        break;
      }
      names.add(name);
      if (names.size() == MAX_WORDS) {
        break;
      }
    }
    if (names.size() < 3) {
      return Optional.empty();
    }
    return Optional.of(new CliCommand(names.get(1), names.get(2), names.subList(3, names.size())));
  }

  private static boolean commandName(String word) {
    return word.length() <= MAX_NAME && NAME.matcher(word).matches()
        && word.chars().filter(Character::isDigit).count() <= MAX_DIGITS;
  }
}
