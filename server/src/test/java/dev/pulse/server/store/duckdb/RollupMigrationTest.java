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
}
