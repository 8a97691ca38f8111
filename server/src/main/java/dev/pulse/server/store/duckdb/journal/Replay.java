package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import java.util.ArrayList;
import java.util.List;

/** Applies the entries a journal replays at open, in groups of at most the group bound. */
final class Replay implements Journal.EntryHandler {

  private final WriteAhead.Target target;
  private final int maxGroupRecords;
  private final List<RecordBatch> batches = new ArrayList<>();
  private long firstSeq;
  private long lastSeq;
  private int groupRecords;
  private long records;

  Replay(WriteAhead.Target target, int maxGroupRecords) {
    this.target = target;
    this.maxGroupRecords = maxGroupRecords;
  }

  @Override
  public void entry(long first, int count, byte[] payload) {
    RecordBatch batch = BatchCodec.decode(payload, 0, payload.length);
    if (batch.size() != count) {
      throw new StoreException("the journal entry at seq " + first + " holds " + batch.size()
          + " records, its header says " + count);
    }
    if (groupRecords > 0 && groupRecords + count > maxGroupRecords) {
      flush();
    }
    if (batches.isEmpty()) {
      firstSeq = first;
    }
    batches.add(batch);
    lastSeq = first + count - 1;
    groupRecords += count;
  }

  /** Applies the group being formed, if any. */
  void flush() {
    if (batches.isEmpty()) {
      return;
    }
    target.apply(RecordBatch.concat(batches), firstSeq, lastSeq);
    records += groupRecords;
    batches.clear();
    groupRecords = 0;
  }

  /** Records applied so far. */
  long records() {
    return records;
  }
}
