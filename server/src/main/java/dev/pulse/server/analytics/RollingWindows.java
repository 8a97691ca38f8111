package dev.pulse.server.analytics;

import dev.pulse.server.analytics.AnalyticsSource.CoverageChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns coverage changes into daily counts: the count of a window on day d is the running sum of its
 * changes up to d. The source emits a change only where a count moves, so this is linear in the
 * number of changes plus days, whatever the number of installs.
 */
final class RollingWindows {

  private RollingWindows() {}

  static List<ActiveInstallsRow> rows(List<CoverageChange> changes, AnalyticsQuery query, Breakdown by) {
    Map<String, List<CoverageChange>> byKey = new TreeMap<>();
    for (CoverageChange change : changes) {
      byKey.computeIfAbsent(change.key(), k -> new ArrayList<>()).add(change);
    }
    if (by == Breakdown.NONE && byKey.isEmpty()) {
      byKey.put("*", List.of());
    }
    List<ActiveInstallsRow> rows = new ArrayList<>();
    byKey.forEach((key, keyChanges) -> rows.addAll(series(key, keyChanges, query, by)));
    rows.sort(Comparator.comparing(ActiveInstallsRow::day));
    return rows;
  }

  private static List<ActiveInstallsRow> series(
      String key, List<CoverageChange> changes, AnalyticsQuery query, Breakdown by) {
    List<CoverageChange> sorted = new ArrayList<>(changes);
    sorted.sort(Comparator.comparing(CoverageChange::day));
    List<ActiveInstallsRow> rows = new ArrayList<>();
    long active = 0;
    long active7 = 0;
    long active28 = 0;
    int next = 0;
    for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
      while (next < sorted.size() && !sorted.get(next).day().isAfter(day)) {
        CoverageChange change = sorted.get(next++);
        active += change.active();
        active7 += change.active7();
        active28 += change.active28();
      }
      if (by == Breakdown.NONE) {
        rows.add(new ActiveInstallsRow(day, null, active, active7, active28));
      } else if (active28 > 0) {
        rows.add(new ActiveInstallsRow(day, key, active, active7, active28));
      }
    }
    return rows;
  }
}
