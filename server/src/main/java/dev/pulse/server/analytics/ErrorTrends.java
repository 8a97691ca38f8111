package dev.pulse.server.analytics;

import dev.pulse.server.analytics.AnalyticsSource.ErrorDay;
import dev.pulse.server.analytics.AnalyticsSource.ErrorVersion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An error fingerprint's trend ({@code docs/analytics.md}, "Error trends"). */
final class ErrorTrends {

  private ErrorTrends() {}

  /** Every day of the range, zeros included. */
  static List<ErrorTrendRow> days(AnalyticsSource source, AnalyticsQuery query, String fingerprint) {
    Map<LocalDate, ErrorDay> byDay = new TreeMap<>();
    for (ErrorDay day : source.errorDays(query, fingerprint)) {
      byDay.put(day.day(), day);
    }
    List<ErrorTrendRow> rows = new ArrayList<>();
    for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
      ErrorDay counts = byDay.get(day);
      rows.add(new ErrorTrendRow(day, counts == null ? 0 : counts.reports(), counts == null ? 0 : counts.installs()));
    }
    return rows;
  }

  /** The versions it was reported on in the range, highest rate first (then by version). */
  static List<ErrorVersionRow> versions(AnalyticsSource source, AnalyticsQuery query, String fingerprint) {
    List<ErrorVersionRow> rows = new ArrayList<>();
    for (ErrorVersion v : source.errorVersions(query, fingerprint)) {
      double rate = v.activeInstalls() == 0 ? 0 : (double) v.installs() / v.activeInstalls();
      rows.add(new ErrorVersionRow(v.version(), v.reports(), v.installs(), v.activeInstalls(), rate, v.firstSeen(),
          v.firstSeen().equals(v.fingerprintFirstSeen())));
    }
    rows.sort(Comparator.comparingDouble(ErrorVersionRow::rate).reversed().thenComparing(ErrorVersionRow::version));
    return rows;
  }
}
