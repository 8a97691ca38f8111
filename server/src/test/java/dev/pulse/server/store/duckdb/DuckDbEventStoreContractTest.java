package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.EventStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEventStoreContractTest extends EventStoreContract {

  @TempDir Path dataDir;

  @Override
  protected EventStore openAt() {
    return DuckDbEventStore.open(dataDir);
  }

  @Override
  protected void executeOutside(EventStore store, String sql) throws Exception {
    try (Connection connection = ((DuckDbEventStore) store).newConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
