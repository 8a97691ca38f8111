package dev.pulse.server.analytics;

import dev.pulse.server.analytics.AnalyticsSource.VersionCount;
import dev.pulse.server.analytics.AnalyticsSource.VersionFirstDay;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Releases ({@code docs/analytics.md}, "Releases"): per version its first day, installs now, peak and
 * the days it took to reach 10%, 50% and 90% of the peak; and the adoption curves of the latest ones.
 * "Now" is the range's last day, or the data's last day when that is earlier.
 */
final class Releases {

  /** How many of the latest versions get an adoption curve. */
  static final int CURVES = 5;

  /** How many days from day 0 an adoption curve follows. */
  static final int CURVE_DAYS = 90;

  private final Map<String, LocalDate> firstDays = new HashMap<>();
  private final Map<String, TreeMap<LocalDate, Long>> series = new HashMap<>();
  private final LocalDate windowStart;
  private final LocalDate now;

  private Releases(AnalyticsSource source, AnalyticsQuery query, LocalDate now) {
    this.now = now;
    for (VersionFirstDay first : source.versionFirstDays(query)) {
      if (!first.day().isAfter(now)) {
        firstDays.put(first.version(), first.day());
      }
    }
    LocalDate earliest = firstDays.values().stream().min(Comparator.naturalOrder()).orElse(now);
    LocalDate oldest = now.minusDays(AnalyticsQuery.MAX_RANGE_DAYS - 1);
    this.windowStart = earliest.isBefore(oldest) ? oldest : earliest;
    AnalyticsQuery window = new AnalyticsQuery(windowStart, now, query.component(), query.version());
    for (VersionCount count : source.versionCounts(window)) {
      if (count.version() != null && firstDays.containsKey(count.version())) {
        series.computeIfAbsent(count.version(), v -> new TreeMap<>()).put(count.day(), count.installs());
      }
    }
  }

  /** The releases of the versions run in the range, latest first; empty without data. */
  static List<ReleaseRow> rows(AnalyticsSource source, AnalyticsQuery query) {
    return of(source, query).map(r -> r.releases(query)).orElse(List.of());
  }

  /** The adoption curves of the {@value #CURVES} latest versions run in the range. */
  static List<AdoptionRow> adoption(AnalyticsSource source, AnalyticsQuery query) {
    return of(source, query).map(r -> r.curves(query)).orElse(List.of());
  }

  private static Optional<Releases> of(AnalyticsSource source, AnalyticsQuery query) {
    return source.lastDay()
        .filter(last -> !last.isBefore(query.from()))
        .map(last -> new Releases(source, query, last.isBefore(query.to()) ? last : query.to()));
  }

  private List<ReleaseRow> releases(AnalyticsQuery query) {
    List<ReleaseRow> rows = new ArrayList<>();
    for (String version : runInRange(query)) {
      TreeMap<LocalDate, Long> days = series.get(version);
      LocalDate first = firstDays.get(version);
      long peak = 0;
      LocalDate peakDay = null;
      for (Map.Entry<LocalDate, Long> day : days.entrySet()) {
        if (day.getValue() > peak) {
          peak = day.getValue();
          peakDay = day.getKey();
        }
      }
      boolean wholeLife = !first.isBefore(windowStart);
      rows.add(new ReleaseRow(version, first, days.getOrDefault(now, 0L), peak, peakDay,
          wholeLife ? daysTo(days, first, peak, 10) : null, wholeLife ? daysTo(days, first, peak, 50) : null,
          wholeLife ? daysTo(days, first, peak, 90) : null));
    }
    return rows;
  }

  private List<AdoptionRow> curves(AnalyticsQuery query) {
    List<AdoptionRow> rows = new ArrayList<>();
    List<String> latest = runInRange(query);
    for (String version : latest.subList(0, Math.min(CURVES, latest.size()))) {
      LocalDate first = firstDays.get(version);
      if (first.isBefore(windowStart)) {
        continue;
      }
      int days = (int) Math.min(CURVE_DAYS - 1, ChronoUnit.DAYS.between(first, now));
      for (int day = 0; day <= days; day++) {
        rows.add(new AdoptionRow(version, day, series.get(version).getOrDefault(first.plusDays(day), 0L)));
      }
    }
    return rows;
  }

  /** Versions with an install in the range, the latest first (ties by name). */
  private List<String> runInRange(AnalyticsQuery query) {
    List<String> versions = new ArrayList<>();
    series.forEach((version, days) -> {
      if (!days.subMap(query.from(), true, now, true).isEmpty()) {
        versions.add(version);
      }
    });
    versions.sort(Comparator.comparing((String v) -> firstDays.get(v)).reversed()
        .thenComparing(Comparator.naturalOrder()));
    return versions;
  }

  /** Days from {@code first} to the first day with at least {@code percent}% of the peak. */
  private static Integer daysTo(TreeMap<LocalDate, Long> days, LocalDate first, long peak, int percent) {
    for (Map.Entry<LocalDate, Long> day : days.entrySet()) {
      if (day.getValue() * 100 >= peak * percent) {
        return (int) ChronoUnit.DAYS.between(first, day.getKey());
      }
    }
    return null;
  }
}
