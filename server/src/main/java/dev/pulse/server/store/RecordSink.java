package dev.pulse.server.store;

/** The append role of a store: the one door through which records are written. Thread-safe. */
public interface RecordSink {

  /**
   * Writes every record of the batch in one transaction. Returns only once the records are committed
   * to disk (to the database, or to a journal it replays from): the caller may acknowledge them, and
   * every read that starts after the return sees them. All or nothing.
   *
   * @throws StoreException when the batch could not be committed (nothing of it is stored)
   */
  void append(RecordBatch batch);
}
