package dev.pulse.server.store;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Loads a data set into a store fast ({@code pulse generate}, {@code pulse import}): many large
 * batches, each written in one transaction straight into the database, without the per-request
 * path of {@link EventStore#append} (no journal, no group commit). A loaded batch is committed and
 * visible to reads when {@link #load} returns; {@link #refreshRollups} then folds everything loaded
 * into the rollups at once.
 *
 * <p>A loader owns its store while it is open: nothing else appends to it through this process, and
 * on the embedded store no other process can open it. Not thread-safe: one loading thread.
 */
public interface BulkLoader extends AutoCloseable {

  /**
   * Writes every record of the batch in one transaction, all or nothing.
   *
   * @throws StoreException when the batch could not be written (nothing of it is stored)
   */
  void load(RecordBatch batch);

  /**
   * Streams the stored records of one kind received between {@code from} and {@code to}, both
   * inclusive (what an import compares its records with); as {@link
   * EventStore#forEachReceivedBetween}.
   */
  void forEachReceivedBetween(RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink);

  /**
   * Folds every record committed since the last refresh into the dashboard's rollups.
   *
   * @return how many raw records were folded in
   */
  long refreshRollups();

  /** Commits what is pending and closes the store. Idempotent. */
  @Override
  void close();
}
