package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps the daily rollup tables ({@code V2__rollups.sql}) up to date with the raw tables.
 *
 * <p>Algorithm: raw records with {@code seq} above the stored watermark are new. The (day, install)
 * pairs they touch are collected; the rollup rows of those pairs are deleted and recomputed from all
 * raw records of those pairs (not only the new ones), so a late record for a day already rolled up
 * (a "last version" or "latest level" that changes) is folded in exactly. Everything, watermark
 * included, commits in one transaction: a crash leaves either the old or the new state. The first
 * refresh of a data dir rolls up everything in one pass, without the touched-pairs filter.
 *
 * <p>Hazard: recomputation needs the raw records of the touched days. Records imported for a day
 * whose raw records were already pruned replace that install-day's rollup rows (see docs/analytics.md).
 *
 * <p>Thread-safe: refreshes and prunes are serialized by this object's lock; queries run alongside on
 * their own connections and see the last committed state.
 */
final class DuckDbRollups {

  private static final String WATERMARK = "watermark_seq";

  private final Supplier<Connection> connections;

  DuckDbRollups(Supplier<Connection> connections) {
    this.connections = connections;
  }

  /** Folds new raw records in; returns how many there were. */
  synchronized long refresh() {
    try (Connection connection = connections.get()) {
      connection.setAutoCommit(false);
      try {
        long folded = refresh(connection);
        connection.commit();
        return folded;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        // Back to auto-commit, so that no implicitly begun transaction outlives this refresh (an open
        // one would stop the store's CHECKPOINT at close).
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("refreshing the analytics rollups failed: " + e.getMessage(), e);
    }
  }

  /** Refreshes, then deletes raw records received before the cutoff that are already rolled up. */
  synchronized long pruneRawBefore(Instant cutoff) {
    refresh();
    String before = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC).toString();
    try (Connection connection = connections.get();
        Statement statement = connection.createStatement()) {
      long watermark = watermark(statement);
      long deleted = 0;
      for (String table : new String[] {RollupSql.EVENTS, RollupSql.CLI, RollupSql.ERRORS}) {
        deleted += statement.executeUpdate("DELETE FROM " + table + " WHERE received_at < TIMESTAMP '"
            + before + "' AND seq <= " + watermark);
      }
      return deleted;
    } catch (SQLException e) {
      throw new StoreException("pruning raw records before " + cutoff + " failed: " + e.getMessage(), e);
    }
  }

  private long refresh(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      long low = watermark(statement);
      long high = low;
      long fresh = 0;
      for (String table : new String[] {RollupSql.EVENTS, RollupSql.CLI, RollupSql.ERRORS}) {
        try (ResultSet rows = statement.executeQuery(
            "SELECT coalesce(max(seq), 0), count(*) FROM " + table + " WHERE seq > " + low)) {
          rows.next();
          high = Math.max(high, rows.getLong(1));
          fresh += rows.getLong(2);
        }
      }
      if (fresh == 0) {
        return 0;
      }
      String range = "r.seq > " + low + " AND r.seq <= " + high;
      boolean first = low == 0;
      fold(statement, first, range, RollupSql.EVENTS, "rollup_install_day", RollupSql::installDay);
      fold(statement, first, range, RollupSql.EVENTS, "rollup_feature_day", RollupSql::featureDay);
      fold(statement, first, range, RollupSql.CLI, "rollup_cli_day", RollupSql::cliDay);
      fold(statement, first, range, RollupSql.ERRORS, "rollup_error_day", RollupSql::errorDay);
      foldPresence(statement, first, range);
      foldSamples(statement, range);
      statement.executeUpdate(
          "UPDATE rollup_state SET value = " + high + " WHERE name = '" + WATERMARK + "'");
      return fresh;
    }
  }

  private static void fold(Statement statement, boolean first, String range, String raw, String rollup,
      Function<String, String> derivation) throws SQLException {
    if (first) {
      statement.execute("INSERT INTO " + rollup + " " + derivation.apply("TRUE"));
      return;
    }
    statement.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT DISTINCT"
        + " CAST(r.received_at AS DATE) AS day, r.context_key FROM " + raw + " r WHERE " + range);
    String minDay;
    try (ResultSet rows = statement.executeQuery("SELECT CAST(min(day) AS VARCHAR) FROM touched")) {
      rows.next();
      minDay = rows.getString(1);
    }
    if (minDay != null) {
      String touched = "EXISTS (SELECT 1 FROM touched t WHERE t.day = %s AND t.context_key = %s)";
      statement.execute("DELETE FROM " + rollup + " x WHERE x.day >= DATE '" + minDay + "' AND "
          + String.format(touched, "x.day", "x.context_key"));
      // The lower bound on received_at lets the scan skip older row groups by their min/max stats.
      statement.execute("INSERT INTO " + rollup + " " + derivation.apply(
          "r.received_at >= TIMESTAMP '" + minDay + "' AND "
              + String.format(touched, "CAST(r.received_at AS DATE)", "r.context_key")));
    }
    statement.execute("DROP TABLE touched");
  }

  /** Recomputes the presence rows of every install with new component events. */
  private static void foldPresence(Statement statement, boolean first, String range) throws SQLException {
    String[][] tables = {{"rollup_install_presence", null}, {"rollup_component_presence", "component_type"}};
    if (first) {
      for (String[] table : tables) {
        statement.execute("INSERT INTO " + table[0] + " "
            + RollupSql.presence("rollup_install_day", table[1], "TRUE"));
      }
      return;
    }
    statement.execute("CREATE OR REPLACE TEMP TABLE touched_installs AS SELECT DISTINCT r.context_key"
        + " FROM component_events r WHERE " + range);
    String touched = "x.context_key IN (SELECT context_key FROM touched_installs)";
    for (String[] table : tables) {
      statement.execute("DELETE FROM " + table[0] + " x WHERE " + touched);
      statement.execute("INSERT INTO " + table[0] + " "
          + RollupSql.presence("rollup_install_day", table[1], touched));
    }
    statement.execute("DROP TABLE touched_installs");
  }

  /** Keeps, per fingerprint, whichever is later: the stored sample or the latest new report. */
  private static void foldSamples(Statement statement, String range) throws SQLException {
    statement.execute("CREATE OR REPLACE TEMP TABLE new_samples AS " + RollupSql.errorSample(range));
    statement.execute("DELETE FROM rollup_error_sample s WHERE EXISTS (SELECT 1 FROM new_samples n"
        + " WHERE n.fingerprint = s.fingerprint AND n.received_at >= s.received_at)");
    statement.execute("INSERT INTO rollup_error_sample SELECT * FROM new_samples n WHERE NOT EXISTS"
        + " (SELECT 1 FROM rollup_error_sample s WHERE s.fingerprint = n.fingerprint)");
    statement.execute("DROP TABLE new_samples");
  }

  private static long watermark(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery(
        "SELECT value FROM rollup_state WHERE name = '" + WATERMARK + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
