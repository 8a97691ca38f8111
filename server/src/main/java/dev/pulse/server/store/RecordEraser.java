package dev.pulse.server.store;

/** The erasure role of a store: removing one install's records (data rights). Thread-safe. */
public interface RecordEraser {

  /**
   * What {@link #erase} would remove now for this install, removing nothing (a dry run).
   *
   * @param contextKey the install's contextId as stored
   * @throws StoreException when the count failed
   */
  default ErasureReport erasable(String contextKey) {
    throw new UnsupportedOperationException("this store cannot count an install's records");
  }

  /**
   * Deletes every record of one install, in one transaction: the raw records of every kind and the
   * rows of every derived table the store lists as erasable. Records appended concurrently with the
   * erasure may survive it.
   *
   * @param contextKey the install's contextId as stored, i.e. already re-keyed by {@code ContextKeyer}
   * @return what was removed; {@link ErasureReport#NOTHING} for an unknown install
   * @throws StoreException when the erasure failed (nothing was removed)
   */
  ErasureReport erase(String contextKey);
}
