package dev.pulse.server.analytics;

import dev.pulse.server.analytics.AnalyticsSource.ActiveDaysCount;
import dev.pulse.server.analytics.AnalyticsSource.LifecycleCount;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lifecycle and stickiness ({@code docs/analytics.md}): turns the source's counts into one row per
 * period of the range (and per day count), zeros included, each marked when the range cuts it.
 */
final class Engagement {

  private Engagement() {}

  static List<LifecycleRow> lifecycle(AnalyticsSource source, AnalyticsQuery query, Period period) {
    Map<LocalDate, Map<LifecycleRow.Category, Long>> counts = new TreeMap<>();
    for (LocalDate start : starts(query, period)) {
      counts.put(start, new EnumMap<>(LifecycleRow.Category.class));
    }
    for (LifecycleCount count : source.lifecycle(query, period)) {
      Map<LifecycleRow.Category, Long> row = counts.get(count.start());
      if (row != null) {
        row.merge(count.category(), count.installs(), Long::sum);
      }
    }
    List<LifecycleRow> rows = new ArrayList<>(counts.size());
    counts.forEach((start, row) -> rows.add(new LifecycleRow(period, start, partial(query, period, start),
        row.getOrDefault(LifecycleRow.Category.NEW, 0L), row.getOrDefault(LifecycleRow.Category.RETURNING, 0L),
        row.getOrDefault(LifecycleRow.Category.RESURRECTING, 0L),
        row.getOrDefault(LifecycleRow.Category.DORMANT, 0L))));
    return rows;
  }

  static List<StickinessRow> stickiness(AnalyticsSource source, AnalyticsQuery query, Period period) {
    Map<LocalDate, long[]> counts = new TreeMap<>();
    for (LocalDate start : starts(query, period)) {
      counts.put(start, new long[(int) ChronoUnit.DAYS.between(start, period.next(start)) + 1]);
    }
    for (ActiveDaysCount count : source.stickiness(query, period)) {
      long[] byDays = counts.get(count.start());
      if (byDays != null && count.days() < byDays.length) {
        byDays[count.days()] += count.installs();
      }
    }
    List<StickinessRow> rows = new ArrayList<>();
    counts.forEach((start, byDays) -> {
      long active = 0;
      for (long installs : byDays) {
        active += installs;
      }
      boolean partial = partial(query, period, start);
      for (int days = 1; days < byDays.length; days++) {
        double share = active == 0 ? 0 : (double) byDays[days] / active;
        rows.add(new StickinessRow(period, start, partial, days, byDays[days], share));
      }
    });
    return rows;
  }

  /** The first day of every period that holds a day of the range. */
  private static List<LocalDate> starts(AnalyticsQuery query, Period period) {
    List<LocalDate> starts = new ArrayList<>();
    for (LocalDate start = period.start(query.from()); !start.isAfter(query.to()); start = period.next(start)) {
      starts.add(start);
    }
    return starts;
  }

  private static boolean partial(AnalyticsQuery query, Period period, LocalDate start) {
    return start.isBefore(query.from()) || period.next(start).minusDays(1).isAfter(query.to());
  }
}
