package dev.pulse.cli;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Opens a local data dir for a command, with a message that says what to do when it cannot. */
final class DataDirAnalytics implements AutoCloseable {

  final DuckDbEventStore store;
  final Analytics analytics;

  private DataDirAnalytics(DuckDbEventStore store) {
    this.store = store;
    this.analytics = Analytics.create(DuckDbAnalyticsSource.rollups(store));
  }

  /** Opens the data dir; {@code mustExist} for a command that only reads (it then creates nothing). */
  static DataDirAnalytics open(CommandSpec spec, Path dataDir, boolean mustExist) {
    if (mustExist) {
      LocalStore.requireStore(dataDir);
    }
    try {
      return new DataDirAnalytics(DuckDbEventStore.open(dataDir));
    } catch (StoreException e) {
      throw CliFailure.failure(LocalStore.describe(e, dataDir), e);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
