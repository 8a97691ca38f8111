package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.ReadBack;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoredEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB bulk path writes past the journal: records appended through the journal afterwards are
 * numbered after the loaded ones, so the rollups fold them too, and every record is stored once.
 */
class DuckDbBulkLoaderTest {

  @TempDir Path dataDir;

  @Test
  void saysWhetherTheStoreHoldsRecordsOfAnyKindLoadedOrAppended() {
    try (DuckDbBulkLoader loader = DuckDbBulkLoader.open(dataDir)) {
      assertThat(loader.holdsRecords()).as("a new store").isFalse();
      loader.load(RecordBatch.ofCliCommands(List.of(Records.cliCommand("ctx", "mapper", "export"))));
      assertThat(loader.holdsRecords()).as("one CLI command, in flight until asked").isTrue();
    }
    Path other = dataDir.resolve("other");
    try (DuckDbEventStore store = DuckDbEventStore.open(other)) {
      store.append(RecordBatch.ofErrors(List.of(Records.error("i-1"))));
    }
    try (DuckDbBulkLoader loader = DuckDbBulkLoader.open(other)) {
      assertThat(loader.holdsRecords()).as("an error appended through the journal").isTrue();
    }
  }

  @Test
  void recordsAppendedAfterABulkLoadAreNumberedAfterItAndFoldedIntoTheRollups() throws Exception {
    List<StoredEvent> loaded = events("loaded", 1_000);
    List<StoredEvent> appended = events("appended", 30);
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(events("before", 5))); // the journal numbers 1..5
    }

    try (DuckDbBulkLoader loader = DuckDbBulkLoader.open(dataDir)) {
      loader.load(RecordBatch.ofEvents(loaded.subList(0, 600)));
      loader.load(RecordBatch.ofEvents(loaded.subList(600, 1_000)));
      assertThat(loader.refreshRollups()).isEqualTo(1_005);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(appended));

      assertThat(DuckDbAnalyticsSource.rollups(store).refresh()).isEqualTo(appended.size());
      assertThat(ReadBack.events(store)).hasSize(1_035).containsAll(loaded).containsAll(appended);
      try (Connection connection = store.newConnection();
          Statement statement = connection.createStatement();
          ResultSet seqs = statement.executeQuery(
              "SELECT count(DISTINCT seq), min(seq), max(seq) FROM component_events")) {
        seqs.next();
        assertThat(List.of(seqs.getLong(1), seqs.getLong(2), seqs.getLong(3))).containsExactly(1_035L, 1L, 1_035L);
      }
    }
  }

  private static List<StoredEvent> events(String prefix, int count) {
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(Records.event(prefix + "-" + i, EventType.ACTIVE, i));
    }
    return events;
  }
}
