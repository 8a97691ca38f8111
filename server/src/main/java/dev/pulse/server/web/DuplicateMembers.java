package dev.pulse.server.web;

import com.fasterxml.jackson.core.JsonParseException;

/**
 * Jackson's refusal of a member given twice in one object ({@code STRICT_DUPLICATE_DETECTION}), told
 * apart from its other parse failures. Jackson has no type of its own for it, only its words.
 */
public final class DuplicateMembers {

  /** How Jackson begins the refusal. */
  private static final String DUPLICATE = "Duplicate field '";

  private DuplicateMembers() {}

  /** The member {@code e} found twice, whole; null when {@code e} is another failure. */
  public static String nameIn(JsonParseException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (!m.startsWith(DUPLICATE) || !m.endsWith("'")) {
      return null;
    }
    return m.substring(DUPLICATE.length(), m.length() - 1);
  }
}
