package dev.pulse.server.store.duckdb;

import static dev.pulse.server.store.SqlRows.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupMigrationTest {

  @TempDir Path dataDir;

  @Test
  void markingVersionsKeepsExistingRollupRowsAndMarksOneRowPerInstallDayAndVersion() throws Exception {
    try (Connection connection = OlderDataDir.at(dataDir, "/db/duckdb/test-v2-only.list");
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO rollup_install_day VALUES"
          + " (DATE '2026-11-10', 'a', 'NETWORK_MAPPER', 'v1', 3),"
          + " (DATE '2026-11-10', 'a', 'NODE_AGENT', 'v1', 2),"
          + " (DATE '2026-11-10', 'a', 'INTENTS_OPERATOR', 'v3', 1)");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        Connection connection = store.newConnection();
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT component_type, version_first FROM rollup_install_day"
          + " ORDER BY component_type")).isEqualTo("""
          INTENTS_OPERATOR true
          NETWORK_MAPPER true
          NODE_AGENT false
          """);
    }
  }

  @Test
  void linkingFeatureDaysGivesExistingRowsTheInstallsNextDayWithTheEventType() throws Exception {
    try (Connection connection = OlderDataDir.at(dataDir, "/db/duckdb/test-v3-only.list");
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
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT context_key, day, component_type, next_any, next_same"
          + " FROM rollup_feature_day ORDER BY context_key, day, component_type")).isEqualTo("""
          a 2026-11-10 INTENTS_OPERATOR 2026-11-12 2026-11-15
          a 2026-11-10 NETWORK_MAPPER 2026-11-12 2026-11-12
          a 2026-11-12 NETWORK_MAPPER 2026-11-15 null
          a 2026-11-15 INTENTS_OPERATOR null null
          b 2026-11-11 NETWORK_MAPPER null null
          """);
    }
  }

  @Test
  void keepingErrorSamplesPerInstallRebuildsThemFromKeptReportsAndKeepsThoseWithoutAny() throws Exception {
    try (Connection connection = OlderDataDir.at(dataDir, "/db/duckdb/test-v4-only.list");
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
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT fingerprint, context_key, message, seq"
          + " FROM rollup_error_sample ORDER BY fingerprint, context_key")).isEqualTo("""
          fp-1 a a-new 2
          fp-1 b b-only 3
          fp-pruned null no report kept 0
          """);
    }
  }
}
