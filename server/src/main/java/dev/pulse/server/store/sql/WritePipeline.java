package dev.pulse.server.store.sql;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * One write in flight on a thread of its own, so that its caller prepares the next while the
 * database works: a bulk loader's batches. {@link #submit} first waits for the previous write and
 * rethrows its failure. Not thread-safe: one submitting thread.
 */
public final class WritePipeline implements AutoCloseable {

  /** A write on the pipeline's thread. */
  public interface Write {
    void run() throws Exception;
  }

  private final ExecutorService thread;
  private final BiFunction<String, Exception, RuntimeException> failure;
  private Future<?> inFlight;
  private String what;

  /**
   * @param threadName the writing thread's name
   * @param failure what a failed write is reported as, from what it was and its exception
   */
  public WritePipeline(String threadName, BiFunction<String, Exception, RuntimeException> failure) {
    this.failure = failure;
    this.thread = Executors.newSingleThreadExecutor(task -> {
      Thread writer = new Thread(task, threadName);
      writer.setDaemon(true);
      return writer;
    });
  }

  /**
   * Waits for the write in flight, then starts {@code write}.
   *
   * @throws RuntimeException as the failure function makes it, when the previous write failed
   */
  public void submit(String what, Write write) {
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
   * @throws RuntimeException as the failure function makes it, when it failed (nothing of it is stored)
   */
  public void await() {
    Future<?> write = inFlight;
    if (write == null) {
      return;
    }
    inFlight = null;
    try {
      write.get();
    } catch (ExecutionException e) {
      throw failure.apply(what, e.getCause() instanceof Exception cause ? cause : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure.apply(what, e);
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
