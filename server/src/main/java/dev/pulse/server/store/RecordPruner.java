package dev.pulse.server.store;

import java.time.Instant;

/**
 * The retention role of a store: the one door through which raw records past their retention are
 * deleted (erasure aside). A store with rollups folds the records into them before deleting, so the
 * rollups keep what the raw rows said. Thread-safe.
 */
public interface RecordPruner {

  /** The default number of records deleted per prune transaction. */
  int PRUNE_CHUNK = 10_000;

  /**
   * Deletes at most {@code maxRecords} records of one kind received before {@code cutoff}, in one
   * short transaction, so that a caller can prune in chunks without holding up appends. Records not
   * yet folded into the store's rollups are folded in first. A store that keeps records in day
   * partitions drops the whole days before the cutoff at once, and may then delete more: callers go
   * on while the count is at least {@code maxRecords}.
   *
   * @return how many were deleted; less than {@code maxRecords} means none older is left
   * @throws IllegalArgumentException when {@code maxRecords} is below 1
   * @throws StoreException when the delete failed (nothing was removed)
   */
  long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords);

  /**
   * Deletes every record of one kind received before {@code cutoff}, in chunks of {@value
   * #PRUNE_CHUNK} records.
   *
   * @return how many were deleted
   */
  default long pruneOlderThan(RecordKind kind, Instant cutoff) {
    long total = 0;
    long deleted;
    do {
      deleted = pruneOlderThan(kind, cutoff, PRUNE_CHUNK);
      total += deleted;
    } while (deleted >= PRUNE_CHUNK);
    return total;
  }
}
