package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.threads.BackgroundThreads;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that applies journaled records to the database: it takes every entry waiting, up to
 * the group bound, and applies them in one transaction ({@link WriteAhead.Target}), then frees their
 * room in the {@link Backlog} and lets the journal delete what is applied. A failed apply is retried,
 * slower each time, for acknowledged records cannot be dropped.
 *
 * <p>Journaled records wait up to {@link WriteAhead.Settings#applyDelay} so that one transaction
 * carries many requests (a DuckDB transaction costs far more than a small request's rows): the
 * applier goes at once when a fifth of the group bound waits, when a reader waits for the records,
 * or when the store closes. Acknowledgements never wait for it.
 *
 * <p>Up to {@link WriteAhead.Settings#maxObjectRecords} records wait as the batches their requests
 * journaled, applied without decoding; past that, entries wait in their journal encoding (a few
 * dozen bytes a record, and no long-lived objects for the garbage collector to promote) and are
 * decoded when applied. Thread-safe.
 */
final class Applier {

  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
  private static final long FIRST_RETRY_MILLIS = 50;

  private final WriteAhead.Target target;
  private final WriteAhead.Settings settings;
  private final Backlog backlog;
  private final Journal journal;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final ArrayDeque<Journaled> pending = new ArrayDeque<>();
  private long objectRecords;
  private long pendingRecords;
  /** When the oldest pending entry was queued (System.nanoTime). */
  private long oldestQueuedAt;
  private int readers;
  private boolean closing;
  private volatile boolean failing;

  Applier(WriteAhead.Target target, WriteAhead.Settings settings, Backlog backlog, Journal journal) {
    this.target = target;
    this.settings = settings;
    this.backlog = backlog;
    this.journal = journal;
    this.thread = BackgroundThreads.newThread(this::applyLoop, "pulse-journal-apply");
  }

  void start() {
    thread.start();
  }

  /** Queues entries just journaled, in seq order. */
  void add(List<Journaled> entries) {
    lock.lock();
    try {
      if (pending.isEmpty()) {
        oldestQueuedAt = System.nanoTime();
      }
      for (Journaled entry : entries) {
        pendingRecords += entry.records();
        if (objectRecords + entry.records() <= settings.maxObjectRecords()) {
          objectRecords += entry.records();
          pending.add(entry.batchOnly());
        } else {
          pending.add(entry.encodedOnly());
        }
      }
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Tells the applier that a reader starts ({@code true}) or stops waiting for records to be applied. */
  void reading(boolean waiting) {
    lock.lock();
    try {
      readers += waiting ? 1 : -1;
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the thread runs and its last apply succeeded. */
  boolean isHealthy() {
    return !failing && thread.isAlive();
  }

  /**
   * Applies what is pending, waiting at most {@code wait}, and stops. Returns false if it gave up
   * (what is left is in the journal, replayed at the next start).
   */
  boolean close(Duration wait) {
    lock.lock();
    try {
      closing = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      return false;
    }
    return true;
  }

  private void applyLoop() {
    List<Journaled> group = new ArrayList<>();
    long retryMillis = FIRST_RETRY_MILLIS;
    while (true) {
      if (group.isEmpty() && !takeGroup(group)) {
        return;
      }
      Journaled first = group.get(0);
      Journaled last = group.get(group.size() - 1);
      try {
        target.apply(batchOf(group), first.firstSeq(), last.lastSeq());
      } catch (RuntimeException e) {
        // Keep the group and retry, slower each time, while readiness says the store is failing.
        failing = true;
        LOG.error("applying journaled records {} to {} failed; retrying in {} ms: {}", first.firstSeq(),
            last.lastSeq(), retryMillis, e.getMessage());
        if (!pause(retryMillis)) {
          return;
        }
        retryMillis = Math.min(settings.maxRetryPause().toMillis(), retryMillis * 2);
        continue;
      }
      failing = false;
      retryMillis = FIRST_RETRY_MILLIS;
      applied(group);
      group.clear();
    }
  }

  private void applied(List<Journaled> group) {
    long records = 0;
    long bytes = 0;
    long objects = 0;
    for (Journaled entry : group) {
      records += entry.records();
      bytes += entry.bytes();
      objects += entry.batch() != null ? entry.records() : 0;
    }
    lock.lock();
    try {
      objectRecords -= objects;
    } finally {
      lock.unlock();
    }
    long lastSeq = group.get(group.size() - 1).lastSeq();
    backlog.applied(lastSeq, records, bytes);
    journal.deleteAppliedThrough(lastSeq);
  }

  /**
   * Waits for pending entries, and for the apply delay unless enough records wait or someone waits for
   * them, then takes a group of them; false once closing and none is left.
   */
  private boolean takeGroup(List<Journaled> group) {
    lock.lock();
    try {
      while (true) {
        if (pending.isEmpty()) {
          if (closing) {
            return false;
          }
          work.awaitUninterruptibly();
          continue;
        }
        long left = oldestQueuedAt + settings.applyDelay().toNanos() - System.nanoTime();
        if (closing || readers > 0 || left <= 0 || pendingRecords >= settings.maxGroupRecords() / 5) {
          break;
        }
        try {
          work.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      int records = 0;
      while (!pending.isEmpty()
          && (group.isEmpty() || records + pending.peek().records() <= settings.maxGroupRecords())) {
        Journaled entry = pending.poll();
        group.add(entry);
        records += entry.records();
      }
      pendingRecords -= records;
      // Those left behind by the group bound are due now: a full group is waiting.
      oldestQueuedAt = System.nanoTime() - settings.applyDelay().toNanos();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private static RecordBatch batchOf(List<Journaled> group) {
    if (group.size() == 1) {
      return group.get(0).recordBatch();
    }
    List<RecordBatch> batches = new ArrayList<>(group.size());
    for (Journaled entry : group) {
      batches.add(entry.recordBatch());
    }
    return RecordBatch.concat(batches);
  }

  /** Waits before a retry; false if interrupted (close gave up on the applier). */
  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
