package dev.pulse.cli;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Opens a local data dir for a command, with a message that says what to do when it cannot. */
final class DataDirAnalytics implements AutoCloseable {

  final DuckDbEventStore store;
  final Analytics analytics;

  private DataDirAnalytics(DuckDbEventStore store) {
    this.store = store;
    this.analytics = Analytics.create(DuckDbAnalyticsSource.rollups(store));
  }

  static DataDirAnalytics open(CommandSpec spec, Path dataDir, boolean mustExist) {
    if (mustExist && !Files.exists(dataDir.resolve(DuckDbEventStore.FILE_NAME))) {
      throw new ParameterException(spec.commandLine(), "--data-dir " + dataDir + " holds no Pulse store ("
          + DuckDbEventStore.FILE_NAME + "); give the data dir of a server, or use --server");
    }
    try {
      return new DataDirAnalytics(DuckDbEventStore.open(dataDir));
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "cannot open the data dir " + dataDir + ": " + e.getMessage()
          + " (a running server holds it: stop it, or query it with --server)", e);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
