package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.StoreException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The records acknowledged and not yet applied, bounded by their encoded size: {@link #reserve}
 * waits for room before a request is journaled, the applier frees it ({@link #applied}), and reads
 * wait until what was acknowledged before them is applied ({@link #awaitApplied}). Thread-safe.
 */
final class Backlog {

  /** How long a reader waits for records while the applier's attempts fail. */
  static final Duration FAILING_WAIT = Duration.ofSeconds(1);

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final long maxBytes;
  private final Duration waitTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private final Condition appliedChanged = lock.newCondition();
  private long records;
  private long bytes;
  private long appliedSeq;
  private boolean closing;

  Backlog(long maxBytes, Duration waitTimeout, long appliedSeq) {
    this.maxBytes = maxBytes;
    this.waitTimeout = waitTimeout;
    this.appliedSeq = appliedSeq;
  }

  /**
   * Counts a request's records in the backlog, first waiting (at most the wait timeout) until they
   * fit. A request larger than the whole bound waits for an empty backlog rather than forever.
   *
   * @throws StoreException when they do not fit in time, or the store is closing
   */
  void reserve(int addedRecords, int addedBytes) {
    long deadline = System.nanoTime() + waitTimeout.toNanos();
    lock.lock();
    try {
      while (!closing && bytes > 0 && bytes + addedBytes > maxBytes) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StoreException("the store is " + records
              + " records behind; nothing of this request was stored, retry later");
        }
        room.awaitNanos(left);
      }
      if (closing) {
        throw new StoreException("the store is closing; retry against another server");
      }
      records += addedRecords;
      bytes += addedBytes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for room in the store's backlog");
    } finally {
      lock.unlock();
    }
  }

  /** Gives back what {@link #reserve} counted for a request that was not journaled. */
  void release(int removedRecords, int removedBytes) {
    lock.lock();
    try {
      records -= removedRecords;
      bytes -= removedBytes;
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Notes that every record up to {@code lastSeq} is applied, freeing their room. */
  void applied(long lastSeq, long appliedRecords, long appliedBytes) {
    lock.lock();
    try {
      // Together, so that whoever sees the records applied also sees the backlog without them.
      appliedSeq = lastSeq;
      records -= appliedRecords;
      bytes -= appliedBytes;
      appliedChanged.signalAll();
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns once every record up to {@code seq} is applied. While {@code applying} says the applier's
   * last attempt failed, waits at most {@link #FAILING_WAIT} more: a reader is told at once that the
   * store cannot answer now, not after the whole wait timeout.
   *
   * @throws StoreException when they are still not applied after the wait timeout, or while applying fails
   */
  void awaitApplied(long seq, BooleanSupplier applying) {
    long deadline = System.nanoTime() + waitTimeout.toNanos();
    long failingSince = 0; // 0: the applier was healthy when last looked at
    lock.lock();
    try {
      while (appliedSeq < seq) {
        long now = System.nanoTime();
        if (applying.getAsBoolean()) {
          failingSince = 0;
        } else if (failingSince == 0) {
          failingSince = now;
        } else if (now - failingSince >= FAILING_WAIT.toNanos()) {
          throw new StoreException("the store cannot write the " + (seq - appliedSeq) + " records it"
              + " acknowledged to its database now (the last attempt failed); they are safe in the journal,"
              + " retry later");
        }
        long left = deadline - now;
        if (left <= 0) {
          throw new StoreException("the store is " + (seq - appliedSeq)
              + " records behind what it acknowledged; they are safe in the journal, retry later");
        }
        // In slices: a failing applier signals nothing, so its state is looked at again.
        appliedChanged.awaitNanos(Math.min(left, SLICE_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for acknowledged records to be applied");
    } finally {
      lock.unlock();
    }
  }

  /** The highest seq applied. */
  long appliedSeq() {
    lock.lock();
    try {
      return appliedSeq;
    } finally {
      lock.unlock();
    }
  }

  /** Records acknowledged (or being journaled) and not yet applied. */
  long records() {
    lock.lock();
    try {
      return records;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses every later reservation, and those waiting for room. */
  void close() {
    lock.lock();
    try {
      closing = true;
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
