package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.Records.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** What {@link GroupCommitStore} does when its store becomes unreachable, and when it comes back. */
class GroupCommitOutageTest {

  @Test
  void anUnreachableStoreFailsTheWholeGroupAtOnceWithoutRetryingEachRequest() throws Exception {
    OutageStore down = new OutageStore();
    down.holdFirstAppend = true;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (GroupCommitStore store = new GroupCommitStore(down, CommitObserver.NONE, 1_000, 1)) {
      Future<?> first = pool.submit(() -> store.append(batchOf("first")));
      assertThat(down.entered.await(10, TimeUnit.SECONDS)).isTrue();
      down.reachable = false; // the first append, under way, still succeeds; the group behind it fails
      List<Future<?>> group = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String id = "queued-" + i;
        group.add(pool.submit(() -> store.append(batchOf(id))));
      }
      await(() -> store.waitingAppends() == 5, "5 requests queued behind the first commit");
      down.release.countDown();

      first.get(10, TimeUnit.SECONDS);
      for (Future<?> request : group) {
        assertUnavailable(request);
      }
      // One attempt for the first request, one for the group of five: none retried alone.
      assertThat(down.appends.get()).isEqualTo(2);
      assertThat(store.reachable()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAppendsAtOnceWhileTheStoreIsUnreachableAndAcceptsThemOnceAProbeSucceeds() {
    OutageStore flaky = new OutageStore();
    flaky.reachable = false;
    try (GroupCommitStore store = new GroupCommitStore(flaky, CommitObserver.NONE, 1_000, 1)) {
      assertThatThrownBy(() -> store.append(batchOf("fails"))).isInstanceOf(StoreUnavailableException.class);
      assertThat(store.reachable()).isFalse();
      assertThat(store.isWritable()).isFalse();

      for (int i = 0; i < 10; i++) {
        assertThatThrownBy(() -> store.append(batchOf("refused")))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("unreachable");
      }
      assertThat(flaky.appends.get()).as("appends that reached the store").isEqualTo(1);

      flaky.reachable = true;
      await(store::reachable, "the probe to find the store reachable again");
      store.append(batchOf("after"));
      assertThat(flaky.committed).containsExactly("after");
    }
  }

  @Test
  void aContentErrorStillRetriesTheGroupRequestByRequest() throws Exception {
    OutageStore store = new OutageStore();
    store.holdFirstAppend = true;
    store.rejectInstanceId = "bad";
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (GroupCommitStore group = new GroupCommitStore(store, CommitObserver.NONE, 1_000, 1)) {
      Future<?> first = pool.submit(() -> group.append(batchOf("first")));
      assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> good = pool.submit(() -> group.append(batchOf("good")));
      Future<?> bad = pool.submit(() -> group.append(batchOf("bad")));
      await(() -> group.waitingAppends() == 2, "2 requests queued");
      store.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      good.get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
          .hasCauseExactlyInstanceOf(StoreException.class);
      assertThat(group.reachable()).isTrue();
      assertThat(store.committed).containsExactlyInAnyOrder("first", "good");
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertUnavailable(Future<?> request) {
    assertThatThrownBy(() -> request.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StoreUnavailableException.class);
  }

  private static RecordBatch batchOf(String instanceId) {
    return RecordBatch.ofEvents(List.of(event(instanceId, EventType.ACTIVE, 0)));
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
    }
  }

  /**
   * A store that fails every append begun while not {@link #reachable} with {@link
   * StoreUnavailableException} (and says so from isWritable), rejects a batch holding {@link #rejectInstanceId} as
   * a content error, and can hold its first append until released.
   */
  private static final class OutageStore extends AppendOnlyStore {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger appends = new AtomicInteger();
    final List<String> committed = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean holdFirstAppend;
    volatile boolean reachable = true;
    volatile String rejectInstanceId;

    @Override
    public void append(RecordBatch batch) {
      appends.incrementAndGet();
      boolean up = reachable;
      if (holdFirstAppend) {
        holdFirstAppend = false;
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!up) {
        throw new StoreUnavailableException("connection refused", null, false);
      }
      List<String> ids = new ArrayList<>();
      batch.events().forEach(e -> ids.add(e.component().componentInstanceId()));
      if (ids.contains(rejectInstanceId)) {
        throw new StoreException("rejected " + rejectInstanceId);
      }
      committed.addAll(ids);
    }

    @Override
    public boolean isWritable() {
      return reachable;
    }
  }
}
