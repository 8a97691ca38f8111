package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.SqlRows.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A first rollup build on PostgreSQL fills the per-day aggregates once, with their triggers off, and
 * leaves the triggers on for every later change. That the aggregates' figures are right is checked
 * against raw scans by the analytics tests (DayAggregatesTest); this checks that none is left out.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresFirstBuildAggregatesTest {

  private static final List<String> AGGREGATES = List.of("rollup_coverage_day", "rollup_version_day",
      "rollup_feature_totals", "rollup_active_week", "rollup_version_week", "rollup_cli_totals",
      "rollup_feature_levels", "rollup_error_versions", "rollup_error_installs", "rollup_version_installs");

  private static final String TRIGGERS = "SELECT c.relname, t.tgenabled, count(*) FROM pg_trigger t"
      + " JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal GROUP BY 1, 2 ORDER BY 1, 2";

  @Test
  void aFirstBuildFillsEveryAggregateAndLeavesTheirTriggersOn() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    buildAndCheck(database, database);
  }

  /** Only a table's owner may turn its triggers off: a role that may only write builds with them on. */
  @Test
  void aRoleThatDoesNotOwnTheRollupsBuildsThemWithTheTriggersOn() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    PostgresEventStore.open(database).close(); // migrated by the owner
    // Roles belong to the cluster, not the database: one per test database (its number).
    String writer = "writer_" + database.jdbcUrl().replaceAll(".*_", "");
    try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + writer + " LOGIN");
      statement.execute("GRANT CREATE, USAGE ON SCHEMA public TO " + writer);
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + writer);
      statement.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + writer);
      // Creating a partition takes the raw table's owner: the owner makes the loads' days and those after.
      String day = Records.T0.toString().substring(0, 10);
      for (String raw : List.of("component_events", "cli_commands", "error_reports")) {
        statement.execute("SELECT pulse_day_partitions('" + raw + "', DATE '" + day + "', DATE '" + day + "' + 40)");
      }
    }
    buildAndCheck(new StoreLocation.Postgres(database.jdbcUrl(), writer, ""), database);
  }

  /**
   * A first build that fails after turning the triggers off (here: deriving an aggregate breaks a
   * constraint) rolls back whole: the triggers are on, nothing is built, and the next build completes.
   */
  @Test
  void aFirstBuildThatFailsLeavesTheTriggersOnAndNothingBuilt() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    try (PostgresBulkLoader loader = PostgresBulkLoader.open(database);
        Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      String triggersBefore = lines(statement, TRIGGERS);
      loader.load(RecordBatch.ofCliCommands(List.of(Records.cliCommand("c-1", "intents", "list"))));
      statement.execute("ALTER TABLE rollup_cli_totals ADD CONSTRAINT refused CHECK (contexts > 1)");

      assertThatThrownBy(loader::refreshRollups).isInstanceOf(StoreException.class).hasMessageContaining("refused");

      assertThat(lines(statement, TRIGGERS)).isEqualTo(triggersBefore).doesNotContain(" D ");
      assertThat(lines(statement, "SELECT count(*) FROM rollup_cli_day")).isEqualTo("0\n");
      statement.execute("ALTER TABLE rollup_cli_totals DROP CONSTRAINT refused");
      assertThat(loader.refreshRollups()).isEqualTo(1);
      assertThat(lines(statement, "SELECT sum(contexts) FROM rollup_cli_totals")).isEqualTo("1\n");
    }
  }

  /** A first build through {@code writer}, checked through the owner's connection to {@code database}. */
  private static void buildAndCheck(StoreLocation.Postgres writer, StoreLocation.Postgres database)
      throws Exception {
    try (PostgresBulkLoader loader = PostgresBulkLoader.open(writer);
        Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      String triggersBefore = lines(statement, TRIGGERS);
      loader.load(RecordBatch.ofEvents(List.of(Records.event("i-1", EventType.MAPPER_EXPORT, 3))));
      loader.load(RecordBatch.ofCliCommands(List.of(Records.cliCommand("c-1", "intents", "list"))));
      loader.load(RecordBatch.ofErrors(List.of(Records.error("i-1"))));

      assertThat(loader.refreshRollups()).isEqualTo(3);

      for (String aggregate : AGGREGATES) {
        assertThat(lines(statement, "SELECT count(*) > 0 FROM " + aggregate)).as(aggregate).isEqualTo("t\n");
      }
      assertThat(lines(statement, TRIGGERS)).isEqualTo(triggersBefore).doesNotContain(" D ");

      // A later refresh goes through the triggers: a new CLI context is counted.
      loader.load(RecordBatch.ofCliCommands(List.of(Records.cliCommand("c-2", "intents", "list"))));
      assertThat(loader.refreshRollups()).isEqualTo(1);
      assertThat(lines(statement, "SELECT sum(contexts) FROM rollup_cli_totals")).isEqualTo("2\n");
    }
  }
}
