package dev.pulse.server.store.sql;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.store.sql.AnalysisSql.Filter;
import dev.pulse.server.store.sql.AnalysisSql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The trend of one error fingerprint: per day, and per version against the installs on it. */
final class ErrorTrendSql {

  private ErrorTrendSql() {}

  // Reports sent without a component have an empty context_key: they count under no install.

  /** Rows {@code (day, reports, installs reporting it)} of the range's days that have a report. */
  static Statement days(AnalyticsQuery query, String fingerprint) {
    Filter filter = new Filter();
    filter.add("fingerprint = ?", fingerprint);
    filter.dayRange("day", query.from(), query.to());
    filter.slice(query, "component_type", "version");
    return filter.statement("SELECT CAST(day AS VARCHAR), sum(reports), count(DISTINCT nullif(context_key, ''))"
        + " FROM {error_day} x WHERE " + filter.where() + " GROUP BY 1");
  }

  /**
   * Rows {@code (version, reports, installs reporting it, installs active on the version, the first day
   * it was reported on the version, the first day it was reported at all)}, over the range but for the
   * two first days, which are of all time.
   */
  static Statement versions(AnalyticsQuery query, String fingerprint) {
    Filter reported = new Filter();
    reported.add("fingerprint = ?", fingerprint);
    reported.dayRange("day", query.from(), query.to());
    reported.slice(query, "component_type", "version");
    // Installs active on each version in the range: a row per version, install and week, masked to
    // the range's days (DayAggregates.versionWeek).
    Filter active = new Filter();
    if (query.component().isPresent()) {
      active.add("scope = ?", query.component().get().name());
    } else {
      active.add("scope = " + DayAggregates.ALL);
    }
    active.add("week BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", WeekSql.monday(query.from()).toString(),
        query.to().toString());
    active.add(WeekSql.masked(query) + " <> 0");
    query.version().ifPresent(v -> active.add("version = ?", v));
    Filter ever = new Filter();
    ever.add("fingerprint = ?", fingerprint);
    query.component().ifPresent(c -> ever.add("component_type = ?", c.name()));
    String sql = "WITH e AS (SELECT version, sum(reports) AS reports,"
        + " count(DISTINCT nullif(context_key, '')) AS installs"
        + " FROM {error_day} x WHERE " + reported.where() + " AND version <> '' GROUP BY version),"
        // Distinct (version, install) pairs first: a hash aggregate, where count(DISTINCT) would sort.
        + " a AS (SELECT version, count(*) AS installs FROM (SELECT DISTINCT version, context_key"
        + " FROM {version_week} y WHERE " + active.where() + " AND version IN (SELECT version FROM e)) p"
        + " GROUP BY version),"
        + " f AS (SELECT version, min(day) AS first_day FROM {error_day} z WHERE " + ever.where()
        + " GROUP BY version)"
        + " SELECT e.version, e.reports, e.installs, coalesce(a.installs, 0), CAST(f.first_day AS VARCHAR),"
        + " CAST((SELECT min(first_day) FROM f) AS VARCHAR)"
        + " FROM e JOIN f ON f.version = e.version LEFT JOIN a ON a.version = e.version";
    List<String> parameters = new ArrayList<>(reported.parameters());
    parameters.addAll(active.parameters());
    parameters.addAll(ever.parameters());
    return new Statement(sql, parameters);
  }
}
