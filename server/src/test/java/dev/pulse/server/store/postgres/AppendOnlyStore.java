package dev.pulse.server.store.postgres;

import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A store that only takes appends, for tests that drive a group commit's timing: reads find nothing,
 * erasure and pruning remove nothing. Subclasses say what an append does.
 */
abstract class AppendOnlyStore implements EventStore {

  @Override
  public void forEachEvent(Consumer<StoredEvent> sink) {}

  @Override
  public void forEachCliCommand(Consumer<StoredCliCommand> sink) {}

  @Override
  public void forEachError(Consumer<StoredError> sink) {}

  @Override
  public ErasureReport erase(String contextKey) {
    return ErasureReport.NOTHING;
  }

  @Override
  public long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    return 0;
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public void close() {}
}
