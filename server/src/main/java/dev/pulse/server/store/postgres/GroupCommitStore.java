package dev.pulse.server.store.postgres;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreUnavailableException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import dev.pulse.server.store.postgres.CommitQueue.Pending;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Group commit: concurrent {@link #append} calls are queued and one writer thread commits everything
 * queued so far in a single transaction of the delegate, then releases every caller. Durability
 * costs one commit (one fsync) per group instead of one per request, so throughput grows with
 * concurrency while each caller still returns only once its records are on disk.
 *
 * <p>A group is all-or-nothing in the delegate; when a group fails, its requests are retried one by
 * one so that one bad request cannot fail the others. A group holds at most {@code maxGroupRecords}
 * records (more waits for the next group), which bounds commit latency.
 *
 * <p>When the store is unreachable ({@link StoreUnavailableException}) the group fails at once, with
 * no retries (they would each wait on the dead store again), and a {@link StoreBreaker} opens: until
 * a background probe of {@link EventStore#isWritable delegate.isWritable()} succeeds, appends and
 * queued groups are refused immediately.
 *
 * <p>The store says how many writer threads to run ({@link EventStore#concurrentCommits}): several
 * for PostgreSQL, where each writer takes the next group while the others commit, so the database
 * is not idle while a group is built and sent. The DuckDB store has no need of this class: its
 * journal groups its own syncs.
 *
 * <p>Thread-safe. {@link #close} lets queued requests finish, then closes the delegate.
 */
public final class GroupCommitStore implements EventStore {

  /** The default bound on records per transaction. */
  public static final int DEFAULT_MAX_GROUP_RECORDS = 50_000;

  private final EventStore delegate;
  private final CommitQueue queue;
  private final StoreBreaker breaker;
  private final GroupCommits commits;
  private final List<Thread> writers;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean closed;

  public GroupCommitStore(EventStore delegate, CommitObserver observer) {
    this(delegate, observer, DEFAULT_MAX_GROUP_RECORDS);
  }

  /** A group commit with {@link EventStore#concurrentCommits delegate.concurrentCommits()} writers. */
  public GroupCommitStore(EventStore delegate, CommitObserver observer, int maxGroupRecords) {
    this(delegate, observer, maxGroupRecords, delegate.concurrentCommits());
  }

  /** As the other constructors, with {@code writers} threads committing groups in parallel. */
  public GroupCommitStore(
      EventStore delegate, CommitObserver observer, int maxGroupRecords, int writers) {
    if (maxGroupRecords < 1) {
      throw new IllegalArgumentException("maxGroupRecords must be positive: " + maxGroupRecords);
    }
    if (writers < 1) {
      throw new IllegalArgumentException("writers must be positive: " + writers);
    }
    this.delegate = delegate;
    this.queue = new CommitQueue(maxGroupRecords);
    this.breaker = new StoreBreaker(delegate::isWritable, StoreBreaker.DEFAULT_PROBE_INTERVAL);
    this.commits = new GroupCommits(delegate, observer, breaker);
    List<Thread> threads = new ArrayList<>(writers);
    for (int i = 0; i < writers; i++) {
      String name = writers == 1 ? "pulse-group-commit" : "pulse-group-commit-" + i;
      Thread writer = new Thread(this::writeLoop, name);
      writer.setDaemon(true);
      threads.add(writer);
    }
    this.writers = List.copyOf(threads);
    this.writers.forEach(Thread::start);
  }

  @Override
  public void append(RecordBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    Pending pending = new Pending(batch);
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new StoreException("the store is closing; retry against another server");
      }
      breaker.check();
      queue.add(pending);
    } finally {
      lifecycle.readLock().unlock();
    }
    try {
      pending.done.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof StoreException storeException) {
        throw storeException;
      }
      throw new StoreException("commit failed", e.getCause());
    }
  }

  /** Requests waiting for the writer (the metric "queue depth"). */
  @Override
  public int waitingAppends() {
    return queue.size();
  }

  /** False while the store is known to be unreachable and writes are refused (see {@link StoreBreaker}). */
  @Override
  public String whyReadsMayFail() {
    return PostgresEventStore.OUTAGE_FOR_READERS;
  }

  @Override
  public boolean reachable() {
    return !breaker.isOpen();
  }

  @Override
  public void forEachEvent(Consumer<StoredEvent> sink) {
    delegate.forEachEvent(sink);
  }

  @Override
  public void forEachCliCommand(Consumer<StoredCliCommand> sink) {
    delegate.forEachCliCommand(sink);
  }

  @Override
  public void forEachError(Consumer<StoredError> sink) {
    delegate.forEachError(sink);
  }

  // Erasure and pruning bypass the queue: they are rare, and the delegate serializes them with
  // commits as it needs to (DuckDB shares its writer lock, PostgreSQL uses MVCC).
  @Override
  public ErasureReport erase(String contextKey) {
    return delegate.erase(contextKey);
  }

  @Override
  public ErasureReport erasable(String contextKey) {
    return delegate.erasable(contextKey);
  }

  @Override
  public void forEachReceivedIn(RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    delegate.forEachReceivedIn(kind, from, to, sink);
  }

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    delegate.forEachReceivedBetween(kind, from, to, sink);
  }

  @Override
  public long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    return delegate.pruneOlderThan(kind, cutoff, maxRecords);
  }

  @Override
  public long unappliedRecords() {
    return delegate.unappliedRecords();
  }

  @Override
  public int concurrentCommits() {
    return writers.size();
  }

  @Override
  public boolean isWritable() {
    return !closed
        && writers.stream().allMatch(Thread::isAlive)
        && !breaker.isOpen()
        && delegate.isWritable();
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      // Under the write lock, so no request can be queued behind the pill and never be committed.
      queue.poison();
    } finally {
      lifecycle.writeLock().unlock();
    }
    breaker.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      for (Thread writer : writers) {
        writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delegate.close();
  }

  private void writeLoop() {
    List<Pending> group = new ArrayList<>();
    while (true) {
      try {
        boolean poisoned = queue.takeGroup(group);
        if (!group.isEmpty()) {
          commits.commit(group);
        }
        group.clear();
        if (poisoned) {
          // close() queues the pill under the write lock, after every request: none is behind it.
          // Pass it on, without the forming lock (a writer may hold that, waiting for the pill).
          queue.poison();
          return;
        }
      } catch (InterruptedException e) {
        // Only close() stops the writer; an interrupt alone must not strand waiting callers.
        Thread.interrupted();
      } catch (RuntimeException | Error e) {
        GroupCommits.fail(group, e);
        group.clear();
      }
    }
  }
}
