package dev.pulse.server.export;

import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A real store whose event read fails after a number of rows, as a disk or a connection failing
 * mid-read would: everything else goes to the store it wraps.
 */
final class StoreFailingMidRead implements EventStore {

  private final EventStore store;
  private final int rowsBeforeFailure;

  StoreFailingMidRead(EventStore store, int rowsBeforeFailure) {
    this.store = store;
    this.rowsBeforeFailure = rowsBeforeFailure;
  }

  @Override
  public void forEachEvent(Consumer<StoredEvent> sink) {
    int[] rows = {0};
    store.forEachEvent(
        event -> {
          if (rows[0]++ == rowsBeforeFailure) {
            throw new StoreException("the store's file could not be read");
          }
          sink.accept(event);
        });
  }

  @Override
  public void append(RecordBatch batch) {
    store.append(batch);
  }

  @Override
  public void forEachCliCommand(Consumer<StoredCliCommand> sink) {
    store.forEachCliCommand(sink);
  }

  @Override
  public void forEachError(Consumer<StoredError> sink) {
    store.forEachError(sink);
  }

  @Override
  public ErasureReport erase(String contextKey) {
    return store.erase(contextKey);
  }

  @Override
  public long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    return store.pruneOlderThan(kind, cutoff, maxRecords);
  }

  @Override
  public boolean isWritable() {
    return store.isWritable();
  }

  @Override
  public void close() {
    store.close();
  }
}
