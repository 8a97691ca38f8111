package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupMigrationTest {

  @TempDir Path dataDir;

  @Test
  void markingVersionsKeepsExistingRollupRowsAndMarksOneRowPerInstallDayAndVersion() throws Exception {
    try (DuckDbEventStore older = DuckDbEventStore.open(dataDir, "/db/duckdb/test-v2-only.list");
        Connection connection = older.newConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO rollup_install_day VALUES"
          + " (DATE '2026-11-10', 'a', 'NETWORK_MAPPER', 'v1', 3),"
          + " (DATE '2026-11-10', 'a', 'NODE_AGENT', 'v1', 2),"
          + " (DATE '2026-11-10', 'a', 'INTENTS_OPERATOR', 'v3', 1)");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        Connection connection = store.newConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT component_type, version_first FROM rollup_install_day"
            + " ORDER BY component_type")) {
      StringBuilder marks = new StringBuilder();
      while (rows.next()) {
        marks.append(rows.getString(1)).append('=').append(rows.getBoolean(2)).append(' ');
      }
      assertThat(marks.toString().strip())
          .isEqualTo("INTENTS_OPERATOR=true NETWORK_MAPPER=true NODE_AGENT=false");
    }
  }

  @Test
  void linkingFeatureDaysGivesExistingRowsTheInstallsNextDayWithTheEventType() throws Exception {
    try (DuckDbEventStore older = DuckDbEventStore.open(dataDir, "/db/duckdb/test-v3-only.list");
        Connection connection = older.newConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO rollup_feature_day VALUES"
          + " (DATE '2026-11-10', 'a', 'NETWORK_MAPPER', 'X', 1, 1, 1),"
          + " (DATE '2026-11-10', 'a', 'INTENTS_OPERATOR', 'X', 1, 1, 1),"
          + " (DATE '2026-11-12', 'a', 'NETWORK_MAPPER', 'X', 1, 1, 1),"
          + " (DATE '2026-11-15', 'a', 'INTENTS_OPERATOR', 'X', 1, 1, 1),"
          + " (DATE '2026-11-11', 'b', 'NETWORK_MAPPER', 'X', 1, 1, 1)");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        Connection connection = store.newConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT context_key, day, component_type, next_any, next_same"
            + " FROM rollup_feature_day ORDER BY context_key, day, component_type")) {
      StringBuilder links = new StringBuilder();
      while (rows.next()) {
        links.append(String.format("%s %s %s any=%s same=%s%n", rows.getString(1), rows.getString(2),
            rows.getString(3), rows.getString(4), rows.getString(5)));
      }
      assertThat(links.toString()).isEqualTo("""
          a 2026-11-10 INTENTS_OPERATOR any=2026-11-12 same=2026-11-15
          a 2026-11-10 NETWORK_MAPPER any=2026-11-12 same=2026-11-12
          a 2026-11-12 NETWORK_MAPPER any=2026-11-15 same=null
          a 2026-11-15 INTENTS_OPERATOR any=null same=null
          b 2026-11-11 NETWORK_MAPPER any=null same=null
          """);
    }
  }

  @Test
  void keepingErrorSamplesPerInstallRebuildsThemFromKeptReportsAndKeepsThoseWithoutAny() throws Exception {
    try (DuckDbEventStore older = DuckDbEventStore.open(dataDir, "/db/duckdb/test-v4-only.list");
        Connection connection = older.newConnection();
        Statement statement = connection.createStatement()) {
      String report = "'INTENTS_OPERATOR', 'i', '%s', 'v1', '', 'fp-1', 'E', '%s', '{}'";
      statement.execute("INSERT INTO error_reports VALUES"
          + " (1, TIMESTAMP '2026-11-10 01:00:00', " + String.format(report, "a", "a-old") + "),"
          + " (2, TIMESTAMP '2026-11-11 01:00:00', " + String.format(report, "a", "a-new") + "),"
          + " (3, TIMESTAMP '2026-11-10 02:00:00', " + String.format(report, "b", "b-only") + ")");
      statement.execute("INSERT INTO rollup_error_sample VALUES"
          + " ('fp-1', 'E', 'a-new', '{}', TIMESTAMP '2026-11-11 01:00:00'),"
          + " ('fp-pruned', 'E', 'no report kept', '{}', TIMESTAMP '2026-08-01 00:00:00')");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        Connection connection = store.newConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT fingerprint, context_key, message, seq"
            + " FROM rollup_error_sample ORDER BY fingerprint, context_key")) {
      StringBuilder samples = new StringBuilder();
      while (rows.next()) {
        samples.append(String.format("%s %s %s %s%n", rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getLong(4)));
      }
      assertThat(samples.toString()).isEqualTo("""
          fp-1 a a-new 2
          fp-1 b b-only 3
          fp-pruned null no report kept 0
          """);
    }
  }
}
