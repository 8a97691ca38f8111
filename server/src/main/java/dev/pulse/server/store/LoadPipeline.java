package dev.pulse.server.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;

/**
 * A {@link BulkLoader}'s writes in flight, each on a thread of its own, so that its caller prepares
 * the next batch (generates it, parses it) while the database writes the ones before it. At most
 * {@code lanes} writes are in flight: {@link #submit} first waits for the oldest when they all are,
 * and rethrows its failure. Not thread-safe: one submitting thread, except {@link #halt}, which a stop
 * signal's thread calls.
 */
public final class LoadPipeline implements AutoCloseable {

  /** A write on one of the pipeline's threads. */
  public interface Write {
    void run() throws Exception;
  }

  private record InFlight(String what, Future<?> write) {}

  private final int lanes;
  private final ExecutorService threads;
  private final BiFunction<String, Exception, StoreException> failure;
  private final Deque<InFlight> inFlight = new ArrayDeque<>();
  /** Held shared by each write while it runs, exclusively by {@link #halt}: a halt waits for the writes under way. */
  private final ReadWriteLock writing = new ReentrantReadWriteLock();
  private final AtomicLong writtenRecords = new AtomicLong();
  private volatile boolean halted;
  private boolean closed;

  /**
   * @param threadName the writing threads' name
   * @param lanes how many writes may be in flight at once (each needs its own connection)
   * @param failure turns a failed write (what it was, and why) into the exception its caller gets
   */
  public LoadPipeline(String threadName, int lanes, BiFunction<String, Exception, StoreException> failure) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1: " + lanes);
    }
    this.lanes = lanes;
    this.failure = failure;
    this.threads = Executors.newFixedThreadPool(lanes, task -> {
      Thread writer = new Thread(task, threadName);
      writer.setDaemon(true);
      return writer;
    });
  }

  /**
   * Starts {@code write} of {@code records} records (counted by {@link #halt} once it is done), first
   * waiting for the oldest write in flight when every lane has one.
   *
   * @throws StoreException when that write failed (nothing of it is stored)
   */
  public void submit(String what, int records, Write write) {
    if (inFlight.size() == lanes) {
      awaitOldest();
    }
    inFlight.add(new InFlight(what, threads.submit(() -> {
      writing.readLock().lock();
      try {
        if (halted) {
          throw new StoreException("the load was stopped before this write");
        }
        write.run();
        writtenRecords.addAndGet(records);
      } finally {
        writing.readLock().unlock();
      }
      return null;
    })));
  }

  /**
   * Stops the writes for good, from any thread (a stop signal's, while the process ends): waits up to
   * {@code waitSeconds} for the writes under way to end, lets no later one start, and returns how many
   * records the writes done hold; -1 when one was still under way after the wait.
   */
  public long halt(long waitSeconds) {
    try {
      if (!writing.writeLock().tryLock(waitSeconds, TimeUnit.SECONDS)) {
        halted = true;
        return -1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halted = true;
      return -1;
    }
    try {
      halted = true;
      return writtenRecords.get();
    } finally {
      writing.writeLock().unlock();
    }
  }

  /**
   * Returns once every write in flight is done.
   *
   * @throws StoreException when one failed (the first of them; nothing of it is stored)
   */
  public void await() {
    StoreException first = null;
    while (!inFlight.isEmpty()) {
      try {
        awaitOldest();
      } catch (StoreException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void awaitOldest() {
    InFlight oldest = inFlight.remove();
    try {
      oldest.write().get();
    } catch (ExecutionException e) {
      throw failure.apply(oldest.what(), e.getCause() instanceof Exception cause ? cause : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure.apply(oldest.what(), e);
    }
  }

  /** Waits for the writes in flight and stops the threads; only the first call does anything. */
  @Override
  public void close() {
    close(() -> {});
  }

  /**
   * As {@link #close()}, then runs {@code afterwards} (closing the store), even when a write failed;
   * only the first call does anything.
   */
  public void close(Runnable afterwards) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      await();
    } finally {
      threads.shutdown();
      afterwards.run();
    }
  }
}
