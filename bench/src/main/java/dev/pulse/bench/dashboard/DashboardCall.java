package dev.pulse.bench.dashboard;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.api.Analysis;
import dev.pulse.server.analytics.api.AnalysisRunner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One call the dashboard makes to {@code /api/v1/}: the page that makes it, the analysis, its range
 * and extra parameters, as {@code server/src/main/resources/dashboard/pages/*.js} sends them.
 */
record DashboardCall(String page, Analysis analysis, int days, AnalyticsQuery query, Map<String, String> extra) {

  /** Ranges from 36 days on show new installs per week (overview.js, WEEKLY_FROM_DAYS). */
  private static final int WEEKLY_FROM_DAYS = 36;

  /** What the table calls it: the API path with its parameters, and the range in days. */
  String label() {
    String path = analysis.path();
    String params = extra.entrySet().stream()
        .filter(e -> !e.getKey().equals("fingerprint"))
        .map(e -> e.getKey() + "=" + e.getValue())
        .reduce((a, b) -> a + "&" + b).map(p -> "?" + p).orElse("");
    return path + params + " (" + days + " days)";
  }

  /** Runs the call through the API's dispatch. */
  void run(AnalysisRunner runner) {
    runner.run(analysis, query, extra);
  }

  /**
   * Every call of every page for the range ending {@code lastDay}; the error page asks for {@code
   * fingerprint}, the most reported error of the range.
   */
  static List<DashboardCall> forRange(LocalDate lastDay, int days, String fingerprint) {
    AnalyticsQuery range = AnalyticsQuery.of(lastDay.minusDays(days - 1L), lastDay);
    List<DashboardCall> calls = new ArrayList<>();
    calls.add(new DashboardCall("Overview", Analysis.ACTIVE_INSTALLS, days, range, Map.of()));
    calls.add(new DashboardCall("Overview", Analysis.ACTIVE_INSTALLS, days, range, Map.of("by", "component")));
    calls.add(new DashboardCall("Overview", Analysis.NEW_INSTALLS, days, range,
        Map.of("period", days >= WEEKLY_FROM_DAYS ? "week" : "day")));
    calls.add(new DashboardCall("Overview", Analysis.VERSIONS, days, range, Map.of()));
    calls.add(new DashboardCall("Features", Analysis.FEATURES, days, range, Map.of()));
    calls.add(new DashboardCall("CLI", Analysis.CLI, days, range, Map.of()));
    calls.add(new DashboardCall("Errors", Analysis.ERRORS, days, range, Map.of()));
    calls.add(new DashboardCall("Error", Analysis.ERROR, days, range, Map.of("fingerprint", fingerprint)));
    calls.add(new DashboardCall("Error", Analysis.ERROR_TREND, days, range, Map.of("fingerprint", fingerprint)));
    calls.add(new DashboardCall("Error", Analysis.ERROR_VERSIONS, days, range, Map.of("fingerprint", fingerprint)));
    calls.add(new DashboardCall("Retention", Analysis.RETENTION, days, range, Map.of()));
    calls.add(new DashboardCall("Releases", Analysis.RELEASES, days, range, Map.of()));
    calls.add(new DashboardCall("Releases", Analysis.RELEASE_ADOPTION, days, range, Map.of()));
    return calls;
  }
}
