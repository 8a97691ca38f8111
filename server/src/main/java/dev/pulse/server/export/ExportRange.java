package dev.pulse.server.export;

import dev.pulse.server.analytics.UtcDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The days an export covers, by the server's receive time: from the UTC day {@code from} to the UTC
 * day {@code to}, both inclusive (as the analyses count days); an absent bound is open. A nightly
 * export of yesterday is {@code from = to = yesterday}, and consecutive ranges never share a record.
 *
 * @param from the first day, or empty for the first record
 * @param to the last day, or empty for the last record
 */
public record ExportRange(Optional<LocalDate> from, Optional<LocalDate> to) {

  /** Every record. */
  public static final ExportRange ALL = new ExportRange(Optional.empty(), Optional.empty());

  /** Bounds for an open side, as far as both stores' timestamps reach. */
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T00:00:00Z");

  /** A mistake in a range's bounds: which parameter, and why in the user's words. */
  public static final class BadRangeException extends IllegalArgumentException {
    private final String parameter;

    BadRangeException(String parameter, String reason) {
      super(reason);
      this.parameter = parameter;
    }

    /** {@code from} or {@code to}. */
    public String parameter() {
      return parameter;
    }
  }

  /**
   * @throws BadRangeException when {@code from} is after {@code to}
   */
  public ExportRange {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new BadRangeException("from", "the first day " + from.get() + " is after the last day " + to.get()
          + "; both days are included, so a single day is given as both");
    }
  }

  /**
   * The range of two texts, each a UTC day {@code YYYY-MM-DD}, or null or blank for an open side.
   *
   * @throws BadRangeException naming the bound that is not a date, or {@code from} after {@code to}
   */
  public static ExportRange parse(String from, String to) {
    return new ExportRange(day("from", from), day("to", to));
  }

  /** Whether both sides are open. */
  public boolean isAll() {
    return from.isEmpty() && to.isEmpty();
  }

  /** The first instant of the range. */
  public Instant start() {
    return from.map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(FIRST);
  }

  /** The first instant after the range. */
  public Instant end() {
    return to.map(day -> day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(LAST);
  }

  private static Optional<LocalDate> day(String parameter, String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UtcDays.parse(text));
    } catch (IllegalArgumentException e) {
      throw new BadRangeException(parameter, e.getMessage());
    }
  }
}
