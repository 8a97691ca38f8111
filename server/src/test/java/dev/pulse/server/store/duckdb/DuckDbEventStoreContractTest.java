package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.EventStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEventStoreContractTest extends EventStoreContract {

  @TempDir Path dataDir;

  @Override
  protected EventStore openAt() {
    return DuckDbEventStore.open(dataDir);
  }
}
