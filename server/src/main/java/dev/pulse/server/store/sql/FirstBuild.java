package dev.pulse.server.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The first refresh of a store: every rollup from every raw record, in bounded steps so that a store
 * of tens of millions of records needs no more memory or temporary disk than a few days of them. The
 * day rollups are built {@value #DAYS_PER_CHUNK} days of records at a time (each row is of one day, so
 * the chunks are independent; feature-day rows are staged in a temp table without their next days);
 * the cross-day parts (the feature rows with their next days, the presence rows) are built per slice
 * of installs, by the first character of their key. One line is logged per step,
 * with its counts. Where the store keeps per-day aggregates, their triggers are off during the build
 * and the aggregates are derived once at its end. All of it runs in the caller's transaction: a
 * failure leaves nothing built.
 */
final class FirstBuild {

  /** Records from which a build logs each step at INFO: a smaller one says only its first line. */
  static final long LOUD_FROM_RECORDS = 1_000_000;

  /** Days of raw records rolled up per step. */
  static final int DAYS_PER_CHUNK = 7;

  /** Lower bounds of the install slices: keys are hex digests, spread evenly over these. */
  private static final String[] KEY_SLICES = {"", "2", "4", "6", "8", "a", "c", "e"};

  /** The feature-day rows of the steps, before their next days are known. */
  private static final String STAGING = "first_build_feature_day";

  private static final Logger LOG = LoggerFactory.getLogger(FirstBuild.class);

  private final RollupSql sql;

  FirstBuild(RollupSql sql) {
    this.sql = sql;
  }

  void run(Statement statement, Watermark.Range range) throws SQLException {
    Optional<LocalDate[]> days = days(statement, range);
    if (days.isEmpty()) {
      return;
    }
    boolean aggregates = sql.dialect().keepsDayAggregates();
    boolean deriveOnce = aggregates && ownsRollups(statement);
    if (deriveOnce) {
      setAggregateTriggers(statement, "DISABLE");
    }
    Level steps = range.records() >= LOUD_FROM_RECORDS ? Level.INFO : Level.DEBUG;
    LocalDate first = days.get()[0];
    LocalDate last = days.get()[1];
    long chunks = (last.toEpochDay() - first.toEpochDay()) / DAYS_PER_CHUNK + 1;
    String inSteps = steps == Level.INFO ? ", in " + chunks + (chunks == 1 ? " step" : " steps") + " of "
        + DAYS_PER_CHUNK + " days" : "";
    LOG.info("first rollup build: {} raw record{} of {} .. {}{}", String.format(Locale.ROOT, "%,d", range.records()),
        range.records() == 1 ? "" : "s", first, last, inSteps);
    long chunk = 0;
    for (LocalDate from = first; !from.isAfter(last); from = from.plusDays(DAYS_PER_CHUNK)) {
      LocalDate to = from.plusDays(DAYS_PER_CHUNK);
      String where = range.predicate() + " AND r.received_at >= " + sql.dialect().timestamp(midnight(from))
          + " AND r.received_at < " + sql.dialect().timestamp(midnight(to));
      long installDays = statement.executeUpdate("INSERT INTO rollup_install_day " + sql.installDay(where));
      // Staged without their next days, which cross the steps: added per install slice below.
      String figures = sql.featureDayFigures(where);
      long featureDays = chunk == 0
          ? createStaging(statement, figures)
          : statement.executeUpdate("INSERT INTO " + STAGING + " " + figures);
      long cliDays = statement.executeUpdate("INSERT INTO rollup_cli_day " + sql.cliDay(where));
      long errorDays = statement.executeUpdate("INSERT INTO rollup_error_day " + sql.errorDay(where));
      LOG.atLevel(steps).log("first rollup build: step {}/{}, days {} .. {}: {} install-day, {} feature-day,"
          + " {} CLI-day, {} error-day rows", ++chunk, chunks, from, to.minusDays(1), installDays, featureDays,
          cliDays, errorDays);
    }
    analyze(statement, STAGING, "rollup_install_day");
    for (int slice = 0; slice < KEY_SLICES.length; slice++) {
      String upper = slice + 1 < KEY_SLICES.length ? " AND %1$s.context_key < '" + KEY_SLICES[slice + 1] + "'" : "";
      String keys = "%1$s.context_key >= '" + KEY_SLICES[slice] + "'" + upper;
      long linked = statement.executeUpdate("INSERT INTO rollup_feature_day " + RollupSql.linkedFeatureDays(
          "(SELECT * FROM " + STAGING + " s WHERE " + String.format(keys, "s") + ")"));
      if (aggregates) {
        statement.executeUpdate(RollupSql.linkNextDays("rollup_install_day", RollupSql.INSTALL_VERSION,
            String.format(keys, "c"), first.toString()));
      }
      long presence = 0;
      for (String[] table : RollupRefresh.PRESENCE_TABLES) {
        presence += statement.executeUpdate("INSERT INTO " + table[0] + " "
            + RollupSql.presence("rollup_install_day", table[1], String.format(keys, "x")));
      }
      LOG.atLevel(steps).log("first rollup build: installs slice {}/{}: {} feature-day rows, {} presence rows",
          slice + 1, KEY_SLICES.length, linked, presence);
    }
    statement.execute("DROP TABLE " + STAGING);
    if (aggregates) {
      long cli = statement.executeUpdate(RollupSql.linkNextDays("rollup_cli_day", RollupSql.CLI_COMMAND, "TRUE",
          first.toString()));
      long errors = statement.executeUpdate(RollupSql.linkNextDays("rollup_error_day", RollupSql.ERROR_INSTALL,
          "TRUE", first.toString()));
      LOG.atLevel(steps).log("first rollup build: {} CLI-day and {} error-day rows linked to their next days",
          cli, errors);
      if (deriveOnce) {
        deriveAggregates(statement, steps);
      }
    }
  }

  /**
   * Whether this connection's role may turn the rollups' triggers off: only their owner may. A role
   * that only writes them (docs/storage.md, "Migrations") builds with the triggers on, slower.
   */
  private static boolean ownsRollups(Statement statement) throws SQLException {
    String tables = String.join(", ", DayAggregates.SUMMED.stream().map(t -> "'" + t + "'").toList());
    try (ResultSet rows = statement.executeQuery("SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class"
        + " WHERE oid = ANY (CAST(ARRAY[" + tables + "] AS regclass[]))")) {
      rows.next();
      boolean owns = rows.getBoolean(1);
      if (!owns) {
        LOG.info("first rollup build: the database role does not own the rollup tables, so the aggregates"
            + " are kept by their triggers as the rollups fill (slower)");
      }
      return owns;
    }
  }

  /**
   * Fills every aggregate table from the rollups at once, then turns their triggers back on. With the
   * triggers on, every step's inserts and every next-day update would be summed into them one statement
   * at a time (docs/performance.md).
   */
  private void deriveAggregates(Statement statement, Level steps) throws SQLException {
    analyze(statement, DayAggregates.SUMMED.toArray(String[]::new));
    for (Map.Entry<String, String> table : DayAggregates.tables().entrySet()) {
      statement.executeUpdate("DELETE FROM " + table.getKey());
      long rows = statement.executeUpdate("INSERT INTO " + table.getKey() + " " + table.getValue());
      LOG.atLevel(steps).log("first rollup build: {} rows of {}", rows, table.getKey());
    }
    setAggregateTriggers(statement, "ENABLE");
  }

  /**
   * Turns the triggers that keep the aggregates off or on, in the build's transaction: a failed build
   * leaves them on. PostgreSQL locks the rollups against other writers until the build commits, not
   * against readers.
   */
  private static void setAggregateTriggers(Statement statement, String action) throws SQLException {
    for (String table : DayAggregates.SUMMED) {
      statement.execute("ALTER TABLE " + table + " " + action + " TRIGGER USER");
    }
  }

  /** Statistics for tables this transaction filled, so that the next statements plan with their sizes. */
  private void analyze(Statement statement, String... tables) throws SQLException {
    for (String table : tables) {
      String analyze = sql.dialect().analyze(table);
      if (analyze != null) {
        statement.execute(analyze);
      }
    }
  }

  private static long createStaging(Statement statement, String figures) throws SQLException {
    statement.execute("CREATE TEMP TABLE " + STAGING + " AS " + figures);
    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + STAGING)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The first and last day of the range's raw records, empty when it has none. */
  private Optional<LocalDate[]> days(Statement statement, Watermark.Range range) throws SQLException {
    LocalDate first = null;
    LocalDate last = null;
    for (String raw : new String[] {RollupSql.EVENTS, RollupSql.CLI, RollupSql.ERRORS}) {
      try (ResultSet rows = statement.executeQuery("SELECT CAST(" + sql.dialect().day("min(r.received_at)")
          + " AS VARCHAR), CAST(" + sql.dialect().day("max(r.received_at)") + " AS VARCHAR) FROM " + raw
          + " r WHERE " + range.predicate())) {
        rows.next();
        if (rows.getString(1) != null) {
          LocalDate low = LocalDate.parse(rows.getString(1));
          LocalDate high = LocalDate.parse(rows.getString(2));
          first = first == null || low.isBefore(first) ? low : first;
          last = last == null || high.isAfter(last) ? high : last;
        }
      }
    }
    return first == null ? Optional.empty() : Optional.of(new LocalDate[] {first, last});
  }

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
