package dev.pulse.server.store.postgres;

import dev.pulse.server.store.RecordBatch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests waiting for a {@link GroupCommitStore} writer, and how a writer takes the next group
 * of them: everything queued, up to a bound on records. A poison pill, queued last by close, tells
 * every writer to stop once what is ahead of it is taken. Thread-safe.
 */
final class CommitQueue {

  /** One request: its records and the future its caller waits on. */
  static final class Pending {
    static final Pending POISON = new Pending(RecordBatch.ofEvents(List.of()));

    final RecordBatch batch;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(RecordBatch batch) {
      this.batch = batch;
    }
  }

  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ReentrantLock forming = new ReentrantLock();
  private final int maxGroupRecords;

  CommitQueue(int maxGroupRecords) {
    this.maxGroupRecords = maxGroupRecords;
  }

  void add(Pending pending) {
    queue.add(pending);
  }

  /** Requests waiting. */
  int size() {
    return queue.size();
  }

  /** Queues the pill (close does it last, under its lock) or passes it on to the next writer. */
  void poison() {
    queue.add(Pending.POISON);
  }

  /**
   * Takes the next group off the queue into {@code group}, waiting for a first request; true if the
   * poison pill was taken. Forming is serialized across writers: {@link #fill}'s peek-then-poll is
   * only atomic for one taker, and with two a request could be committed twice while another is never
   * committed.
   */
  boolean takeGroup(List<Pending> group) throws InterruptedException {
    forming.lockInterruptibly();
    try {
      Pending first = queue.take();
      if (first == Pending.POISON) {
        return true;
      }
      group.add(first);
      return fill(group, first.batch.size());
    } finally {
      forming.unlock();
    }
  }

  /** Adds queued requests up to the record bound; true if the poison pill was taken. */
  private boolean fill(List<Pending> group, int records) {
    Pending next;
    while (records < maxGroupRecords && (next = queue.peek()) != null) {
      if (next == Pending.POISON) {
        queue.poll();
        return true;
      }
      if (records + next.batch.size() > maxGroupRecords) {
        break;
      }
      queue.poll();
      group.add(next);
      records += next.batch.size();
    }
    return false;
  }
}
