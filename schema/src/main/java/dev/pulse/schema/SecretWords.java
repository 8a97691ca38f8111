package dev.pulse.schema;

import java.util.regex.Pattern;

/**
 * Secrets written in prose, after a word rather than as {@code key=value}, for {@link
 * IdentifierScrubber}: {@code password hunter2}, {@code api key sk_abc123XYZ}, {@code token: 9f8e7d6c}.
 * The same words are as often prose ({@code password is incorrect}, {@code token expired}), so the value
 * after them goes only when it looks like a credential, which a common English word does not: quoted,
 * with a digit, or a long run of a key's alphabet; after a word that can only name a secret, also with
 * a symbol or a capital after a small letter. The word may end a longer key ({@code DB_PASSWORD hunter2},
 * {@code app.secret s3cr3t}). A credential that is one lower-case word ({@code password hunter}) is left:
 * nothing tells it from prose.
 */
final class SecretWords {

  /** Words that name nothing but a secret. */
  private static final String KEY_WORDS = "password|passwd|passphrase|pwd|api[ _-]?key|secret[ _-]key"
      + "|access[ _-]token|auth[ _-]token|client[ _-]secret";
  /**
   * Where a word may start: not inside a word, but after a key's prefix and its separator ({@code DB_},
   * {@code app.}, {@code X-}), which a word boundary would refuse after {@code _}.
   */
  private static final String START = "(?<![A-Za-z0-9])";
  /** Spaces, or a colon ({@code api key: x}; a one-word key's colon is the key-value rule's). */
  private static final String SEPARATOR = "( ++|\\s*+:\\s*+)";
  /** What a value's run holds: no space, separator, bracket, quote or sentence punctuation. */
  private static final String RUN = "[^\\s,;.:!?()\\[\\]{}\"'<>]++";
  /**
   * Quoted (a quote never closed, as where a message was cut, runs to the end), or runs joined by
   * punctuation, so that the full stop ending a sentence stays; never {@code =}, {@code :}, {@code -} or
   * a placeholder first.
   */
  private static final String VALUE = "(\"[^\"]*+\"?+|'[^']*+'?+|(?![=:<-])" + RUN + "(?:[.:!?]++" + RUN + ")*+)";

  /** A word that can only name a secret, then its value (group 3). */
  static final Pattern AFTER_KEY_WORD = Pattern.compile("(?i)" + START + "(" + KEY_WORDS + ")" + SEPARATOR + VALUE);
  /** {@code secret} or {@code token} alone, then its value (group 3). */
  static final Pattern AFTER_WORD = Pattern.compile("(?i)" + START + "(secret|token)" + SEPARATOR + VALUE);

  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern KEY_ALPHABET_RUN = Pattern.compile("[A-Za-z0-9+/_=-]{16,}+");
  /** A symbol passwords are made to hold, or a mixed case ("hunTer", "sk_abcXYZ"); not a path's slash. */
  private static final Pattern SECRET_MARK = Pattern.compile("[_!@#$%^&*+=~|]|[a-z][A-Z]");

  private SecretWords() {}

  /** After {@code secret} or {@code token}: quoted, with a digit, or 16 or more characters of a key's alphabet. */
  static boolean looksLikeCredential(String value) {
    return value.startsWith("\"") || value.startsWith("'") || DIGIT.matcher(value).find()
        || KEY_ALPHABET_RUN.matcher(value).matches();
  }

  /** After a word that names a secret: as {@link #looksLikeCredential}, or with a symbol or a mixed case. */
  static boolean looksLikeSecret(String value) {
    return looksLikeCredential(value) || SECRET_MARK.matcher(value).find();
  }
}
