package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.SqlRows.lines;
import static dev.pulse.server.store.postgres.OlderSchema.databaseAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A database at an older schema version opened by this release: the indexes its tables are left with. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresMigrationIndexesTest {

  @Test
  void theRawRowsOfAStoreAreFoundByTransactionThroughABTreeOnEveryDayPartitionOldAndNew() throws Exception {
    StoreLocation.Postgres location = databaseAt("6");
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT pulse_day_partitions('component_events', DATE '2026-11-10', DATE '2026-11-11')");
      statement.execute("INSERT INTO component_events (seq, received_at, component_type, component_instance_id,"
          + " context_key, version, cloud_client_id, event_type, count, error) VALUES"
          + " (1, '2026-11-10 01:00:00+00', 'NETWORK_MAPPER', 'i', 'a', 'v1', '', 'SERVICE_DISCOVERED', 1, ''),"
          + " (2, '2026-11-11 01:00:00+00', 'NETWORK_MAPPER', 'i', 'a', 'v1', '', 'SERVICE_DISCOVERED', 2, '')");
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT pulse_day_partitions('component_events', DATE '2026-11-12', DATE '2026-11-12')");
      String xidIndexes = "SELECT c.relname, a.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
          + " JOIN pg_am a ON a.oid = c.relam JOIN pg_class t ON t.oid = i.indrelid"
          + " JOIN pg_attribute col ON col.attrelid = t.oid AND col.attnum = i.indkey[0]"
          + " WHERE col.attname = 'xid' AND t.relname LIKE 'component_events%' ORDER BY t.relname";
      String partitions = "SELECT count(*) FROM pg_inherits WHERE inhparent = 'component_events'::regclass";
      List<String> found = List.of(lines(statement, xidIndexes).split("\n"));
      assertThat(found).allSatisfy(line -> assertThat(line).endsWith(" btree"));
      assertThat(found).hasSize(1 + Integer.parseInt(lines(statement, partitions).strip()));
      assertThat(lines(statement, "SELECT count(*) FROM component_events")).isEqualTo("2\n");
    }
  }

  @Test
  void theFeatureDayRowsOfAStoreKeepOnlyTheIndexesTheRefreshAndErasureRead() throws Exception {
    StoreLocation.Postgres location = databaseAt("13");
    String row = "2026-11-02 a NETWORK_MAPPER MAPPER_EXPORT 2 7 3 2026-11-05 null";
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO rollup_feature_day VALUES"
          + " ('2026-11-02', 'a', 'NETWORK_MAPPER', 'MAPPER_EXPORT', 2, 7, 3, '2026-11-05', NULL)");
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT indexname FROM pg_indexes WHERE tablename = 'rollup_feature_day' ORDER BY 1"))
          .isEqualTo("""
              rollup_feature_day_day
              rollup_feature_day_install
              """);
      assertThat(lines(statement, "SELECT * FROM rollup_feature_day")).isEqualTo(row + "\n");
    }
  }

  @Test
  void theErrorSamplesOfAStoreAreIndexedLatestFirstAndByInstallPerFingerprint() throws Exception {
    StoreLocation.Postgres location = databaseAt("12");

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT indexdef FROM pg_indexes WHERE tablename = 'rollup_error_sample'"))
          .contains("rollup_error_sample_latest ON public.rollup_error_sample USING btree"
              + " (fingerprint, received_at DESC, seq DESC)")
          .contains("rollup_error_sample_install ON public.rollup_error_sample USING btree (fingerprint, context_key)")
          .doesNotContain("rollup_error_sample_fingerprint");
    }
  }
}
