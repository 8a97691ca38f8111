package dev.pulse.server.store.sql;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.threads.BackgroundThreads;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Keeps the daily rollup tables up to date with the raw tables, on DuckDB or PostgreSQL.
 *
 * <p>Algorithm: the {@link Watermark} names the raw records not folded in yet. The (day, install)
 * pairs they touch are collected; the rollup rows of those pairs are deleted and recomputed from all
 * raw records of those pairs (not only the new ones), so a late record for a day already rolled up
 * (a "last version" or "latest level" that changes) is folded in exactly. Recomputing a pair is
 * idempotent, so a recomputation that also sees records committed after the range was taken counts
 * them once, and again correctly when their own range comes. Everything, watermark included, commits
 * in one transaction: a crash leaves either the old or the new state. The first refresh of a store
 * rolls up everything without the touched-pairs filter, in bounded steps ({@link FirstBuild}).
 *
 * <p>Hazard: recomputation needs the raw records of the touched days. Records imported for a day
 * whose raw records were already pruned replace that install-day's rollup rows (see docs/analytics.md).
 *
 * <p>Thread-safe: refreshes through one object are serialized by its lock; refreshes from
 * several objects or servers are serialized by the watermark (PostgreSQL's advisory lock). Queries
 * run alongside on their own connections and see the last committed state.
 */
final class RollupRefresh {

  /**
   * The rollup tables a refresh writes into (those the aggregates sum, and the error samples), and
   * on PostgreSQL the aggregates its triggers keep: one list, so a new aggregate is vacuumed too.
   */
  private static final List<String> ROLLUP_TABLES = Stream.of(DayAggregates.SUMMED,
      List.of("rollup_error_sample"), List.copyOf(DayAggregates.tables().keySet())).flatMap(List::stream).toList();

  /** The presence rollups and the scope each is per (install only, or component type and install). */
  static final String[][] PRESENCE_TABLES = {
    {"rollup_install_presence", null}, {"rollup_component_presence", "component_type"}
  };

  private static final String WHAT = "refreshing the analytics rollups";

  private final Supplier<Connection> connections;
  private final RollupSql sql;
  private final Watermark watermark;
  /** The store's failure of an operation in words: a full disk named as such, by the store. */
  private final BiFunction<String, Exception, StoreException> failures;
  /** Whether a background refresh last started the database's worker threads (at its priority). */
  private boolean workersLowered;

  RollupRefresh(Supplier<Connection> connections, RollupSql sql, Watermark watermark,
      BiFunction<String, Exception, StoreException> failures) {
    this.connections = connections;
    this.sql = sql;
    this.watermark = watermark;
    this.failures = failures;
  }

  /**
   * Folds new raw records in; returns how many there were. On a background thread the refresh is
   * background work ({@link Dialect#background}); on any other (a request waiting for its answer) it
   * runs with every database thread.
   */
  synchronized long refresh() {
    try (Connection connection = connections.get()) {
      Optional<Dialect.Background> mode = sql.dialect().background();
      Optional<Dialect.Background> background = mode.filter(m -> BackgroundThreads.isCurrentThreadBackground());
      if (background.isPresent()) {
        execute(connection, background.get().begin());
      } else if (mode.isPresent() && workersLowered) {
        // DuckDB started its workers from the last background refresh's thread, and Linux gives a
        // new thread its creator's priority: started again from here, they no longer run last.
        execute(connection, mode.get().begin());
        execute(connection, mode.get().end());
        workersLowered = false;
      }
      try {
        Optional<Watermark.Range> folded = refreshInTransaction(connection);
        if (folded.isPresent() && folded.get().first()) {
          vacuumRollups(connection);
        }
        return folded.map(Watermark.Range::records).orElse(0L);
      } finally {
        if (background.isPresent()) {
          execute(connection, background.get().end());
          workersLowered = true;
        }
      }
    } catch (SQLException e) {
      throw failures.apply(WHAT, e); // a full disk in our words, not the database's
    }
  }

  private Optional<Watermark.Range> refreshInTransaction(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    Optional<Watermark.Range> folded;
    try {
      folded = refresh(connection);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      // The failure is the one to tell: after a failed commit (a full disk) DuckDB has ended the
      // transaction, and the rollback and the reset below fail with "no transaction is active".
      try {
        connection.rollback();
      } catch (SQLException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      try {
        connection.setAutoCommit(autoCommit);
      } catch (SQLException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    // Back as it was, so that no implicitly begun transaction outlives this refresh (an open one
    // would stop DuckDB's CHECKPOINT at close).
    connection.setAutoCommit(autoCommit);
    return folded;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Folds the range of new records in, if any; returns it. */
  private Optional<Watermark.Range> refresh(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      Optional<Watermark.Range> found = watermark.begin(statement);
      if (found.isEmpty()) {
        return found;
      }
      Watermark.Range range = found.get();
      if (range.first()) {
        new FirstBuild(sql).run(statement, range);
      } else {
        foldTouched(statement, range);
      }
      foldSamples(statement, range);
      watermark.advance(statement, range);
      return found;
    }
  }

  /**
   * Vacuums the rollups a first build filled, once it has committed (PostgreSQL's autovacuum would,
   * later): without statistics the planner takes them for empty and loops a join once per row, and
   * without a visibility map Features cannot read its indexes alone.
   */
  private void vacuumRollups(Connection connection) throws SQLException {
    if (sql.dialect().vacuum(ROLLUP_TABLES.get(0)) == null) {
      return;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true); // VACUUM runs outside any transaction block
    try {
      for (String table : ROLLUP_TABLES) {
        execute(connection, sql.dialect().vacuum(table));
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Later refreshes: per raw table, the (day, install) pairs the range touches are collected once
   * ({@code touched}); each rollup of that table recomputes those pairs, and the installs' feature
   * links and presence rows follow.
   */
  private void foldTouched(Statement statement, Watermark.Range range) throws SQLException {
    Optional<String> eventsFrom = touch(statement, RollupSql.EVENTS, range);
    if (eventsFrom.isPresent()) {
      String fromDay = eventsFrom.get();
      refold(statement, fromDay, "rollup_install_day", sql::installDay);
      refold(statement, fromDay, "rollup_feature_day", sql::featureDay);
      String installs = "c.context_key IN (SELECT context_key FROM touched)";
      for (String link : RollupSql.linkFeatureDays(installs, fromDay)) {
        statement.execute(link);
      }
      if (sql.dialect().keepsDayAggregates()) {
        statement.execute(RollupSql.linkNextDays("rollup_install_day", RollupSql.INSTALL_VERSION, installs, fromDay));
      }
      String touchedInstalls = "x.context_key IN (SELECT context_key FROM touched)";
      for (String[] table : PRESENCE_TABLES) {
        statement.execute("DELETE FROM " + table[0] + " x WHERE " + touchedInstalls);
        statement.execute("INSERT INTO " + table[0] + " "
            + RollupSql.presence("rollup_install_day", table[1], touchedInstalls));
      }
    }
    statement.execute("DROP TABLE touched");
    refoldLinked(statement, range, RollupSql.CLI, "rollup_cli_day", sql::cliDay, RollupSql.CLI_COMMAND);
    refoldLinked(statement, range, RollupSql.ERRORS, "rollup_error_day", sql::errorDay, RollupSql.ERROR_INSTALL);
  }

  /**
   * The touched pairs of one raw table that feeds one rollup, refolded; where the dialect keeps the
   * aggregates, the touched contexts' rows then get their next days per {@code per}.
   */
  private void refoldLinked(Statement statement, Watermark.Range range, String raw, String rollup,
      Function<String, String> derivation, String per) throws SQLException {
    Optional<String> fromDay = touch(statement, raw, range);
    if (fromDay.isPresent()) {
      refold(statement, fromDay.get(), rollup, derivation);
      if (sql.dialect().keepsDayAggregates()) {
        statement.execute(RollupSql.linkNextDays(rollup, per, "c.context_key IN (SELECT context_key FROM touched)",
            fromDay.get()));
      }
    }
    statement.execute("DROP TABLE touched");
  }

  /**
   * Creates the temp table {@code touched}: the (day, install) pairs of the raw table's records in the
   * range. Returns the earliest day, empty when there are none. The caller drops the table.
   */
  private Optional<String> touch(Statement statement, String raw, Watermark.Range range) throws SQLException {
    createTemp(statement, "touched", "SELECT DISTINCT " + sql.rawDay() + " AS day, r.context_key FROM "
        + raw + " r WHERE " + range.predicate());
    try (ResultSet rows = statement.executeQuery("SELECT CAST(min(day) AS VARCHAR) FROM touched")) {
      rows.next();
      return Optional.ofNullable(rows.getString(1));
    }
  }

  /** Deletes the rollup rows of the touched pairs and recomputes them from all their raw records. */
  private void refold(Statement statement, String fromDay, String rollup, Function<String, String> derivation)
      throws SQLException {
    String touched = "EXISTS (SELECT 1 FROM touched t WHERE t.day = %s AND t.context_key = %s)";
    statement.execute("DELETE FROM " + rollup + " x WHERE x.day >= DATE '" + fromDay + "' AND "
        + String.format(touched, "x.day", "x.context_key"));
    // The lower bound on received_at lets the scan skip older blocks (DuckDB's min/max statistics,
    // PostgreSQL's BRIN index).
    Instant from = LocalDate.parse(fromDay).atStartOfDay(ZoneOffset.UTC).toInstant();
    statement.execute("INSERT INTO " + rollup + " " + derivation.apply(
        "r.received_at >= " + sql.dialect().timestamp(from) + " AND "
            + String.format(touched, sql.rawDay(), "r.context_key")));
  }

  /** Keeps, per fingerprint and install, whichever is later: the stored sample or the latest new report. */
  private void foldSamples(Statement statement, Watermark.Range range) throws SQLException {
    createTemp(statement, "new_samples", sql.errorSample(range.predicate()));
    String same = "n.fingerprint = s.fingerprint AND n.context_key = s.context_key";
    statement.execute("DELETE FROM rollup_error_sample s WHERE EXISTS (SELECT 1 FROM new_samples n"
        + " WHERE " + same + " AND (n.received_at > s.received_at"
        + " OR n.received_at = s.received_at AND n.seq > s.seq))");
    // The stored samples left are the later ones: drop those from the new, then insert the rest. No
    // statement reads the table it writes, so none rescans its own inserts whatever its plan.
    statement.execute("DELETE FROM new_samples n WHERE EXISTS (SELECT 1 FROM rollup_error_sample s"
        + " WHERE " + same + ")");
    statement.execute("INSERT INTO rollup_error_sample SELECT * FROM new_samples");
    statement.execute("DROP TABLE new_samples");
  }

  private void createTemp(Statement statement, String name, String select) throws SQLException {
    statement.execute("CREATE TEMP TABLE " + name + " AS " + select);
    String analyze = sql.dialect().analyze(name);
    if (analyze != null) {
      statement.execute(analyze);
    }
  }
}
