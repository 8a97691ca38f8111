package dev.pulse.server.store;

/**
 * Durable storage of received telemetry: the port ingestion, export, erasure and retention talk to,
 * one interface per role ({@link RecordSink}, {@link RecordSource}, {@link RecordEraser}, {@link
 * RecordPruner}). DuckDB and PostgreSQL are adapters behind it, and nothing outside their packages
 * imports a driver.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventStore extends RecordSink, RecordSource, RecordEraser, RecordPruner, AutoCloseable {

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
   * False while the store is known to refuse appends (unreachable, or an embedded store that cannot
   * write): the metric "store available". True unless overridden.
   */
  default boolean reachable() {
    return true;
  }

  /**
   * Why a read of this store may fail for a while, in words for the 503 a reader gets (no "retry
   * later": the caller adds it). The embedded store's reason unless overridden: its reads wait for
   * the records it acknowledged to be applied, and may give up.
   */
  default String whyReadsMayFail() {
    return "the store cannot answer now (it may be applying records it acknowledged)";
  }

  /** Whether a write would succeed now (the readiness probe). Never throws. */
  boolean isWritable();

  /** Commits what is pending and releases the store. Idempotent. */
  @Override
  void close();
}
