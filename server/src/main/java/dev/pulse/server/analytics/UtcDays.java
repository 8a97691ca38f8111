package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A day as the API and the CLI take one: {@code YYYY-MM-DD}, a UTC day from {@link #FIRST} to
 * {@link #LAST}. Both stores and every analysis handle these; a year before 1970 or past 9999 (which
 * {@link LocalDate#parse} takes, signed and with more digits) is refused before it reaches a store.
 */
public final class UtcDays {

  /** The first day taken: nothing was received before it. */
  public static final LocalDate FIRST = LocalDate.of(1970, 1, 1);

  /** The last day taken: the last of a four-digit year. */
  public static final LocalDate LAST = LocalDate.of(9999, 12, 31);

  private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private UtcDays() {}

  /**
   * The day {@code text} names, surrounding spaces ignored.
   *
   * @throws IllegalArgumentException saying, in the user's words, what a day looks like
   */
  public static LocalDate parse(String text) {
    String day = text.strip();
    if (SHAPE.matcher(day).matches()) {
      try {
        LocalDate parsed = LocalDate.parse(day);
        if (!parsed.isBefore(FIRST)) {
          return parsed;
        }
      } catch (DateTimeParseException e) {
        // a month or day out of range: the same answer as any other text
      }
    }
    throw new IllegalArgumentException("not a date YYYY-MM-DD (a UTC day from " + FIRST + " to " + LAST + "): "
        + BadParameterException.quoted(text));
  }
}
