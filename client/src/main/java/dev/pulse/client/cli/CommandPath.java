package dev.pulse.client.cli;

import java.util.ArrayList;
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
  /** Characters of a command path read at most: a program path and {@link #MAX_WORDS} names fit. */
  static final int MAX_SCAN = 4096;

  private CommandPath() {}

  /**
   * Parses {@code "otterize mapper export"}; empty when not reportable. Reads the words one by one and
   * stops at the first that is not reported, after {@link #MAX_WORDS} words, or {@link #MAX_SCAN}
   * characters in (a word that runs past them is not read): the work is bounded whatever the text's
   * length.
   */
  public static Optional<CliCommand> parse(String commandPath) {
    if (commandPath == null) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    int end = Math.min(commandPath.length(), MAX_SCAN);
    int i = 0;
    while (names.size() < MAX_WORDS) {
      while (i < end && Character.isWhitespace(commandPath.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < end && !Character.isWhitespace(commandPath.charAt(i))) {
        i++;
      }
      boolean cutByTheBound = i == end && end < commandPath.length();
      if (start == i || cutByTheBound) {
        break;
      }
      String word = commandPath.substring(start, i);
      if (!reported(names, word)) {
        break;
      }
      names.add(word);
    }
    return of(names);
  }

  /** Parses the words of a command path, the program name first; empty when not reportable. */
  public static Optional<CliCommand> parse(List<String> words) {
    List<String> names = new ArrayList<>();
    for (String word : words) {
      if (names.size() == MAX_WORDS) {
        break;
      }
      if (word == null || word.isBlank()) {
        continue;
      }
      String name = word.trim();
      if (!reported(names, name)) {
        break;
      }
      names.add(name);
    }
    return of(names);
  }

  /** Whether {@code word}, after {@code names}, is reported: a flag never is, nor a word not shaped as a name. */
  private static boolean reported(List<String> names, String word) {
    return !word.startsWith("-") && (names.isEmpty() || commandName(word));
  }

  private static Optional<CliCommand> of(List<String> names) {
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
