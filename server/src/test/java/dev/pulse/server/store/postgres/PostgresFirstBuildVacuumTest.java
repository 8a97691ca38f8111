package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.SqlRows.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredEvent;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A first rollup build on PostgreSQL vacuums the rollups it filled once it has committed: the planner
 * gets their statistics and Features' index-only scans their visibility map at once, not whenever
 * autovacuum comes by (which the test server turns off, so only the build can have done it).
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresFirstBuildVacuumTest {

  @Test
  void aFirstBuildLeavesEveryFilledRollupAnalyzedAndAllVisible() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(Records.event("i-" + i, EventType.ACTIVE, 1));
      events.add(Records.event("i-" + i, EventType.MAPPER_EXPORT, i));
    }
    try (PostgresBulkLoader loader = PostgresBulkLoader.open(database);
        Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      assertThat(lines(statement, "SHOW autovacuum")).isEqualTo("off\n");
      loader.load(RecordBatch.ofEvents(events));
      assertThat(loader.refreshRollups()).isEqualTo(events.size());

      String filled = "SELECT c.relname, c.relpages > 0, c.relallvisible = c.relpages FROM pg_class c"
          + " JOIN pg_stat_user_tables s ON s.relid = c.oid"
          + " WHERE c.relname IN ('rollup_install_day', 'rollup_feature_day', 'rollup_install_presence')"
          + " ORDER BY 1";
      assertThat(lines(statement, filled)).isEqualTo("""
          rollup_feature_day t t
          rollup_install_day t t
          rollup_install_presence t t
          """);
    }
  }
}
