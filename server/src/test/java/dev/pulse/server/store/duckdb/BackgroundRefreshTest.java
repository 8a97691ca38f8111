package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refresh runs with one DuckDB thread (background work) and gives the database its threads back. */
class BackgroundRefreshTest {

  @TempDir Path dataDir;

  @Test
  void aRefreshLeavesTheDatabasesThreadCountAsItFoundIt() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(List.of(Records.event("i-1", EventType.ACTIVE, 1))));
      String before = threads(store);

      assertThat(DuckDbAnalyticsSource.rollups(store).refresh()).isEqualTo(1);

      assertThat(threads(store)).isEqualTo(before);
    }
  }

  private static String threads(DuckDbEventStore store) throws Exception {
    try (Connection connection = store.newConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_setting('threads')")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
