package dev.pulse.server.analytics;

import dev.pulse.schema.Suggestions;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A calendar period of UTC days: a day, an ISO week (Monday start) or a calendar month. */
public enum Period {
  DAY,
  WEEK,
  MONTH;

  /**
   * Parses a {@code period} parameter that may take only {@code allowed}; absent ({@code null}) or
   * empty is {@code absent}.
   *
   * @throws BadParameterException naming {@code period} and the values it takes, for any other value
   */
  public static Period parse(String period, Period absent, Period... allowed) {
    if (period == null || period.isBlank()) { // given empty, as an HTML form sends it, is left out
      return absent;
    }
    String name = period.strip().toUpperCase(Locale.ROOT);
    for (Period candidate : allowed) {
      if (candidate.name().equals(name)) {
        return candidate;
      }
    }
    List<String> names = Arrays.stream(allowed).map(Period::label).collect(Collectors.toList());
    throw new BadParameterException("period", "must be " + String.join(" or ", names) + ", not "
        + BadParameterException.quoted(period.strip()) + Suggestions.question(period.strip(), names));
  }

  /** The name as the API spells it: {@code day}, {@code week}, {@code month}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The first day of the period that holds {@code day}. */
  public LocalDate start(LocalDate day) {
    switch (this) {
      case WEEK:
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH:
        return day.withDayOfMonth(1);
      default:
        return day;
    }
  }

  /** The first day of the next period, for a period starting on {@code start}. */
  public LocalDate next(LocalDate start) {
    switch (this) {
      case WEEK:
        return start.plusWeeks(1);
      case MONTH:
        return start.plusMonths(1);
      default:
        return start.plusDays(1);
    }
  }

  /** The first day of the period before, for a period starting on {@code start}. */
  public LocalDate previous(LocalDate start) {
    switch (this) {
      case WEEK:
        return start.minusWeeks(1);
      case MONTH:
        return start.minusMonths(1);
      default:
        return start.minusDays(1);
    }
  }
}
