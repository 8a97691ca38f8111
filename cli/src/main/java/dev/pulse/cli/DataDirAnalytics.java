package dev.pulse.cli;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Opens a local data dir for a command, with a message that says what to do when it cannot. */
final class DataDirAnalytics implements AutoCloseable {

  final Storage storage;
  final EventStore store;
  final Analytics analytics;

  private DataDirAnalytics(Storage storage) {
    this.storage = storage;
    this.store = storage.events();
    this.analytics = Analytics.create(storage.analytics());
  }

  /** Opens the data dir; {@code mustExist} for a command that only reads (it then creates nothing). */
  static DataDirAnalytics open(CommandSpec spec, Path dataDir, boolean mustExist) {
    if (mustExist) {
      LocalStore.requireStore(dataDir);
    }
    try {
      return new DataDirAnalytics(DuckDbStorage.open(dataDir));
    } catch (StoreException e) {
      throw CliFailure.failure(LocalStore.describe(e, dataDir, LocalStore.READER_ADVICE), e);
    }
  }

  @Override
  public void close() {
    storage.close();
  }
}
