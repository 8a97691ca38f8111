package dev.pulse.server.ingest;

import dev.pulse.server.store.RecordBatch;

/**
 * Told the outcome of every request, for metrics. Called on request threads; must be fast, thread-safe
 * and must not throw.
 */
public interface IngestObserver {

  /** A request's records were committed. */
  void accepted(RecordBatch batch);

  /** A request was refused; {@code reason} is the error code it was answered with. */
  void rejected(String reason);

  /** Observes nothing. */
  IngestObserver NONE =
      new IngestObserver() {
        @Override
        public void accepted(RecordBatch batch) {}

        @Override
        public void rejected(String reason) {}
      };
}
