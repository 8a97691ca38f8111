package dev.pulse.server.store;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Durable storage of received telemetry. Ingestion, export and analytics talk to this interface;
 * DuckDB and PostgreSQL are adapters behind it, and nothing outside {@code store} imports a driver.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventStore extends AutoCloseable {

  /**
   * Writes every record of the batch in one transaction. Returns only once the records are committed
   * to disk (to the database, or to a journal it replays from): the caller may acknowledge them, and
   * every read that starts after the return sees them. All or nothing.
   *
   * @throws StoreException when the batch could not be committed (nothing of it is stored)
   */
  void append(RecordBatch batch);

  /** Streams every stored component event, oldest first. */
  void forEachEvent(Consumer<StoredEvent> sink);

  /** Streams every stored CLI command, oldest first. */
  void forEachCliCommand(Consumer<StoredCliCommand> sink);

  /** Streams every stored error report, oldest first. */
  void forEachError(Consumer<StoredError> sink);

  /**
   * Streams the stored records of one kind received between {@code from} and {@code to}, both
   * inclusive, in no particular order: what an import compares its records with. Stores override
   * this with a read that skips other times; the default filters a full read.
   */
  default void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    Consumer<StoredRecord> inRange =
        record -> {
          if (!record.receivedAt().isBefore(from) && !record.receivedAt().isAfter(to)) {
            sink.accept(record);
          }
        };
    switch (kind) {
      case EVENTS -> forEachEvent(inRange::accept);
      case CLI_COMMANDS -> forEachCliCommand(inRange::accept);
      case ERRORS -> forEachError(inRange::accept);
    }
  }

  // ---- Data rights: erasure and retention ----

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
   * rows of every derived table listed as erasable (see {@link ErasableTables}). Records appended
   * concurrently with the erasure may survive it.
   *
   * @param contextKey the install's contextId as stored, i.e. already re-keyed by {@code ContextKeyer}
   * @return what was removed; {@link ErasureReport#NOTHING} for an unknown install
   * @throws StoreException when the erasure failed (nothing was removed)
   */
  ErasureReport erase(String contextKey);

  /**
   * Deletes at most {@code maxRecords} records of one kind received before {@code cutoff}, in one
   * short transaction, so that a caller can prune in chunks without holding up appends.
   *
   * @return how many were deleted; less than {@code maxRecords} means none older is left
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
    } while (deleted == PRUNE_CHUNK);
    return total;
  }

  /** The default number of records deleted per prune transaction. */
  int PRUNE_CHUNK = 10_000;

  /**
   * How many {@link #append} transactions this store usefully commits at once: the number of writer
   * threads a group commit in front of it runs by default. 1 unless overridden.
   */
  default int concurrentCommits() {
    return 1;
  }

  /**
   * Records acknowledged by {@link #append} and not yet in the database, for a store that journals
   * them first (the metric "apply backlog"). 0 unless overridden.
   */
  default long unappliedRecords() {
    return 0;
  }

  /** Appends waiting for the store's grouping stage (the metric "queue depth"). 0 unless overridden. */
  default int waitingAppends() {
    return 0;
  }

  /**
   * False while the store is known to be unreachable and appends are refused at once (the metric
   * "store available"). True unless overridden.
   */
  default boolean reachable() {
    return true;
  }

  /** Whether a write would succeed now (the readiness probe). Never throws. */
  boolean isWritable();

  /** Commits what is pending and releases the store. Idempotent. */
  @Override
  void close();
}
