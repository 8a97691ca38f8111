package dev.pulse.server.analytics;

import dev.pulse.schema.ComponentType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The slice every analysis answers for: UTC days {@code from}..{@code to} (inclusive), optionally only
 * one component type's events and only (install, component type, day) slots whose version is
 * {@code version}. Immutable; validated on construction with errors naming the parameter.
 */
public record AnalyticsQuery(
    LocalDate from, LocalDate to, Optional<ComponentType> component, Optional<String> version) {

  /** The longest range one query may cover, in days (about 13 months: a year-over-year view). */
  public static final int MAX_RANGE_DAYS = 400;

  /** The range when none is given: the last 28 days ending today. */
  public static final int DEFAULT_RANGE_DAYS = 28;

  public AnalyticsQuery {
    if (from == null) {
      throw new BadParameterException("from", "required");
    }
    if (to == null) {
      throw new BadParameterException("to", "required");
    }
    if (from.isAfter(to)) {
      throw new BadParameterException("from", "the first day " + from + " is after the last day " + to);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_RANGE_DAYS) {
      throw new BadParameterException(
          "to", "the range " + from + " to " + to + " covers " + days + " days; at most " + MAX_RANGE_DAYS
              + " are allowed");
    }
    component = component == null ? Optional.empty() : component;
    version = version == null ? Optional.empty() : version.filter(v -> !v.isBlank());
  }

  /** All components and versions over {@code from..to}. */
  public static AnalyticsQuery of(LocalDate from, LocalDate to) {
    return new AnalyticsQuery(from, to, Optional.empty(), Optional.empty());
  }

  /**
   * Parses the common parameters as the API and the CLI receive them; {@code null} or blank means
   * absent. A version is taken as given, surrounding spaces included. Missing dates default to the
   * {@value #DEFAULT_RANGE_DAYS} days ending {@code today}
   * (or {@code to}), none before {@link UtcDays#FIRST}. No
   * day after {@code today} has happened: a later {@code to} is cut to today, and a later {@code from}
   * is refused.
   */
  public static AnalyticsQuery parse(
      String from, String to, String component, String version, LocalDate today) {
    LocalDate end = isBlank(to) ? null : date("to", to);
    LocalDate start = isBlank(from) ? null : date("from", from);
    if (start != null && start.isAfter(today)) {
      throw new BadParameterException("from", "the first day " + start + " is after today " + today);
    }
    if (end == null || end.isAfter(today)) {
      end = today;
    }
    if (start == null) {
      LocalDate defaultStart = end.minusDays(DEFAULT_RANGE_DAYS - 1);
      start = defaultStart.isBefore(UtcDays.FIRST) ? UtcDays.FIRST : defaultStart; // nothing came before
    }
    return new AnalyticsQuery(
        start, end, Optional.ofNullable(isBlank(component) ? null : component(component)),
        // A version is stored exactly as sent, spaces included: the filter matches it exactly.
        Optional.ofNullable(isBlank(version) ? null : version));
  }

  public AnalyticsQuery withComponent(ComponentType type) {
    return new AnalyticsQuery(from, to, Optional.of(type), version);
  }

  public AnalyticsQuery withVersion(String v) {
    return new AnalyticsQuery(from, to, component, Optional.of(v));
  }

  private static LocalDate date(String parameter, String text) {
    try {
      return UtcDays.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(parameter, e.getMessage());
    }
  }

  /** A component type by name, in any case and with {@code -} for {@code _}: network-mapper is NETWORK_MAPPER. */
  private static ComponentType component(String name) {
    String constant = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (ComponentType type : ComponentType.values()) {
      if (type.name().equals(constant)) {
        return type;
      }
    }
    throw new BadParameterException("component", "unknown component type " + BadParameterException.quoted(name)
        + "; one of "
        + Arrays.stream(ComponentType.values()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
