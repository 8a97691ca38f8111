package dev.pulse.server.ingest;

import dev.pulse.server.store.StorableText;

/**
 * The rules every string of a request obeys, on both ingestion paths: no longer than its limit
 * (counted in UTF-16 code units), no NUL character (U+0000) and no unpaired surrogate. Both stores
 * must be able to hold every accepted string as sent: PostgreSQL's text cannot hold a NUL, and
 * neither store can keep half of a surrogate pair (it would come back as {@code ?}). A string that
 * breaks a rule is an {@link InputViolation} naming the field, never a store failure. Stateless.
 */
final class TextRules {

  private TextRules() {}

  /** {@code value} (may be null) when it obeys every rule; member {@code key} of {@code at}. */
  static String checked(String value, String key, int max, String limit, FieldPath at) {
    if (value != null && (value.length() > max || firstInvalid(value) >= 0)) {
      throw violation(value, at.field(key), max, limit);
    }
    return value;
  }

  /** {@code value} (not null) when it obeys every rule; {@code field} is its full path. */
  static String checked(String value, String field, int max, String limit) {
    if (value.length() > max || firstInvalid(value) >= 0) {
      throw violation(value, field, max, limit);
    }
    return value;
  }

  /** The index of the first character no store may hold, or -1 (see {@link StorableText}). */
  static int firstInvalid(String value) {
    return StorableText.firstInvalid(value);
  }

  private static InputViolation violation(String value, String field, int max, String limit) {
    if (value.length() > max) {
      return new InputViolation(
          InputViolation.STRING_TOO_LONG,
          field,
          field + " is " + value.length() + " characters long, more than the limit of " + max
              + " (" + limit + ")");
    }
    int at = firstInvalid(value);
    char c = value.charAt(at);
    String what =
        c == '\0'
            ? "a NUL character (U+0000)"
            : String.format("an unpaired surrogate (U+%04X)", (int) c);
    return new InputViolation(
        InputViolation.INVALID_CHARACTER,
        field,
        field + " contains " + what + " at index " + at
            + "; strings must be valid Unicode text without NUL characters");
  }
}
