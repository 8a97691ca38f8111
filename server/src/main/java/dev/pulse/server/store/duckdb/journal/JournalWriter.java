package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one grouping stage: requests hand their encoded batch to this writer's thread and
 * wait; it takes everything waiting, numbers the records, appends them to the {@link Journal} with
 * one write and one fdatasync, hands them to the {@link Applier} and releases every request. A
 * request's caller therefore returns once its records are on disk. A group is everything waiting:
 * the {@link Backlog}'s bound, reserved before a request is queued, bounds it too.
 *
 * <p>A sync costs the same for one request or many, and under load it is most of the writer's CPU (the
 * kernel's). So after a group of several requests, which says appends come together, the next group
 * gathers for up to the gather delay before its write (as PostgreSQL's {@code commit_delay}), or until
 * twice as many wait; after a group of one (a quiet server) it goes at once.
 *
 * <p>A group whose write or sync fails fails all its requests, none of whose records will be
 * replayed. {@link #close} writes what is queued, then refuses new requests. Thread-safe.
 */
final class JournalWriter {

  private static final class Request {
    final RecordBatch batch;
    final byte[] payload;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Request(RecordBatch batch, byte[] payload) {
      this.batch = batch;
      this.payload = payload;
    }
  }

  private final Journal journal;
  private final Applier applier;
  private final CommitObserver observer;
  private final Thread thread;
  private final long gatherNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private List<Request> waiting = new ArrayList<>();
  /** While the writer gathers: how many waiting requests end the gathering at once. */
  private int enough = Integer.MAX_VALUE;
  private boolean closed;
  /** The last seq journaled, i.e. acknowledged or about to be. */
  private volatile long lastSeq;

  JournalWriter(Journal journal, long lastSeq, Applier applier, CommitObserver observer, Duration gatherDelay) {
    this.journal = journal;
    this.gatherNanos = gatherDelay.toNanos();
    this.lastSeq = lastSeq;
    this.applier = applier;
    this.observer = observer;
    this.thread = new Thread(this::writeLoop, "pulse-journal-write");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Journals the batch, whose encoding is {@code payload}, and returns once it is on disk.
   *
   * @throws StoreException when it was not journaled (nothing of it will be applied)
   */
  void write(RecordBatch batch, byte[] payload) {
    Request request = new Request(batch, payload);
    lock.lock();
    try {
      if (closed) {
        throw new StoreException("the store is closing; retry against another server");
      }
      waiting.add(request);
      if (waiting.size() == 1 || waiting.size() == enough) {
        work.signal(); // the writer waits on an empty queue, or gathers until enough wait
      }
    } finally {
      lock.unlock();
    }
    try {
      request.done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException storeException) {
        throw storeException;
      }
      throw new StoreException("writing to the journal failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The last seq journaled. */
  long lastSeq() {
    return lastSeq;
  }

  /** Requests waiting for the writer (the metric "queue depth"). */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  /** Writes what is queued (waiting at most {@code timeoutMillis}), then stops. Later writes fail. */
  void close(long timeoutMillis) {
    lock.lock();
    try {
      closed = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeLoop() {
    List<Request> group = new ArrayList<>();
    int previous = 0;
    while (true) {
      lock.lock();
      try {
        while (waiting.isEmpty()) {
          if (closed) {
            return;
          }
          work.awaitUninterruptibly();
        }
        if (previous > 1) {
          gather(2 * previous);
        }
        previous = waiting.size();
        List<Request> taken = waiting;
        waiting = group;
        group = taken;
      } finally {
        lock.unlock();
      }
      write(group);
      group.clear();
    }
  }

  /** Waits, holding the lock's condition, until {@code wanted} requests wait, the delay passes or a close. */
  private void gather(int wanted) {
    enough = wanted;
    long left = gatherNanos;
    try {
      while (left > 0 && waiting.size() < wanted && !closed) {
        left = work.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      enough = Integer.MAX_VALUE;
    }
  }

  private void write(List<Request> group) {
    long start = System.nanoTime();
    List<Journal.Entry> entries = new ArrayList<>(group.size());
    long seq = lastSeq + 1;
    int records = 0;
    for (Request request : group) {
      entries.add(new Journal.Entry(seq, request.batch.size(), request.payload));
      seq += request.batch.size();
      records += request.batch.size();
    }
    try {
      journal.append(entries);
    } catch (RuntimeException | Error e) {
      for (Request request : group) {
        request.done.completeExceptionally(e);
      }
      return;
    }
    lastSeq = seq - 1;
    List<Journaled> journaled = new ArrayList<>(group.size());
    for (int i = 0; i < group.size(); i++) {
      Request request = group.get(i);
      journaled.add(new Journaled(
          entries.get(i).firstSeq(), request.batch.size(), request.payload.length, request.batch, request.payload));
    }
    applier.add(journaled);
    observer.committed(group.size(), records, System.nanoTime() - start);
    for (Request request : group) {
      request.done.complete(null);
    }
  }
}
