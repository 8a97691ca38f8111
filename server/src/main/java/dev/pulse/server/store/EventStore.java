package dev.pulse.server.store;

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
   * to disk: the caller may acknowledge them. All or nothing.
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

  /** Whether a write would succeed now (the readiness probe). Never throws. */
  boolean isWritable();

  /** Commits what is pending and releases the store. Idempotent. */
  @Override
  void close();
}
