package dev.pulse.server.store;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Loads a data set into a store fast ({@code pulse generate}, {@code pulse import}): many large
 * batches, each written in one transaction straight into the database, without the per-request
 * path of {@link EventStore#append} (no journal, no group commit). Batches are written while the
 * caller prepares the next ({@link LoadPipeline}): every batch handed over is committed once {@link
 * #flush} returns; reads through the loader and {@link #refreshRollups} first wait for them, so they
 * see every batch loaded before them.
 *
 * <p>A loader owns its store while it is open: nothing else appends to it through this process, and
 * on the embedded store no other process can open it. Not thread-safe: one loading thread.
 */
public interface BulkLoader extends AutoCloseable {

  /** How many records a batch should hold to load fastest into this store. */
  int batchSize();

  /**
   * Hands the batch over to be written in one transaction, all or nothing, while the caller goes on;
   * returns once the store can take it (an earlier batch may still be in flight).
   *
   * @throws StoreException when an earlier batch could not be written (nothing of that one is stored)
   */
  void load(RecordBatch batch);

  /**
   * Returns once every batch handed to {@link #load} is committed.
   *
   * @throws StoreException when the last one could not be written (nothing of it is stored)
   */
  void flush();

  /**
   * Streams the stored records of one kind received between {@code from} and {@code to}, both
   * inclusive (what an import compares its records with); as {@link
   * EventStore#forEachReceivedBetween}.
   */
  void forEachReceivedBetween(RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink);

  /**
   * The store's claims, as {@link Storage#claims()} has them: where a load given a context key finds the
   * store's check of it, before its first batch.
   */
  Claims claims();

  /** Whether the store holds any raw record (of any kind), counting every batch loaded so far. */
  boolean holdsRecords();

  /**
   * Folds every record committed since the last refresh into the dashboard's rollups.
   *
   * @return how many raw records were folded in
   */
  long refreshRollups();

  /**
   * Stops the load for good, from any thread (a stop signal's, as the process ends): waits up to
   * {@code waitSeconds} for the batches being committed, lets no later one start, and returns how
   * many records the committed batches hold; -1 when a commit was still under way after the wait.
   * The store is left as the process's end leaves it: each batch is committed whole or not at all.
   */
  long halt(long waitSeconds);

  /** Commits what is pending and closes the store. Idempotent. */
  @Override
  void close();
}
