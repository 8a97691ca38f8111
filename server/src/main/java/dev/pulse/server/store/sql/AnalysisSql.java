package dev.pulse.server.store.sql;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.Breakdown;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis queries over the rollup relations ({@code {install_day}} etc., bound by {@link
 * RollupSql.Relations}), each with its parameters. Plain SQL that DuckDB and PostgreSQL both
 * accept, but for what {@link Dialect} spells per database. Every relation gets an alias, which
 * PostgreSQL requires of a subquery (the raw-scan relations are subqueries).
 */
final class AnalysisSql {

  /** A statement and its positional parameters, all bound as text and cast in SQL. */
  record Statement(String sql, List<String> parameters) {}

  private AnalysisSql() {}

  /**
   * Coverage changes: an install active on day a, next active on day n, is counted by a w-day window
   * on days a .. min(a + w, n) - 1; so +1 at a and -1 at min(a + w, n), for w = 1, 7, 28. The
   * intervals of one install never overlap, so the running sum counts distinct installs.
   */
  static Statement activeCoverage(AnalyticsQuery query, Breakdown by) {
    if (query.version().isEmpty() && by != Breakdown.VERSION) {
      return presenceCoverage(query, by);
    }
    String key = by == Breakdown.COMPONENT ? "component_type" : by == Breakdown.VERSION ? "version" : "'*'";
    Filter filter = new Filter();
    filter.dayRange("day", query.from().minusDays(27), query.to());
    filter.slice(query, "component_type", "version");
    // Rows already one per key, install and day, so no DISTINCT: within a component type one per day
    // and install; across component types those marked version_first, one per day, install and version.
    if (query.component().isEmpty() && by != Breakdown.COMPONENT) {
      filter.add("version_first");
    }
    String sql = "WITH p AS (SELECT " + key + " AS k, context_key, day FROM {install_day} x"
        + " WHERE " + filter.where() + "),"
        + " n AS (SELECT k, day, lead(day) OVER (PARTITION BY k, context_key ORDER BY day) AS next_day FROM p)"
        + " SELECT k, CAST(CASE WHEN w.w = 0 THEN n.day"
        + " ELSE least(n.day + w.w, coalesce(n.next_day, n.day + w.w)) END AS VARCHAR) AS d,"
        + " sum(CASE WHEN w.w = 0 THEN 1 WHEN w.w = 1 THEN -1 ELSE 0 END),"
        + " sum(CASE WHEN w.w = 0 THEN 1 WHEN w.w = 7 THEN -1 ELSE 0 END),"
        + " sum(CASE WHEN w.w = 0 THEN 1 WHEN w.w = 28 THEN -1 ELSE 0 END)"
        + " FROM n CROSS JOIN (VALUES (0), (1), (7), (28)) AS w(w) GROUP BY 1, 2";
    return filter.statement(sql);
  }

  /**
   * Coverage changes from the per-day counts of presence rows ({@link DayAggregates#coverageDay}),
   * which hold each row's window ends: four plain group-bys of a few rows per day, whatever the
   * number of installs.
   */
  private static Statement presenceCoverage(AnalyticsQuery query, Breakdown by) {
    String key = by == Breakdown.COMPONENT ? "scope" : "'*'";
    Filter filter = new Filter();
    List<String> parts = new ArrayList<>();
    String[][] columns = {{"day", "sum(installs), 0, 0, 0"}, {"day + 1", "0, -sum(installs), 0, 0"},
        {"end7", "0, 0, -sum(installs), 0"}, {"end28", "0, 0, 0, -sum(installs)"}};
    for (String[] column : columns) {
      Filter part = new Filter();
      part.dayRange("day", query.from().minusDays(27), query.to());
      scope(part, query, by == Breakdown.COMPONENT);
      parts.add("SELECT " + key + " AS k, " + column[0] + " AS d, " + column[1] + " FROM {coverage_day}"
          + " x WHERE " + part.where() + " GROUP BY 1, 2");
      filter.parameters.addAll(part.parameters);
    }
    // One running sum serves the 1-day count: +1 at the day and -1 at end1 are summed together.
    String sql = "SELECT k, CAST(d AS VARCHAR), sum(a) + sum(e1), sum(a) + sum(e7), sum(a) + sum(e28) FROM ("
        + String.join(" UNION ALL ", parts) + ") c(k, d, a, e1, e7, e28) GROUP BY 1, 2";
    return filter.statement(sql);
  }

  /**
   * The scope of the per-day aggregates a query reads: its component type, every component type
   * (one row each) when broken down by them, else all installs.
   */
  private static void scope(Filter filter, AnalyticsQuery query, boolean perComponent) {
    if (query.component().isPresent()) {
      filter.add("scope = ?", query.component().get().name());
    } else {
      filter.add(perComponent ? "scope <> " + DayAggregates.ALL : "scope = " + DayAggregates.ALL);
    }
  }

  static Statement firstDays(AnalyticsQuery query) {
    if (query.version().isEmpty()) {
      Filter filter = new Filter();
      filter.dayRange("day", query.from(), query.to());
      scope(filter, query, false);
      return filter.statement("SELECT CAST(day AS VARCHAR), sum(firsts) FROM {coverage_day} x WHERE "
          + filter.where() + " GROUP BY 1 HAVING sum(firsts) > 0");
    }
    Filter filter = new Filter();
    filter.add("day <= CAST(? AS DATE)", query.to().toString());
    filter.slice(query, "component_type", "version");
    String sql = "SELECT CAST(first_day AS VARCHAR), count(*) FROM (SELECT context_key, min(day) AS first_day"
        + " FROM {install_day} x WHERE " + filter.where() + " GROUP BY context_key) f"
        + " WHERE first_day >= CAST(? AS DATE) GROUP BY 1";
    filter.parameters.add(query.from().toString());
    return filter.statement(sql);
  }

  /**
   * Offset 0 of each cohort is its size: every install is active in its own first week. Without a
   * version filter the per-install week rows answer ({@link WeekSql#cohorts}).
   */
  static Statement cohorts(AnalyticsQuery query) {
    String firstMonday = query.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
    String week = "CAST(date_trunc('week', day) AS DATE)";
    if (query.version().isEmpty()) {
      return WeekSql.cohorts(query);
    }
    Filter filter = new Filter();
    filter.add("TRUE");
    filter.slice(query, "component_type", "version");
    String sql = "WITH a AS (SELECT DISTINCT context_key, " + week + " AS week"
        + " FROM {install_day} x WHERE " + filter.where() + "),"
        + " c AS (SELECT context_key, min(week) AS cohort FROM a GROUP BY 1)"
        + " SELECT CAST(c.cohort AS VARCHAR), CAST((a.week - c.cohort) / 7 AS INTEGER) AS week_offset, count(*)"
        + " FROM c JOIN a ON a.context_key = c.context_key"
        + " WHERE c.cohort BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)"
        + " AND a.week <= c.cohort + 84 GROUP BY 1, 2";
    filter.parameters.add(firstMonday);
    filter.parameters.add(query.to().toString());
    return filter.statement(sql);
  }

  /**
   * Installs per day and version from the per-day counts of install-day rows: per component type one
   * row per install, across component types only the rows marked {@code version_first}. Day totals
   * (version null) count presence rows: all active installs, whatever the version filter, so a share
   * stays the share of the day's active installs.
   */
  static Statement versionCounts(AnalyticsQuery query) {
    Filter perVersion = new Filter();
    perVersion.dayRange("day", query.from(), query.to());
    scope(perVersion, query, false);
    query.version().ifPresent(v -> perVersion.add("version = ?", v));
    Filter totals = new Filter();
    totals.dayRange("day", query.from(), query.to());
    scope(totals, query, false);
    String sql = "SELECT CAST(day AS VARCHAR), version, sum(installs) FROM {version_day} x WHERE "
        + perVersion.where() + " GROUP BY 1, 2 UNION ALL SELECT CAST(day AS VARCHAR), NULL, sum(installs)"
        + " FROM {coverage_day} y WHERE " + totals.where() + " GROUP BY 1";
    perVersion.parameters.addAll(totals.parameters);
    return perVersion.statement(sql);
  }

  /**
   * An install's level for the range is its level (summed over instances and component types) on the
   * last day in the range it reported the event type: the latest, never a sum over days. Without a
   * version filter, those last days are the rows whose next day ({@code next_any}, or {@code
   * next_same} within one component type) lies after the range, so no install-day is grouped.
   */
  static Statement features(Dialect dialect, AnalyticsQuery query) {
    if (query.version().isPresent()) {
      return featuresOfVersion(dialect, query);
    }
    if (dialect.keepsDayAggregates()) {
      return LastDaySql.features(query);
    }
    String next = query.component().isPresent() ? "f.next_same" : "f.next_any";
    Filter last = new Filter();
    last.dayRange("f.day", query.from(), query.to());
    query.component().ifPresent(c -> last.add("f.component_type = ?", c.name()));
    // As coalesce(...) > to, an expression PostgreSQL indexes (migration V4).
    last.add("coalesce(" + next + ", DATE '9999-12-31') > CAST(? AS DATE)", query.to().toString());
    Filter all = new Filter();
    all.dayRange("t.day", query.from(), query.to());
    query.component().ifPresent(c -> all.add("t.component_type = ?", c.name()));
    String sql = "WITH l AS (SELECT f.event_type, f.context_key, sum(f.level) AS level FROM {feature_day} f"
        + " WHERE " + last.where() + " GROUP BY 1, 2),"
        + " s AS (SELECT event_type, count(*) AS installs, " + dialect.quantile("level", 0.5) + " AS median,"
        + " " + dialect.quantile("level", 0.9) + " AS p90, max(level) AS max FROM l GROUP BY 1),"
        + " t AS (SELECT t.event_type, sum(t.events) AS events, sum(t.total) AS total FROM {feature_totals} t"
        + " WHERE " + all.where() + " GROUP BY 1)"
        + " SELECT t.event_type, s.installs, t.events, t.total, s.median, s.p90, s.max"
        + " FROM t JOIN s ON s.event_type = t.event_type";
    last.parameters.addAll(all.parameters);
    return last.statement(sql);
  }

  /** With a version filter: the install-days of that version, grouped. */
  private static Statement featuresOfVersion(Dialect dialect, AnalyticsQuery query) {
    Filter filter = new Filter();
    String join = " JOIN {install_day} i ON i.day = f.day AND i.context_key = f.context_key"
        + " AND i.component_type = f.component_type AND i.version = ?";
    filter.parameters.add(query.version().get());
    filter.dayRange("f.day", query.from(), query.to());
    query.component().ifPresent(c -> filter.add("f.component_type = ?", c.name()));
    String sql = "WITH d AS (SELECT f.event_type, f.context_key, f.day, sum(f.events) AS events,"
        + " sum(f.total) AS total, sum(f.level) AS level FROM {feature_day} f" + join
        + " WHERE " + filter.where() + " GROUP BY 1, 2, 3),"
        + " i AS (SELECT event_type, context_key, sum(events) AS events, sum(total) AS total,"
        + " " + dialect.argMax("level", "day") + " AS level FROM d GROUP BY 1, 2)"
        + " SELECT event_type, count(*), sum(events), sum(total), " + dialect.quantile("level", 0.5) + ","
        + " " + dialect.quantile("level", 0.9) + ", max(level) FROM i GROUP BY 1";
    return filter.statement(sql);
  }

  /**
   * CLI contexts are not installs and have no component type: the component filter is ignored. Where
   * the dialect keeps the CLI totals, from those ({@link LastDaySql#cliUsage}).
   */
  static Statement cliUsage(Dialect dialect, AnalyticsQuery query) {
    if (dialect.keepsDayAggregates()) {
      return LastDaySql.cliUsage(query);
    }
    Filter filter = new Filter();
    filter.dayRange("day", query.from(), query.to());
    query.version().ifPresent(v -> filter.add("version = ?", v));
    // Per context first, then counted: hash aggregates, where count(DISTINCT) would sort.
    return filter.statement("SELECT noun, verb, modifiers, version, sum(invocations), count(*) FROM"
        + " (SELECT noun, verb, modifiers, version, context_key, sum(invocations) AS invocations FROM {cli_day} x"
        + " WHERE " + filter.where() + " GROUP BY 1, 2, 3, 4, 5) c"
        + " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 6 DESC, 1, 2, 3, 4");
  }

  static Statement errorGroups(Dialect dialect, AnalyticsQuery query, String fingerprint) {
    if (dialect.keepsDayAggregates() && query.component().isEmpty() && query.version().isEmpty()) {
      return LastDaySql.errorGroups(dialect, query, fingerprint);
    }
    Filter filter = new Filter();
    filter.dayRange("e.day", query.from(), query.to());
    filter.slice(query, "e.component_type", "e.version");
    if (fingerprint != null) {
      filter.add("e.fingerprint = ?", fingerprint);
    }
    // Reports sent without a component have empty component columns: they count under no install.
    // Grouped first, then joined: one sample lookup per fingerprint, never one per error-day row.
    return filter.statement("SELECT g.fingerprint, s.error_class, s.message, g.reports, g.installs, g.versions,"
        + " " + dialect.epochMicros("g.first_at") + ", " + dialect.epochMicros("g.last_at") + " FROM"
        + " (SELECT e.fingerprint, sum(e.reports) AS reports, count(DISTINCT nullif(e.context_key, '')) AS installs,"
        + " coalesce(string_agg(DISTINCT nullif(e.version, ''), ',' ORDER BY nullif(e.version, '')), '') AS versions,"
        + " min(e.first_at) AS first_at, max(e.last_at) AS last_at FROM {error_day} e"
        + " WHERE " + filter.where() + " GROUP BY 1) g"
        + " JOIN {error_sample} s ON s.fingerprint = g.fingerprint ORDER BY 4 DESC, 1");
  }

  /** Per version: the first day any install ran it (of the component type, when filtered). */
  static Statement versionFirstDays(AnalyticsQuery query) {
    Filter filter = new Filter();
    scope(filter, query, false);
    query.version().ifPresent(v -> filter.add("version = ?", v));
    return filter.statement("SELECT version, CAST(min(day) AS VARCHAR) FROM {version_day} x WHERE "
        + filter.where() + " GROUP BY version");
  }

  static Statement lastDay() {
    return new Statement("SELECT CAST(max(day) AS VARCHAR) FROM {install_day} x", List.of());
  }

  /** Conditions joined by AND, with their parameters in order. */
  static final class Filter {
    private final List<String> conditions = new ArrayList<>();
    private final List<String> parameters = new ArrayList<>();

    void add(String condition, String... values) {
      conditions.add(condition);
      parameters.addAll(List.of(values));
    }

    void dayRange(String column, LocalDate from, LocalDate to) {
      add(column + " BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", from.toString(), to.toString());
    }

    void slice(AnalyticsQuery query, String typeColumn, String versionColumn) {
      query.component().ifPresent(c -> add(typeColumn + " = ?", c.name()));
      query.version().ifPresent(v -> add(versionColumn + " = ?", v));
    }

    List<String> parameters() {
      return List.copyOf(parameters);
    }

    String where() {
      return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    Statement statement(String sql) {
      return new Statement(sql, List.copyOf(parameters));
    }

    /** The statement, with this filter's parameters and then those of {@code then}. */
    Statement statement(String sql, Filter then) {
      List<String> all = new ArrayList<>(parameters);
      all.addAll(then.parameters);
      return new Statement(sql, all);
    }
  }
}
