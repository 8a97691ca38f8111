package dev.pulse.cli.store;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.store.Claims;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.FileBackup;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded store of a command that reads or erases ({@code export}, {@code query}, {@code backup},
 * {@code purge}): its close folds DuckDB's write-ahead log into the file, and when that fails (a full
 * disk) says so in one line of our words ({@link UnfoldedLog#note}) instead of DuckDB's, and leaves the
 * command's result standing: every committed record stays in the log. Close this, not its {@link #events()}.
 */
final class FoldingStorage implements Storage {

  private final DuckDbStorage store;
  private final Consumer<String> note;

  FoldingStorage(DuckDbStorage store, Consumer<String> note) {
    this.store = store;
    this.note = note;
  }

  @Override
  public EventStore events() {
    return store.events();
  }

  @Override
  public AnalyticsSource analytics() {
    return store.analytics();
  }

  @Override
  public Claims claims() {
    return store.claims();
  }

  @Override
  public boolean holdsRecords() {
    return store.holdsRecords();
  }

  @Override
  public Optional<DiskSpace> disk() {
    return store.disk();
  }

  @Override
  public Optional<FileBackup> backup() {
    return store.backup();
  }

  @Override
  public void close() {
    try {
      store.foldLog();
    } catch (StoreException e) {
      note.accept(UnfoldedLog.note(e));
    } finally {
      store.close();
    }
  }
}
