package dev.pulse.server.export;

import dev.pulse.server.store.RecordSource;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.util.function.Consumer;

/**
 * A real store whose event read fails after a number of rows, as a disk or a connection failing
 * mid-read would: the other reads go to the store it wraps. The read role is all an export needs.
 */
final class StoreFailingMidRead implements RecordSource {

  private final RecordSource store;
  private final int rowsBeforeFailure;

  StoreFailingMidRead(RecordSource store, int rowsBeforeFailure) {
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
  public void forEachCliCommand(Consumer<StoredCliCommand> sink) {
    store.forEachCliCommand(sink);
  }

  @Override
  public void forEachError(Consumer<StoredError> sink) {
    store.forEachError(sink);
  }
}
