package dev.pulse.server.store.postgres;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One write in flight on a thread of its own, so that its caller prepares the next while the
 * database works: {@link #submit} first waits for the previous write and rethrows its failure.
 * Not thread-safe: one submitting thread.
 */
final class CopyPipeline implements AutoCloseable {

  /** A write on the pipeline's thread. */
  interface Write {
    void run() throws SQLException;
  }

  private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
    Thread writer = new Thread(task, "pulse-bulk-copy");
    writer.setDaemon(true);
    return writer;
  });
  private Future<?> inFlight;
  private String what;

  /**
   * Waits for the write in flight, then starts {@code write}.
   *
   * @throws dev.pulse.server.store.StoreException when the previous write failed
   */
  void submit(String what, Write write) {
    await();
    this.what = what;
    inFlight = thread.submit(() -> {
      write.run();
      return null;
    });
  }

  /**
   * Returns once the write in flight is done.
   *
   * @throws dev.pulse.server.store.StoreException when it failed (nothing of it is stored)
   */
  void await() {
    Future<?> write = inFlight;
    if (write == null) {
      return;
    }
    inFlight = null;
    try {
      write.get();
    } catch (ExecutionException e) {
      throw ContentErrors.classify(what, e.getCause() instanceof Exception cause ? cause : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ContentErrors.classify(what, e);
    }
  }

  /** Waits for the write in flight and stops the thread. */
  @Override
  public void close() {
    try {
      await();
    } finally {
      thread.shutdown();
    }
  }
}
