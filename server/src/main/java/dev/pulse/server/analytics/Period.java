package dev.pulse.server.analytics;

import java.util.Locale;

/** The period new installs are counted per: UTC day or ISO week (Monday start). */
public enum Period {
  DAY,
  WEEK;

  /** Parses the API's {@code period} parameter ({@code day|week}; absent is DAY). */
  public static Period parse(String period) {
    if (period == null || period.isBlank()) {
      return DAY;
    }
    switch (period.strip().toLowerCase(Locale.ROOT)) {
      case "day":
        return DAY;
      case "week":
        return WEEK;
      default:
        throw new BadParameterException("period", "must be day or week, not " + period);
    }
  }
}
