package dev.pulse.schema;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The word a person probably meant when the one they gave is not known: the only known word it
 * begins ({@code serv} for {@code serve}), else the nearest within {@link #maxEdits} edits, a swap of
 * two neighbouring letters counting as one ({@code --fromat} for {@code --format}). A word near none, or
 * of fewer than three letters that begins none, is given no suggestion rather than a wrong one. Letter
 * case is not counted.
 *
 * <p>One rule for every refusal of a word: the server's for a path no route answers and a parameter
 * value it does not take ({@code by=comp}), {@code pulse}'s for its commands, options, analyses,
 * record kinds, config keys and variables; the SDK measures a misspelt setting's name with {@link
 * #distance}.
 */
public final class Suggestions {

  private Suggestions() {}

  /** The word of {@code known} that {@code given} probably meant, if any is near enough. */
  public static Optional<String> meant(String given, Collection<String> known) {
    String word = given.toLowerCase(Locale.ROOT);
    List<String> begun = word.length() < 2 ? List.of()
        : known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(word)).toList();
    if (begun.size() == 1) {
      return Optional.of(begun.get(0));
    }
    if (word.replaceFirst("^-+", "").length() < 3) {
      return Optional.empty(); // one or two letters are a slip of any word: "-x" is not "-o"
    }
    String nearest = null;
    int fewest = maxEdits(word) + 1;
    for (String candidate : known) {
      if (Math.abs(word.length() - candidate.length()) >= fewest) {
        continue; // as many edits at least: a long argument costs no table of its length
      }
      int edits = distance(word, candidate.toLowerCase(Locale.ROOT));
      if (edits < fewest) {
        nearest = candidate;
        fewest = edits;
      }
    }
    return Optional.ofNullable(nearest);
  }

  /** " (did you mean X?)" after a refused word, or "" when no known word is near it. */
  public static String question(String given, Collection<String> known) {
    return meant(given, known).map(word -> " (did you mean " + word + "?)").orElse("");
  }

  /**
   * One edit for a word of up to five letters (an option's dashes not counted), two for a longer one:
   * a slip, not another word.
   */
  static int maxEdits(String word) {
    return word.replaceFirst("^-+", "").length() <= 5 ? 1 : 2;
  }

  /**
   * Edits from {@code a} to {@code b}: insertions, deletions, substitutions and swaps of two
   * neighbouring letters (the optimal string alignment distance).
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
