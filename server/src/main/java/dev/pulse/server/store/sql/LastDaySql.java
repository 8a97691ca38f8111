package dev.pulse.server.store.sql;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.store.sql.AnalysisSql.Filter;
import dev.pulse.server.store.sql.AnalysisSql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * CLI usage, Features and error groups from PostgreSQL's counted aggregates ({@link
 * DayAggregates#cliTotals}, {@link DayAggregates#featureLevels}, {@link DayAggregates#errorInstalls}):
 * each context or install counts once, on its last day in the
 * range, which is the row whose {@code until} (its next day) lies after the range. No query groups
 * by context or install, so a page reads a few rows per day whatever their number.
 */
final class LastDaySql {

  private LastDaySql() {}

  /** As {@link AnalysisSql#cliUsage}. */
  static Statement cliUsage(AnalyticsQuery query) {
    Filter filter = new Filter();
    filter.dayRange("day", query.from(), query.to());
    query.version().ifPresent(v -> filter.add("version = ?", v));
    List<String> parameters = new ArrayList<>(List.of(query.to().toString()));
    parameters.addAll(filter.parameters());
    return new Statement("SELECT noun, verb, modifiers, version, sum(invocations),"
        + " sum(CASE WHEN until > CAST(? AS DATE) THEN contexts ELSE 0 END) FROM {cli_totals} x"
        + " WHERE " + filter.where() + " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 6 DESC, 1, 2, 3, 4", parameters);
  }

  /**
   * As {@link AnalysisSql#features} without a version filter. The levels' histogram per event type
   * gives the percentiles as {@code percentile_cont} computes them: for fraction p of n levels in
   * order, the levels at 0-based positions floor(p(n - 1)) and ceil(p(n - 1)), interpolated by the
   * fractional part, in double precision, so both stores answer the same to the last bit.
   */
  static Statement features(AnalyticsQuery query) {
    Filter last = new Filter();
    last.add("scope = ?", query.component().map(Enum::name).orElse("*"));
    last.add("until > CAST(? AS DATE)", query.to().toString());
    last.dayRange("day", query.from(), query.to());
    Filter all = new Filter();
    all.dayRange("t.day", query.from(), query.to());
    query.component().ifPresent(c -> all.add("t.component_type = ?", c.name()));
    String sql = "WITH h AS (SELECT event_type, level, sum(installs) AS n FROM {feature_levels} x"
        + " WHERE " + last.where() + " GROUP BY 1, 2),"
        + " c AS (SELECT event_type, level,"
        + " CAST(sum(n) OVER (PARTITION BY event_type ORDER BY level) AS BIGINT) AS upto,"
        + " CAST(sum(n) OVER (PARTITION BY event_type) AS BIGINT) AS installs FROM h),"
        + " p AS (SELECT *, CAST(0.5 AS DOUBLE PRECISION) * (installs - 1) AS m,"
        + " CAST(0.9 AS DOUBLE PRECISION) * (installs - 1) AS q FROM c),"
        + " s AS (SELECT event_type, max(installs) AS installs, max(m) AS m, max(q) AS q, max(level) AS max,"
        + " " + at("floor(m)") + " AS m_lo, " + at("ceil(m)") + " AS m_hi,"
        + " " + at("floor(q)") + " AS q_lo, " + at("ceil(q)") + " AS q_hi FROM p GROUP BY 1),"
        + " t AS (SELECT t.event_type, sum(t.events) AS events, sum(t.total) AS total FROM {feature_totals} t"
        + " WHERE " + all.where() + " GROUP BY 1)"
        + " SELECT t.event_type, s.installs, t.events, t.total, " + lerp("m") + ", " + lerp("q") + ", s.max"
        + " FROM t JOIN s ON s.event_type = t.event_type";
    return last.statement(sql, all);
  }

  /** The level at a 0-based position: the first whose running count passes it. */
  private static String at(String position) {
    return "CAST(min(level) FILTER (WHERE upto > " + position + ") AS DOUBLE PRECISION)";
  }

  private static String lerp(String position) {
    return "s." + position + "_lo + (s." + position + "_hi - s." + position + "_lo) * (s." + position
        + " - floor(s." + position + "))";
  }

  /**
   * As {@link AnalysisSql#errorGroups} without a component or version filter: reports, versions and
   * receive times from the per-version rows, installs counted on their last day in the range.
   */
  static Statement errorGroups(Dialect dialect, AnalyticsQuery query, String fingerprint) {
    Filter versions = new Filter();
    versions.dayRange("day", query.from(), query.to());
    Filter installs = new Filter();
    installs.dayRange("day", query.from(), query.to());
    installs.add("until > CAST(? AS DATE)", query.to().toString());
    if (fingerprint != null) {
      versions.add("fingerprint = ?", fingerprint);
      installs.add("fingerprint = ?", fingerprint);
    }
    String sql = "WITH g AS (SELECT fingerprint, sum(reports) AS reports,"
        + " coalesce(string_agg(nullif(version, ''), ',' ORDER BY nullif(version, '')), '') AS versions,"
        + " min(first_at) AS first_at, max(last_at) AS last_at FROM (SELECT fingerprint, version, sum(reports) AS"
        + " reports, min(first_at) AS first_at, max(last_at) AS last_at FROM {error_versions} x WHERE "
        + versions.where() + " GROUP BY 1, 2) v GROUP BY 1),"
        + " i AS (SELECT fingerprint, sum(installs) AS installs FROM {error_installs} y WHERE " + installs.where()
        + " GROUP BY 1)"
        + " SELECT g.fingerprint, s.error_class, s.message, g.reports, CAST(coalesce(i.installs, 0) AS BIGINT),"
        + " g.versions, " + dialect.epochMicros("g.first_at") + ", " + dialect.epochMicros("g.last_at")
        + " FROM g LEFT JOIN i ON i.fingerprint = g.fingerprint CROSS JOIN LATERAL (SELECT error_class, message"
        + " FROM {error_samples} s WHERE s.fingerprint = g.fingerprint " + ErrorTrendSql.LATEST_SAMPLE + ") s"
        + " ORDER BY 4 DESC, 1";
    return versions.statement(sql, installs);
  }
}
