package dev.pulse.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import dev.pulse.client.send.ServerLimits;
import dev.pulse.schema.CliCommand;

/**
 * The Go CLI's rule for what of a command is reported: the command path {@code <program> <noun> <verb>
 * [modifiers...]} (command names only, as a command framework gives them, e.g. picocli's qualified
 * name or cobra's {@code CommandPath()}); fewer than two words after the program name is not reported.
 * Which words are commands only the host knows, so it may declare them ({@code commandWords}): then
 * every word after the program must be one of them, and reading stops at the first that is not
 * ({@code otterize clusters get acme-prod} reports {@code clusters get}; {@code otterize env update
 * add-labels} reports the modifier {@code add-labels} when declared). Without a declaration no
 * modifier is reported, only noun and verb, each shaped like a command name (lowercase letters and
 * digits joined by {@code -} or {@code _}, at most two digits, at most 40 characters); reading stops
 * at the first word that is not, so an identifier, address, path or e-mail address given as an
 * argument there is not reported ({@code otterize cl-4f2a91 get} is not reported at all), but a word
 * shaped like a name is ({@code mytool open jane} reports {@code open jane}). Either way, reading
 * stops at the first word that looks like a flag ({@code -x}, {@code --x=y}), so a flag's value is
 * never reported, and at most {@link ServerLimits#MAX_MODIFIERS} modifiers are reported (the first
 * ones): the server refuses a command with more.
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

  /** {@link #parse(String, Set)} with no command words declared: noun and verb only. */
  public static Optional<CliCommand> parse(String commandPath) {
    return parse(commandPath, null);
  }

  /**
   * Parses {@code "otterize mapper export"}; empty when not reportable. {@code commandWords} are the
   * host's command names (null: none declared). Reads the words one by one and stops at the first that
   * is not reported, after the most words that can be reported, or {@link #MAX_SCAN} characters in (a
   * word that runs past them is not read): the work is bounded whatever the text's length.
   */
  public static Optional<CliCommand> parse(String commandPath, Set<String> commandWords) {
    if (commandPath == null) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    int end = Math.min(commandPath.length(), MAX_SCAN);
    int i = 0;
    while (names.size() < maxWords(commandWords)) {
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
      if (!reported(names, word, commandWords)) {
        break;
      }
      names.add(word);
    }
    return of(names);
  }

  /** {@link #parse(List, Set)} with no command words declared: noun and verb only. */
  public static Optional<CliCommand> parse(List<String> words) {
    return parse(words, null);
  }

  /** Parses the words of a command path, the program name first; empty when not reportable. */
  public static Optional<CliCommand> parse(List<String> words, Set<String> commandWords) {
    List<String> names = new ArrayList<>();
    for (String word : words) {
      if (names.size() == maxWords(commandWords)) {
        break;
      }
      if (word == null || word.isBlank()) {
        continue;
      }
      String name = word.trim();
      if (!reported(names, name, commandWords)) {
        break;
      }
      names.add(name);
    }
    return of(names);
  }

  /** Program, noun and verb; with declared command words, modifiers too. */
  private static int maxWords(Set<String> commandWords) {
    return commandWords == null ? 3 : MAX_WORDS;
  }

  /** Whether {@code word}, after {@code names}, is reported: a flag never is; then a declared or name-shaped word. */
  private static boolean reported(List<String> names, String word, Set<String> commandWords) {
    if (word.startsWith("-")) {
      return false;
    }
    if (names.isEmpty()) {
      return true;
    }
    return commandWords == null ? commandName(word)
        : word.length() <= ServerLimits.MAX_IDENTIFIER_LENGTH && commandWords.contains(word);
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
