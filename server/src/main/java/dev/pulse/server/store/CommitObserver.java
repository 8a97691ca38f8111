package dev.pulse.server.store;

/**
 * Told after every durable group commit of a store's appends (the DuckDB journal's write and sync,
 * or a PostgreSQL group's transaction), on the thread that committed it (on any of them when there
 * are several: then it must be thread-safe); must be fast and must not throw.
 */
public interface CommitObserver {

  /** A group of {@code requests} appends, {@code records} records in all, committed in {@code nanos}. */
  void committed(int requests, int records, long nanos);

  /** Observes nothing. */
  CommitObserver NONE = (requests, records, nanos) -> {};
}
