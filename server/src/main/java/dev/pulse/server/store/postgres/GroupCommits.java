package dev.pulse.server.store.postgres;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreUnavailableException;
import dev.pulse.server.store.postgres.CommitQueue.Pending;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link GroupCommitStore} writer commits one group: as one append of the store, then releases
 * its requests. A group that fails on its content is retried request by request, so that one bad
 * request cannot fail the others; one that fails because the store is unreachable fails at once and
 * trips the breaker. Thread-safe if the store is.
 */
final class GroupCommits {

  private final EventStore delegate;
  private final CommitObserver observer;
  private final StoreBreaker breaker;

  GroupCommits(EventStore delegate, CommitObserver observer, StoreBreaker breaker) {
    this.delegate = delegate;
    this.observer = observer;
    this.breaker = breaker;
  }

  /** Commits the group and completes each request's future, normally or with its failure. */
  void commit(List<Pending> group) {
    StoreUnavailableException refused = breaker.refusal();
    if (refused != null) {
      fail(group, refused);
      return;
    }
    long start = System.nanoTime();
    List<RecordBatch> batches = new ArrayList<>(group.size());
    for (Pending pending : group) {
      batches.add(pending.batch);
    }
    RecordBatch merged = batches.size() == 1 ? batches.get(0) : RecordBatch.concat(batches);
    try {
      delegate.append(merged);
    } catch (StoreUnavailableException down) {
      breaker.trip(down);
      fail(group, down);
      return;
    } catch (StoreException groupFailed) {
      if (group.size() == 1) {
        fail(group, groupFailed);
        return;
      }
      commitOneByOne(group);
      return;
    }
    observer.committed(group.size(), merged.size(), System.nanoTime() - start);
    for (Pending pending : group) {
      pending.done.complete(null);
    }
  }

  private void commitOneByOne(List<Pending> group) {
    for (Pending pending : group) {
      StoreUnavailableException refused = breaker.refusal();
      if (refused != null) {
        pending.done.completeExceptionally(refused);
        continue;
      }
      long start = System.nanoTime();
      try {
        delegate.append(pending.batch);
        observer.committed(1, pending.batch.size(), System.nanoTime() - start);
        pending.done.complete(null);
      } catch (StoreUnavailableException down) {
        breaker.trip(down);
        pending.done.completeExceptionally(down);
      } catch (RuntimeException e) {
        pending.done.completeExceptionally(e);
      }
    }
  }

  static void fail(List<Pending> group, Throwable cause) {
    for (Pending pending : group) {
      pending.done.completeExceptionally(cause);
    }
  }
}
