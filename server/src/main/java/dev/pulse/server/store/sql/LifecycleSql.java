package dev.pulse.server.store.sql;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.store.sql.AnalysisSql.Filter;
import dev.pulse.server.store.sql.AnalysisSql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The engagement queries: lifecycle (new, returning, resurrecting, dormant installs per period) and
 * stickiness (installs by how many days of a period they were active). Over the same relations as
 * {@link AnalysisSql}: the presence rollups without a version filter, the install-day rollup with one.
 */
final class LifecycleSql {

  private LifecycleSql() {}

  /**
   * Rows {@code (period start, category, installs)}, category one of {@code new}, {@code returning},
   * {@code resurrecting}, {@code dormant}, for the periods starting from the one holding {@code
   * query.from()} through {@code query.to()}. Activity in a period counts its days within the range;
   * the period before the first one counts whole, as the reference the first is compared with.
   */
  static Statement lifecycle(AnalyticsQuery query, Period period) {
    LocalDate first = period.start(query.from());
    LocalDate before = period.previous(first);
    String step = period == Period.WEEK ? "7" : "1";
    Statement relations = period == Period.WEEK && query.version().isEmpty()
        ? WeekSql.lifecycleRelations(query, before)
        : dayRelations(query, period, first, before);
    // Positional parameters in the order of the text: the relations', then from and the two bounds.
    List<String> parameters = new ArrayList<>(relations.parameters());
    parameters.add(query.from().toString());
    String sql = "WITH " + relations.sql() + ","
        // s: the first day of the period within the range (a cut first period starts on from), so
        // that an install first seen before from is not new in it, as new-installs counts it.
        + " c AS (SELECT a.p, f.first_day, b.context_key IS NOT NULL AS was_active,"
        + " GREATEST(a.p, CAST(? AS DATE)) AS s FROM a"
        + " JOIN f ON f.context_key = a.context_key"
        + " LEFT JOIN a b ON b.context_key = a.context_key AND b.p = a.p - " + step
        + " WHERE a.p >= CAST(? AS DATE))"
        + " SELECT CAST(p AS VARCHAR), 'new', count(*) FROM c WHERE first_day >= s GROUP BY 1"
        + " UNION ALL SELECT CAST(p AS VARCHAR), 'returning', count(*) FROM c WHERE was_active GROUP BY 1"
        + " UNION ALL SELECT CAST(p AS VARCHAR), 'resurrecting', count(*) FROM c"
        + " WHERE NOT was_active AND first_day < s GROUP BY 1"
        + " UNION ALL SELECT CAST(b.p + " + step + " AS VARCHAR), 'dormant', count(*) FROM a b"
        + " LEFT JOIN a n ON n.context_key = b.context_key AND n.p = b.p + " + step
        + " WHERE n.context_key IS NULL AND b.p + " + step + " <= CAST(? AS DATE) GROUP BY 1";
    parameters.add(first.toString());
    parameters.add(query.to().toString());
    return new Statement(sql, parameters);
  }

  /**
   * The active set {@code a} (install, period) and first days {@code f} (install, first day) from a
   * row per install and day: the presence rollups, or the install-day rollup under a version filter.
   */
  private static Statement dayRelations(AnalyticsQuery query, Period period, LocalDate first, LocalDate before) {
    Filter filter = new Filter();
    filter.add("day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", before.toString(), query.to().toString());
    filter.add("(day >= CAST(? AS DATE) OR day < CAST(? AS DATE))", query.from().toString(), first.toString());
    slice(filter, query);
    String active = "SELECT DISTINCT context_key, " + bucket(period, "day") + " AS p FROM " + relation(query)
        + " x WHERE " + filter.where();
    List<String> parameters = new ArrayList<>(filter.parameters());
    String firstDays;
    if (query.version().isPresent()) {
      Filter versions = new Filter();
      versions.add("day <= CAST(? AS DATE)", query.to().toString());
      versions.slice(query, "component_type", "version");
      firstDays = "SELECT context_key, min(day) AS first_day FROM {install_day} y WHERE " + versions.where()
          + " GROUP BY context_key";
      parameters.addAll(versions.parameters());
    } else {
      Filter firsts = new Filter();
      firsts.add("first");
      firsts.add("day <= CAST(? AS DATE)", query.to().toString());
      query.component().ifPresent(c -> firsts.add("component_type = ?", c.name()));
      firstDays = "SELECT context_key, day AS first_day FROM " + relation(query) + " y WHERE " + firsts.where();
      parameters.addAll(firsts.parameters());
    }
    return new Statement("a AS (" + active + "), f AS (" + firstDays + ")", parameters);
  }

  /**
   * Rows {@code (period start, active days, installs)}: per period (a week or a month) starting from
   * the one holding {@code query.from()}, how many installs were active on exactly that many of its
   * days within the range.
   */
  static Statement stickiness(AnalyticsQuery query, Period period) {
    if (period == Period.WEEK && query.version().isEmpty()) {
      return WeekSql.stickiness(query);
    }
    Filter filter = new Filter();
    filter.dayRange("day", query.from(), query.to());
    slice(filter, query);
    String sql = "SELECT CAST(p AS VARCHAR), days, count(*) FROM (SELECT context_key, " + bucket(period, "day")
        + " AS p, count(DISTINCT day) AS days FROM " + relation(query) + " x WHERE " + filter.where()
        + " GROUP BY 1, 2) s GROUP BY 1, 2";
    return filter.statement(sql);
  }

  private static String relation(AnalyticsQuery query) {
    if (query.version().isPresent()) {
      return "{install_day}";
    }
    return query.component().isPresent() ? "{component_presence}" : "{install_presence}";
  }

  private static void slice(Filter filter, AnalyticsQuery query) {
    if (query.version().isPresent()) {
      filter.slice(query, "component_type", "version");
    } else {
      query.component().ifPresent(c -> filter.add("component_type = ?", c.name()));
    }
  }

  private static String bucket(Period period, String column) {
    return period == Period.DAY ? column : "CAST(date_trunc('" + period.label() + "', " + column + ") AS DATE)";
  }
}
