package dev.pulse.server.store.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How each rollup relation derives from the raw tables, as SQL in one {@link Dialect}. The same
 * derivation fills the rollup tables (restricted to the touched installs and days) and, for the
 * raw-scan comparison, stands in for them as a subquery: both paths answer from one definition, so
 * they cannot drift apart.
 *
 * <p>"Last" is by receive time, ties broken by commit order ({@code seq}).
 */
final class RollupSql {

  /** The raw table each derivation reads. */
  static final String EVENTS = "component_events";
  static final String CLI = "cli_commands";
  static final String ERRORS = "error_reports";

  private final Dialect dialect;

  RollupSql(Dialect dialect) {
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  /** The UTC day of raw row {@code r}. */
  String rawDay() {
    return dialect.day("r.received_at");
  }

  private String last(String column) {
    return dialect.argMax(column, "r.received_at", "r.seq");
  }

  /** Rows of {@code rollup_install_day} from raw rows {@code r} matching {@code where}. */
  String installDay(String where) {
    return "SELECT day, context_key, component_type, version, events, row_number() OVER"
        + " (PARTITION BY day, context_key, version ORDER BY component_type) = 1 AS version_first FROM ("
        + "SELECT " + rawDay() + " AS day, r.context_key, r.component_type,"
        + " " + last("r.version") + " AS version, count(*) AS events"
        + " FROM component_events r WHERE " + where + " GROUP BY 1, 2, 3) a";
  }

  /**
   * Rows of {@code rollup_feature_day}: the inner level is each instance's latest count of the day,
   * the outer sums it over the instances of the install (the catalog's LEVEL rule); events and totals
   * are plain sums, so the catalog can be applied at query time whatever the kind. The next-day
   * columns are left empty: {@link #linkFeatureDays} fills them.
   */
  String featureDay(String where) {
    return "SELECT *, CAST(NULL AS DATE) AS next_any, CAST(NULL AS DATE) AS next_same FROM ("
        + featureDayFigures(where) + ") f";
  }

  /** As {@link #featureDay}, with the next-day columns computed (the raw-scan relation; the first refresh). */
  String featureDayWithNext(String where) {
    return linkedFeatureDays("(" + featureDayFigures(where) + ")");
  }

  /** Rows of {@code rollup_feature_day} from a relation of their figures (all but the next days). */
  static String linkedFeatureDays(String figures) {
    return "SELECT f.day, f.context_key, f.component_type, f.event_type, f.events, f.total, f.level,"
        + " a.next_day AS next_any, lead(f.day) OVER (PARTITION BY f.context_key, f.event_type,"
        + " f.component_type ORDER BY f.day) AS next_same FROM " + figures + " f JOIN ("
        + nextDays("SELECT DISTINCT context_key, event_type, day FROM " + figures + " g")
        + ") a ON a.context_key = f.context_key AND a.event_type = f.event_type AND a.day = f.day";
  }

  /** The figures of {@code rollup_feature_day} rows: all columns but the next days. */
  String featureDayFigures(String where) {
    return "SELECT day, context_key, component_type, event_type, sum(events) AS events,"
        + " sum(total) AS total, sum(level) AS level FROM ("
        + "SELECT " + rawDay() + " AS day, r.context_key, r.component_type, r.event_type,"
        + " r.component_instance_id, count(*) AS events, sum(r.count) AS total,"
        + " " + last("r.count") + " AS level"
        + " FROM component_events r WHERE " + where + " GROUP BY 1, 2, 3, 4, 5"
        + ") i GROUP BY 1, 2, 3, 4";
  }

  /** Per (install, event type, day) of {@code days}: the install's next day with that event type. */
  private static String nextDays(String days) {
    return "SELECT context_key, event_type, day,"
        + " lead(day) OVER (PARTITION BY context_key, event_type ORDER BY day) AS next_day FROM (" + days + ") d";
  }

  /**
   * The statements that set {@code next_any} (the install's next day with the event type, from any
   * component) and {@code next_same} (from the same component type) of {@code rollup_feature_day}
   * rows, for the rows of installs matching {@code installs} whose next day may have changed when the
   * days from {@code fromDay} on were recomputed: those days, and the last row before them (whose
   * next day is unset or not before {@code fromDay}). Every row a changed row's next day can be lies
   * in that set, so computing it within the set is exact.
   */
  static List<String> linkFeatureDays(String installs, String fromDay) {
    List<String> statements = new ArrayList<>();
    for (String column : new String[] {"next_any", "next_same"}) {
      String candidates = installs + " AND (c.day >= DATE '" + fromDay + "' OR c." + column + " IS NULL OR c."
          + column + " >= DATE '" + fromDay + "')";
      String next = column.equals("next_any")
          ? nextDays("SELECT DISTINCT context_key, event_type, day FROM rollup_feature_day c WHERE " + candidates)
          : "SELECT context_key, event_type, component_type, day, lead(day) OVER (PARTITION BY context_key,"
              + " event_type, component_type ORDER BY day) AS next_day FROM rollup_feature_day c WHERE " + candidates;
      statements.add("UPDATE rollup_feature_day SET " + column + " = n.next_day FROM (" + next + ") n"
          + " WHERE rollup_feature_day.context_key = n.context_key AND rollup_feature_day.event_type = n.event_type"
          + " AND rollup_feature_day.day = n.day"
          + (column.equals("next_same") ? " AND rollup_feature_day.component_type = n.component_type" : "")
          + " AND rollup_feature_day." + column + " IS DISTINCT FROM n.next_day");
    }
    return statements;
  }

  /** The columns a CLI context's next day is per: the same context, command and version. */
  static final String CLI_COMMAND = "context_key, noun, verb, modifiers, version";

  /** The columns an install's next day with an error is per. */
  static final String ERROR_INSTALL = "fingerprint, context_key";

  /** The columns an install's next day on a version is per. */
  static final String INSTALL_VERSION = "context_key, version";

  /**
   * The statement that sets {@code next_day} of the rows of {@code rollup_cli_day}, {@code
   * rollup_error_day} or {@code rollup_install_day} (PostgreSQL's, migrations V9, V11 and V12): the
   * next day with the same values of {@code per} ({@link #CLI_COMMAND}, {@link #ERROR_INSTALL},
   * {@link #INSTALL_VERSION}), for the contexts matching {@code
   * contexts} and, as {@link #linkFeatureDays}, only the rows whose next day may have changed when the
   * days from {@code fromDay} on were recomputed.
   */
  static String linkNextDays(String table, String per, String contexts, String fromDay) {
    String same = String.join(" AND ", Arrays.stream((per + ", day").split(", "))
        .map(c -> table + "." + c + " = n." + c).toList());
    String days = "SELECT DISTINCT " + per + ", day FROM " + table + " c WHERE " + contexts
        + " AND (c.day >= DATE '" + fromDay + "' OR c.next_day IS NULL OR c.next_day >= DATE '" + fromDay + "')";
    return "UPDATE " + table + " SET next_day = n.next_day FROM (SELECT " + per + ", day,"
        + " lead(day) OVER (PARTITION BY " + per + " ORDER BY day) AS next_day FROM (" + days + ") d) n"
        + " WHERE " + same + " AND " + table + ".next_day IS DISTINCT FROM n.next_day";
  }

  /** Rows of {@code rollup_cli_day}. */
  String cliDay(String where) {
    return "SELECT " + rawDay() + " AS day, r.context_key, r.version, r.noun, r.verb,"
        + " r.modifiers, count(*) AS invocations"
        + " FROM cli_commands r WHERE " + where + " GROUP BY 1, 2, 3, 4, 5, 6";
  }

  /** Rows of {@code rollup_error_day}. */
  String errorDay(String where) {
    return "SELECT " + rawDay() + " AS day, r.fingerprint, r.context_key, r.component_type,"
        + " r.version, count(*) AS reports, min(r.received_at) AS first_at, max(r.received_at) AS last_at"
        + " FROM error_reports r WHERE " + where + " GROUP BY 1, 2, 3, 4, 5";
  }

  /**
   * Rows of {@code rollup_error_sample}: per fingerprint and install, the install's latest report.
   * Keeping one per install (not one per fingerprint) lets erasure remove an install's sample and
   * leave the others' latest, as a recomputation from the remaining raw records would.
   */
  String errorSample(String where) {
    return "SELECT r.fingerprint,"
        + " " + last("r.error_class") + " AS error_class,"
        + " " + last("r.message") + " AS message,"
        + " " + last("r.error_json") + " AS error_json,"
        + " max(r.received_at) AS received_at, r.context_key, " + last("r.seq") + " AS seq"
        + " FROM error_reports r WHERE " + where + " GROUP BY r.fingerprint, r.context_key";
  }

  /** Per fingerprint, the latest of the per-install samples in {@code samples}: the one shown. */
  String latestSample(String samples) {
    String at = "s.received_at";
    return "SELECT s.fingerprint,"
        + " " + dialect.argMax("s.error_class", at, "s.seq") + " AS error_class,"
        + " " + dialect.argMax("s.message", at, "s.seq") + " AS message,"
        + " " + dialect.argMax("s.error_json", at, "s.seq") + " AS error_json,"
        + " max(s.received_at) AS received_at FROM " + samples + " s GROUP BY s.fingerprint";
  }

  /**
   * Rows of {@code rollup_install_presence} (no {@code scope}) or {@code rollup_component_presence}
   * ({@code scope} = "component_type"), from install-day rows of {@code installDay} matching
   * {@code where}. An install active on day a and next on day n is counted by a w-day window on days
   * a .. min(a + w, n) - 1, so the intervals of one install never overlap.
   */
  static String presence(String installDay, String scope, String where) {
    String keys = scope == null ? "context_key" : scope + ", context_key";
    return "SELECT " + keys + ", day, prev_day IS NULL AS first, day + 1 AS end1,"
        + " least(day + 7, coalesce(next_day, day + 7)) AS end7,"
        + " least(day + 28, coalesce(next_day, day + 28)) AS end28 FROM ("
        + "SELECT " + keys + ", day, lag(day) OVER w AS prev_day, lead(day) OVER w AS next_day"
        + " FROM (SELECT DISTINCT " + keys + ", day FROM " + installDay + " x WHERE " + where + ") p"
        + " WINDOW w AS (PARTITION BY " + keys + " ORDER BY day)) q";
  }

  /**
   * Where the analysis queries read each relation from: the rollup tables or the raw derivations, and
   * the per-day and per-week aggregates ({@link DayAggregates}) as tables or derived from those.
   */
  record Relations(
      String installDay, String featureDay, String cliDay, String errorDay, String errorSample,
      String installPresence, String componentPresence, String coverageDay, String versionDay,
      String featureTotals, String activeWeek, String versionWeek, String cliTotals, String featureLevels,
      String errorVersions, String errorInstalls, String versionInstalls, String errorSamples) {

    /** The rollup tables; the aggregate tables where the dialect keeps them. */
    static Relations rollups(RollupSql sql) {
      String sample = sub(sql.latestSample("rollup_error_sample"));
      if (sql.dialect().keepsDayAggregates()) {
        return new Relations("rollup_install_day", "rollup_feature_day", "rollup_cli_day", "rollup_error_day",
            sample, "rollup_install_presence", "rollup_component_presence", "rollup_coverage_day",
            "rollup_version_day", "rollup_feature_totals", "rollup_active_week",
            "rollup_version_week", "rollup_cli_totals", "rollup_feature_levels", "rollup_error_versions",
            "rollup_error_installs", "rollup_version_installs", "rollup_error_sample");
      }
      return derived("rollup_install_day", "rollup_feature_day", "rollup_cli_day", "rollup_error_day", sample,
          "rollup_install_presence", "rollup_component_presence", "rollup_error_sample");
    }

    /** The derivations over every raw record still kept. */
    static Relations raw(RollupSql sql) {
      String installDay = sub(sql.installDay("TRUE"));
      return derived(installDay, sub(sql.featureDayWithNext("TRUE")), sub(sql.cliDay("TRUE")),
          sub(sql.errorDay("TRUE")), sub(sql.latestSample(sub(sql.errorSample("TRUE")))),
          sub(presence(installDay, null, "TRUE")), sub(presence(installDay, "component_type", "TRUE")),
          sub(sql.errorSample("TRUE")));
    }

    private static Relations derived(String installDay, String featureDay, String cliDay, String errorDay,
        String errorSample, String installPresence, String componentPresence, String errorSamples) {
      return new Relations(installDay, featureDay, cliDay, errorDay, errorSample, installPresence,
          componentPresence, sub(DayAggregates.coverageDay(installPresence, componentPresence)),
          sub(DayAggregates.versionDay(installDay)), sub(DayAggregates.featureTotals(featureDay)),
          sub(DayAggregates.activeWeek(installPresence, componentPresence)),
          sub(DayAggregates.versionWeek(installDay)), sub(DayAggregates.cliTotals(cliDay)),
          sub(DayAggregates.featureLevels(featureDay)), sub(DayAggregates.errorVersions(errorDay)),
          sub(DayAggregates.errorInstalls(errorDay)), sub(DayAggregates.versionInstalls(installDay)), errorSamples);
    }

    /** The SQL with {@code {install_day}}-style placeholders bound to these relations. */
    String bind(String sql) {
      return sql.replace("{coverage_day}", coverageDay)
          .replace("{cli_totals}", cliTotals)
          .replace("{feature_levels}", featureLevels)
          .replace("{error_versions}", errorVersions)
          .replace("{error_installs}", errorInstalls)
          .replace("{version_installs}", versionInstalls)
          .replace("{active_week}", activeWeek)
          .replace("{version_week}", versionWeek)
          .replace("{version_day}", versionDay)
          .replace("{feature_totals}", featureTotals)
          .replace("{install_day}", installDay)
          .replace("{feature_day}", featureDay)
          .replace("{cli_day}", cliDay)
          .replace("{error_day}", errorDay)
          .replace("{error_samples}", errorSamples)
          .replace("{error_sample}", errorSample)
          .replace("{install_presence}", installPresence)
          .replace("{component_presence}", componentPresence);
    }

    private static String sub(String select) {
      return "(" + select + ")";
    }
  }
}
