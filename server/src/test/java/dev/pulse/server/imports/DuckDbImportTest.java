package dev.pulse.server.imports;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent import into a DuckDB file. */
class DuckDbImportTest extends ImportContract {

  @TempDir Path dataDir;

  @Override
  protected EventStore openEmpty() {
    return DuckDbEventStore.open(dataDir);
  }
}
