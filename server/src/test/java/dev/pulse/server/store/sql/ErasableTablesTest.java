package dev.pulse.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.ErasureReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErasableTablesTest {

  @Test
  void readsTablesWithTheirKeyColumnDefaultingToContextKey() {
    List<ErasableTables.Entry> entries =
        ErasableTables.parse("test", "# raw\ncomponent_events\n\ndaily_installs  install_key # rollup\n");

    assertThat(entries)
        .containsExactly(
            new ErasableTables.Entry("component_events", "context_key"),
            new ErasableTables.Entry("daily_installs", "install_key"));
  }

  @Test
  void rejectsAnythingButAPlainIdentifier() {
    assertThatThrownBy(() -> ErasableTables.parse("test", "component_events;drop\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table must be a lowercase SQL identifier");
  }

  @Test
  void everyStoreListsItsRawTables() {
    for (String resource : List.of("/db/duckdb/erasable-tables.list", "/db/postgresql/erasable-tables.list")) {
      assertThat(ErasableTables.load(resource).entries())
          .extracting(ErasableTables.Entry::table)
          .contains("component_events", "cli_commands", "error_reports");
    }
  }

  @Test
  void aListWithoutARawTableIsRefused() {
    assertThatThrownBy(() -> ErasableTables.load("/db/test-erasable-missing-raw.list"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must list the raw table error_reports");
  }

  @Test
  void erasesDerivedTablesListedBesideTheRawOnesAndCountsThemApart() throws Exception {
    try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var statement = connection.createStatement()) {
      for (String table : List.of("component_events", "cli_commands", "error_reports", "daily_rollup")) {
        statement.execute("CREATE TABLE " + table + " (context_key VARCHAR)");
        statement.execute("INSERT INTO " + table + " VALUES ('gone'), ('kept')");
      }
      statement.execute("INSERT INTO daily_rollup VALUES ('gone')");

      ErasureReport report =
          ErasableTables.load("/db/test-erasable-with-rollup.list").erase(connection, "gone");

      assertThat(report).isEqualTo(new ErasureReport(1, 1, 1, 2));
    }
  }
}
