package dev.pulse.server.store.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the per-day aggregates derive from the rollup relations, as SQL both databases accept. On
 * PostgreSQL they are tables kept by triggers (migration V4), which must compute the same sums; on
 * DuckDB, and for the raw-scan comparison, these derivations stand in for them as subqueries. Every
 * figure is a sum of rows that are already one per install (presence rows of one install never
 * overlap; install-day rows are one per install, day and component type), so summing them over days
 * or scopes stays exact where a distinct count could not be summed.
 */
final class DayAggregates {

  /** The scope of the rows that count installs whatever their component type. */
  static final String ALL = "'*'";

  /** The rollup tables whose rows PostgreSQL's triggers sum into the aggregate tables. */
  static final List<String> SUMMED = List.of("rollup_install_day", "rollup_feature_day", "rollup_cli_day",
      "rollup_error_day", "rollup_install_presence", "rollup_component_presence");

  private DayAggregates() {}

  /** Each aggregate table PostgreSQL keeps, with the derivation of all its rows from the rollup tables. */
  static Map<String, String> tables() {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("rollup_coverage_day", coverageDay("rollup_install_presence", "rollup_component_presence"));
    tables.put("rollup_version_day", versionDay("rollup_install_day"));
    tables.put("rollup_feature_totals", featureTotals("rollup_feature_day"));
    tables.put("rollup_active_week", activeWeek("rollup_install_presence", "rollup_component_presence"));
    tables.put("rollup_version_week", versionWeek("rollup_install_day"));
    tables.put("rollup_cli_totals", cliTotals("rollup_cli_day"));
    tables.put("rollup_feature_levels", featureLevels("rollup_feature_day"));
    tables.put("rollup_error_versions", errorVersions("rollup_error_day"));
    tables.put("rollup_error_installs", errorInstalls("rollup_error_day"));
    tables.put("rollup_version_installs", versionInstalls("rollup_install_day"));
    return tables;
  }

  /** Rows (scope, day, end7, end28, installs, firsts) of presence rows counted. */
  static String coverageDay(String installPresence, String componentPresence) {
    String figures = " day, end7, end28, count(*) AS installs, sum(CASE WHEN first THEN 1 ELSE 0 END) AS firsts";
    return "SELECT " + ALL + " AS scope," + figures + " FROM " + installPresence + " p GROUP BY day, end7, end28"
        + " UNION ALL SELECT component_type AS scope," + figures + " FROM " + componentPresence + " p"
        + " GROUP BY component_type, day, end7, end28";
  }

  /** Rows (scope, day, version, installs) of install-day rows counted. */
  static String versionDay(String installDay) {
    return "SELECT component_type AS scope, day, version, count(*) AS installs FROM " + installDay + " v"
        + " GROUP BY component_type, day, version"
        + " UNION ALL SELECT " + ALL + " AS scope, day, version, count(*) AS installs FROM " + installDay + " v"
        + " WHERE version_first GROUP BY day, version";
  }

  /** Rows (day, component_type, event_type, events, total) of feature-day rows summed. */
  static String featureTotals(String featureDay) {
    return "SELECT day, component_type, event_type, sum(events) AS events, sum(total) AS total FROM "
        + featureDay + " t GROUP BY day, component_type, event_type";
  }

  /**
   * Rows (scope, day, event_type, until, level, installs) of feature-day rows counted per level: for
   * {@code '*'} an install's levels summed over its component types that day, with {@code until} its
   * next day with the event type ({@code next_any}); per component type its row, with {@code
   * next_same}. {@code until} is 9999-12-31 for no next day.
   */
  static String featureLevels(String featureDay) {
    String until = "coalesce(%s, DATE '9999-12-31')";
    return "SELECT " + ALL + " AS scope, day, event_type, until, level, count(*) AS installs FROM (SELECT day,"
        + " event_type, min(" + String.format(until, "next_any") + ") AS until, sum(level) AS level FROM "
        + featureDay + " f GROUP BY day, context_key, event_type) i GROUP BY day, event_type, until, level"
        + " UNION ALL SELECT component_type AS scope, day, event_type, " + String.format(until, "next_same")
        + " AS until, level, count(*) AS installs FROM " + featureDay + " f"
        + " GROUP BY component_type, day, event_type, " + String.format(until, "next_same") + ", level";
  }

  /**
   * Rows (day, version, until, installs) of install-day rows counted once per day, install and
   * version, with {@code until} the install's next day on the version, or 9999-12-31.
   */
  static String versionInstalls(String installDay) {
    return installsByNextDay(installDay, "version", RollupSql.INSTALL_VERSION, "TRUE");
  }

  /** Rows (day, fingerprint, version, reports, first_at, last_at) of error-day rows summed per version. */
  static String errorVersions(String errorDay) {
    return "SELECT day, fingerprint, version, sum(reports) AS reports, min(first_at) AS first_at,"
        + " max(last_at) AS last_at FROM " + errorDay + " e GROUP BY day, fingerprint, version";
  }

  /**
   * Rows (day, fingerprint, until, installs) of error-day rows counted per install: {@code until} is
   * the install's next day with the fingerprint, or 9999-12-31. Rows without an install are left out.
   */
  static String errorInstalls(String errorDay) {
    return installsByNextDay(errorDay, "fingerprint", RollupSql.ERROR_INSTALL, "context_key <> ''");
  }

  /**
   * Rows (day, {@code key}, until, installs): the distinct (day, {@code per}) of the rows of {@code
   * relation} matching {@code where}, counted per day, key and next day of the same {@code per}.
   */
  private static String installsByNextDay(String relation, String key, String per, String where) {
    return "SELECT day, " + key + ", coalesce(next_day, DATE '9999-12-31') AS until, count(*) AS installs FROM"
        + " (SELECT day, " + key + ", lead(day) OVER (PARTITION BY " + per + " ORDER BY day) AS next_day FROM"
        + " (SELECT DISTINCT " + per + ", day FROM " + relation + " r WHERE " + where + ") d) n"
        + " GROUP BY day, " + key + ", until";
  }

  /**
   * Rows (day, noun, verb, modifiers, version, until, contexts, invocations) of CLI-day rows counted
   * per day, command, version and {@code until}: the context's next day with that command and version,
   * or 9999-12-31. A context's last day in a range is the one whose {@code until} lies after it.
   */
  static String cliTotals(String cliDay) {
    return "SELECT day, noun, verb, modifiers, version, coalesce(next_day, DATE '9999-12-31') AS until,"
        + " count(*) AS contexts, sum(invocations) AS invocations FROM (SELECT day, noun, verb, modifiers, version,"
        + " invocations, lead(day) OVER (PARTITION BY "
        + RollupSql.CLI_COMMAND + " ORDER BY day) AS next_day FROM " + cliDay + " c) c"
        + " GROUP BY day, noun, verb, modifiers, version, until";
  }

  /**
   * Rows (scope, context_key, week, days, firsts) of presence rows marked per install and ISO week
   * (starting Monday): {@code days} has bit n set when the install was active on Monday + n, {@code
   * firsts} counts its first day in that week (0 or 1). A sum of distinct bits is their bitwise or, and
   * an install has one presence row per scope and day, so PostgreSQL's triggers keep it by sums too.
   */
  static String activeWeek(String installPresence, String componentPresence) {
    String figures = " context_key, week, CAST(sum(bit) AS INTEGER) AS days,"
        + " CAST(sum(CASE WHEN first THEN 1 ELSE 0 END) AS INTEGER) AS firsts";
    String dow = "(CAST(extract(isodow FROM day) AS INTEGER) - 1)";
    String marked = "context_key, first, day - " + dow + " AS week, 1 << " + dow + " AS bit FROM ";
    return "SELECT " + ALL + " AS scope," + figures + " FROM (SELECT " + marked + installPresence + " p) w"
        + " GROUP BY context_key, week"
        + " UNION ALL SELECT component_type AS scope," + figures + " FROM (SELECT component_type, " + marked
        + componentPresence + " p) w GROUP BY component_type, context_key, week";
  }

  /**
   * Rows (scope, version, context_key, week, days) of install-day rows marked per version, install
   * and ISO week as in {@link #activeWeek}: per component type every row (one per day and install),
   * for {@code '*'} the rows marked {@code version_first} (one per day, install and version).
   */
  static String versionWeek(String installDay) {
    String dow = "(CAST(extract(isodow FROM day) AS INTEGER) - 1)";
    String marked = "SELECT component_type, version, context_key, version_first, day - " + dow + " AS week,"
        + " 1 << " + dow + " AS bit FROM " + installDay + " v";
    String figures = " version, context_key, week, CAST(sum(bit) AS INTEGER) AS days FROM (" + marked + ") w";
    return "SELECT component_type AS scope," + figures + " GROUP BY component_type, version, context_key, week"
        + " UNION ALL SELECT " + ALL + " AS scope," + figures + " WHERE version_first"
        + " GROUP BY version, context_key, week";
  }
}
