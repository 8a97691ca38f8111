package dev.pulse.server.store.sql;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.store.sql.AnalysisSql.Filter;
import dev.pulse.server.store.sql.AnalysisSql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * Retention cohorts, lifecycle and stickiness by week without a version filter, from the per-install,
 * per-week rows ({@link DayAggregates#activeWeek}): a row per install and week instead of one per
 * install and day. A range that starts or ends mid-week keeps only its own days of that week, by
 * masking the week's day bits.
 */
final class WeekSql {

  /** Every day of a week. */
  private static final int WHOLE = 127;

  private WeekSql() {}

  /** As {@link AnalysisSql#cohorts}: a cohort is the week holding an install's first day. */
  static Statement cohorts(AnalyticsQuery query) {
    LocalDate firstMonday = monday(query.from());
    Filter cohorts = new Filter();
    scope(cohorts, query);
    cohorts.add("firsts > 0");
    cohorts.add("week BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", firstMonday.toString(), query.to().toString());
    Filter weeks = new Filter();
    scope(weeks, query);
    weeks.add("week >= CAST(? AS DATE)", firstMonday.toString());
    String sql = "WITH c AS (SELECT context_key, week AS cohort FROM {active_week} x WHERE " + cohorts.where() + "),"
        + " a AS (SELECT context_key, week FROM {active_week} y WHERE " + weeks.where() + ")"
        + " SELECT CAST(c.cohort AS VARCHAR), CAST((a.week - c.cohort) / 7 AS INTEGER) AS week_offset, count(*)"
        + " FROM c JOIN a ON a.context_key = c.context_key WHERE a.week <= c.cohort + 84 GROUP BY 1, 2";
    return cohorts.statement(sql, weeks);
  }

  /**
   * The active and first-week relations of the weekly lifecycle ({@link LifecycleSql#lifecycle}): the
   * weeks from the one before {@code first} through the range's end in which an install was active
   * on a day of the range (the week before counts whole), and each install's first day.
   */
  static Statement lifecycleRelations(AnalyticsQuery query, LocalDate before) {
    Filter active = new Filter();
    scope(active, query);
    active.add("week BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", before.toString(), query.to().toString());
    active.add(masked(query) + " <> 0");
    Filter firsts = new Filter();
    scope(firsts, query);
    firsts.add("firsts > 0");
    firsts.add("week <= CAST(? AS DATE)", query.to().toString());
    String sql = "a AS (SELECT context_key, week AS p FROM {active_week} x WHERE " + active.where() + "),"
        + " f AS (SELECT context_key, week + " + lowestDay() + " AS first_day FROM {active_week} y WHERE "
        + firsts.where() + ")";
    return active.statement(sql, firsts);
  }

  /**
   * The offset from Monday of a row's first active day, its lowest bit: in an install's first week
   * that is its first day, since it was active on no day before it.
   */
  private static String lowestDay() {
    StringBuilder offset = new StringBuilder("(CASE");
    for (int bit = 0; bit < 6; bit++) {
      offset.append(" WHEN (days & ").append(1 << bit).append(") <> 0 THEN ").append(bit);
    }
    return offset.append(" ELSE 6 END)").toString();
  }

  /** As {@link LifecycleSql#stickiness} by week: the days of the range each install was active per week. */
  static Statement stickiness(AnalyticsQuery query) {
    Filter filter = new Filter();
    scope(filter, query);
    filter.add("week BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", monday(query.from()).toString(),
        query.to().toString());
    String days = masked(query);
    StringBuilder count = new StringBuilder("(" + days + " & 1)");
    for (int bit = 1; bit < 7; bit++) {
      count.append(" + ((").append(days).append(" >> ").append(bit).append(") & 1)");
    }
    filter.add(days + " <> 0");
    return filter.statement("SELECT CAST(week AS VARCHAR), " + count + ", count(*) FROM {active_week} x WHERE "
        + filter.where() + " GROUP BY 1, 2");
  }

  /**
   * A row's day bits within the range: the range's first week keeps its days from {@code from}, its
   * last week its days through {@code to}. Literal dates and masks, computed here.
   */
  static String masked(AnalyticsQuery query) {
    LocalDate firstWeek = monday(query.from());
    LocalDate lastWeek = monday(query.to());
    int fromBits = WHOLE & ~((1 << (int) ChronoUnit.DAYS.between(firstWeek, query.from())) - 1);
    int toBits = (1 << (int) (ChronoUnit.DAYS.between(lastWeek, query.to()) + 1)) - 1;
    return "((days & (CASE WHEN week = DATE '" + firstWeek + "' THEN " + fromBits + " ELSE " + WHOLE + " END))"
        + " & (CASE WHEN week = DATE '" + lastWeek + "' THEN " + toBits + " ELSE " + WHOLE + " END))";
  }

  private static void scope(Filter filter, AnalyticsQuery query) {
    if (query.component().isPresent()) {
      filter.add("scope = ?", query.component().get().name());
    } else {
      filter.add("scope = " + DayAggregates.ALL);
    }
  }

  static LocalDate monday(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
