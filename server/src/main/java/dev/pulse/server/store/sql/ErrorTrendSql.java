package dev.pulse.server.store.sql;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.store.sql.AnalysisSql.Filter;
import dev.pulse.server.store.sql.AnalysisSql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One error fingerprint: its sample, and its trend per day and per version against the installs on it. */
final class ErrorTrendSql {

  private ErrorTrendSql() {}

  // Reports sent without a component have an empty context_key: they count under no install.

  /**
   * The report shown for a fingerprint: the latest of its per-install samples (on PostgreSQL one
   * probe of the index {@code rollup_error_sample_latest}, V13).
   */
  static Statement sample(String fingerprint) {
    return new Statement("SELECT error_json FROM {error_samples} x WHERE fingerprint = ? " + LATEST_SAMPLE,
        List.of(fingerprint));
  }

  /** Orders a fingerprint's per-install samples and keeps the one shown, as {@link RollupSql#latestSample}. */
  static final String LATEST_SAMPLE = "ORDER BY received_at DESC, seq DESC LIMIT 1";

  /** Rows {@code (day, reports, installs reporting it)} of the range's days that have a report. */
  static Statement days(Dialect dialect, AnalyticsQuery query, String fingerprint) {
    if (dialect.keepsDayAggregates() && query.component().isEmpty() && query.version().isEmpty()) {
      return daysCounted(query, fingerprint);
    }
    Filter filter = new Filter();
    filter.add("fingerprint = ?", fingerprint);
    filter.dayRange("day", query.from(), query.to());
    filter.slice(query, "component_type", "version");
    return filter.statement("SELECT CAST(day AS VARCHAR), sum(reports), count(DISTINCT nullif(context_key, ''))"
        + " FROM {error_day} x WHERE " + filter.where() + " GROUP BY 1");
  }

  /** As {@link #days}, from the per-day aggregates of error-day rows (PostgreSQL's, V11). */
  private static Statement daysCounted(AnalyticsQuery query, String fingerprint) {
    Filter reports = new Filter();
    reports.add("fingerprint = ?", fingerprint);
    reports.dayRange("day", query.from(), query.to());
    Filter installs = new Filter();
    installs.add("fingerprint = ?", fingerprint);
    installs.dayRange("day", query.from(), query.to());
    return reports.statement("SELECT CAST(r.day AS VARCHAR), CAST(r.reports AS BIGINT),"
        + " CAST(coalesce(i.installs, 0) AS BIGINT) FROM (SELECT day, sum(reports) AS reports FROM {error_versions} x"
        + " WHERE " + reports.where() + " GROUP BY 1) r LEFT JOIN (SELECT day, sum(installs) AS installs"
        + " FROM {error_installs} y WHERE " + installs.where() + " GROUP BY 1) i ON i.day = r.day", installs);
  }

  /**
   * Rows {@code (version, reports, installs reporting it, installs active on the version, the first day
   * it was reported on the version, the first day it was reported at all)}, over the range but for the
   * two first days, which are of all time.
   */
  static Statement versions(Dialect dialect, AnalyticsQuery query, String fingerprint) {
    Filter reported = new Filter();
    reported.add("fingerprint = ?", fingerprint);
    reported.dayRange("day", query.from(), query.to());
    reported.slice(query, "component_type", "version");
    Filter ever = new Filter();
    ever.add("fingerprint = ?", fingerprint);
    query.component().ifPresent(c -> ever.add("component_type = ?", c.name()));
    Filter active = new Filter();
    String activeInstalls;
    if (dialect.keepsDayAggregates() && query.component().isEmpty()) {
      // Installs per version and next day (PostgreSQL's, V12): each once, on its last day on the
      // version in the range.
      active.dayRange("day", query.from(), query.to());
      active.add("until > CAST(? AS DATE)", query.to().toString());
      query.version().ifPresent(v -> active.add("version = ?", v));
      activeInstalls = "SELECT version, sum(installs) AS installs FROM {version_installs} y WHERE " + active.where()
          + " AND version IN (SELECT version FROM e) GROUP BY version";
    } else {
      // A row per version, install and week, masked to the range's days (DayAggregates.versionWeek).
      active.add("scope = ?", query.component().map(Enum::name).orElse("*"));
      active.add("week BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", WeekSql.monday(query.from()).toString(),
          query.to().toString());
      active.add(WeekSql.masked(query) + " <> 0");
      query.version().ifPresent(v -> active.add("version = ?", v));
      // Distinct (version, install) pairs first: a hash aggregate, where count(DISTINCT) would sort.
      activeInstalls = "SELECT version, count(*) AS installs FROM (SELECT DISTINCT version, context_key"
          + " FROM {version_week} y WHERE " + active.where() + " AND version IN (SELECT version FROM e)) p"
          + " GROUP BY version";
    }
    String sql = "WITH e AS (SELECT version, sum(reports) AS reports,"
        + " count(DISTINCT nullif(context_key, '')) AS installs"
        + " FROM {error_day} x WHERE " + reported.where() + " AND version <> '' GROUP BY version),"
        + " a AS (" + activeInstalls + "),"
        + " f AS (SELECT version, min(day) AS first_day FROM {error_day} z WHERE " + ever.where()
        + " GROUP BY version)"
        + " SELECT e.version, e.reports, e.installs, CAST(coalesce(a.installs, 0) AS BIGINT),"
        + " CAST(f.first_day AS VARCHAR),"
        + " CAST((SELECT min(first_day) FROM f) AS VARCHAR)"
        + " FROM e JOIN f ON f.version = e.version LEFT JOIN a ON a.version = e.version";
    List<String> parameters = new ArrayList<>(reported.parameters());
    parameters.addAll(active.parameters());
    parameters.addAll(ever.parameters());
    return new Statement(sql, parameters);
  }
}
