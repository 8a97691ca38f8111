package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.Records.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(EmbeddedPostgresServer.LOCK)
class GroupCommitStoreTest {

  @Test
  void storesEveryConcurrentAppendExactlyOnce() throws Exception {
    storesEveryConcurrentAppendExactlyOnce(1);
  }

  @Test
  void storesEveryConcurrentAppendExactlyOnceWithSeveralCommitThreads() throws Exception {
    storesEveryConcurrentAppendExactlyOnce(3);
  }

  private void storesEveryConcurrentAppendExactlyOnce(int writers) throws Exception {
    int threads = 16;
    int appendsPerThread = 40;
    List<Integer> groupSizes = new CopyOnWriteArrayList<>();
    try (GroupCommitStore store =
        new GroupCommitStore(
            PostgresEventStore.open(EmbeddedPostgresServer.newDatabase()),
            (requests, records, nanos) -> groupSizes.add(requests),
            GroupCommitStore.DEFAULT_MAX_GROUP_RECORDS,
            writers)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < appendsPerThread; i++) {
                    String id = thread + "-" + i;
                    store.append(RecordBatch.ofEvents(List.of(event(id, EventType.STARTED, 1), event(id, EventType.ACTIVE, 0))));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      List<String> ids = new ArrayList<>();
      store.forEachEvent(e -> ids.add(e.component().componentInstanceId() + "/" + e.data().eventType()));
      assertThat(ids).hasSize(threads * appendsPerThread * 2).doesNotHaveDuplicates();
      assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * appendsPerThread);
    }
  }

  @Test
  void closingWithSeveralWritersStrandsNoCallerAndLosesNoAcknowledgedRequest() throws Exception {
    GatedStore gated = new GatedStore();
    GroupCommitStore store = new GroupCommitStore(gated, CommitObserver.NONE, 1_000, 3);
    ExecutorService pool = Executors.newFixedThreadPool(9);
    List<Future<String>> appends = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "r" + i;
      appends.add(
          pool.submit(
              () -> {
                store.append(batchOf(id));
                return id;
              }));
    }
    assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
    Future<?> closing = pool.submit(store::close);
    gated.release.countDown();

    closing.get(30, TimeUnit.SECONDS);
    List<String> acknowledged = new ArrayList<>();
    for (Future<String> append : appends) {
      try {
        acknowledged.add(append.get(30, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(StoreException.class).hasMessageContaining("closing");
      }
    }
    pool.shutdown();
    assertThat(gated.committedIds()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(gated.closed).isTrue();
    assertThat(store.isWritable()).isFalse();
  }

  @Test
  void rejectsFewerThanOneWriter() {
    assertThatThrownBy(() -> new GroupCommitStore(new GatedStore(), CommitObserver.NONE, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("writers must be positive");
  }

  @Test
  void commitsRequestsQueuedDuringACommitTogether() throws Exception {
    GatedStore gated = new GatedStore();
    List<Integer> groupSizes = new CopyOnWriteArrayList<>();
    try (GroupCommitStore store = new GroupCommitStore(gated, (requests, records, nanos) -> groupSizes.add(requests))) {
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> futures = new ArrayList<>();
      futures.add(pool.submit(() -> store.append(batchOf("first"))));
      assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 5; i++) {
        String id = "queued-" + i;
        futures.add(pool.submit(() -> store.append(batchOf(id))));
      }
      awaitQueueDepth(store, 5);
      gated.release.countDown();
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(groupSizes).containsExactly(1, 5);
    }
  }

  @Test
  void aFailingRequestDoesNotFailTheOthersInItsGroup() throws Exception {
    GatedStore gated = new GatedStore();
    gated.rejectInstanceId = "bad";
    try (GroupCommitStore store = new GroupCommitStore(gated, CommitObserver.NONE)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      Future<?> first = pool.submit(() -> store.append(batchOf("first")));
      assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> good1 = pool.submit(() -> store.append(batchOf("good-1")));
      Future<?> bad = pool.submit(() -> store.append(batchOf("bad")));
      Future<?> good2 = pool.submit(() -> store.append(batchOf("good-2")));
      awaitQueueDepth(store, 3);
      gated.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      good1.get(10, TimeUnit.SECONDS);
      good2.get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
      pool.shutdown();
      assertThat(gated.committedIds()).containsExactlyInAnyOrder("first", "good-1", "good-2");
    }
  }

  @Test
  void closeCommitsWhatIsQueuedThenRefusesNewAppends() throws Exception {
    GatedStore gated = new GatedStore();
    GroupCommitStore store = new GroupCommitStore(gated, CommitObserver.NONE);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Future<?> first = pool.submit(() -> store.append(batchOf("first")));
    assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
    Future<?> queued = pool.submit(() -> store.append(batchOf("queued")));
    awaitQueueDepth(store, 1);
    Future<?> closing = pool.submit(store::close);
    gated.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    queued.get(10, TimeUnit.SECONDS);
    closing.get(10, TimeUnit.SECONDS);
    pool.shutdown();
    assertThat(gated.committedIds()).containsExactly("first", "queued");
    assertThat(gated.closed).isTrue();
    assertThatThrownBy(() -> store.append(batchOf("late"))).isInstanceOf(StoreException.class).hasMessageContaining("closing");
  }

  private static RecordBatch batchOf(String instanceId) {
    return RecordBatch.ofEvents(List.of(event(instanceId, EventType.ACTIVE, 0)));
  }

  private static void awaitQueueDepth(GroupCommitStore store, int depth) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (store.waitingAppends() < depth) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("queue depth stayed at " + store.waitingAppends() + ", expected " + depth);
      }
      Thread.onSpinWait();
    }
  }

  /**
   * A store whose first append blocks until released, so a test can queue requests behind it; it
   * rejects any batch holding {@link #rejectInstanceId}.
   */
  private static final class GatedStore extends AppendOnlyStore {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> committed = new CopyOnWriteArrayList<>();
    volatile String rejectInstanceId;
    volatile boolean closed;

    @Override
    public void append(RecordBatch batch) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Set<String> ids = new HashSet<>();
      batch.events().forEach(e -> ids.add(e.component().componentInstanceId()));
      if (ids.contains(rejectInstanceId)) {
        throw new StoreException("rejected " + rejectInstanceId);
      }
      batch.events().forEach(e -> committed.add(e.component().componentInstanceId()));
    }

    List<String> committedIds() {
      return committed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
