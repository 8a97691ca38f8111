package dev.pulse.server.store.duckdb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.threads.BackgroundThreads;
import dev.pulse.server.threads.Nice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadTest {

  private static final WriteAhead.Settings SETTINGS =
      settings(1 << 20, 100, Duration.ofMillis(300));

  private static final Clock CLOCK = Clock.systemUTC();

  @TempDir Path dir;

  /** A database that keeps what it is given, and can be held still. */
  private static final class Database implements WriteAhead.Target {
    final List<String> rows = new ArrayList<>();
    final List<long[]> transactions = new ArrayList<>();
    final CountDownLatch open = new CountDownLatch(1);
    final CountDownLatch reached = new CountDownLatch(1);

    Database(boolean held) {
      if (!held) {
        open.countDown();
      }
    }

    @Override
    public void apply(RecordBatch batch, long firstSeq, long lastSeq) {
      reached.countDown();
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // so that the applier stops instead of retrying
        throw new StoreException("interrupted");
      }
      synchronized (this) {
        batch.events().forEach(e -> rows.add(e.component().componentInstanceId()));
        transactions.add(new long[] {firstSeq, lastSeq});
      }
    }

    synchronized List<String> rows() {
      return List.copyOf(rows);
    }
  }

  @Test
  void appendReturnsBeforeTheDatabaseHasTheRecordsAndReadsWaitForThem() throws Exception {
    Database database = new Database(true);
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, database, SETTINGS, CLOCK)) {
      writeAhead.append(batch("a", "b"));
      database.reached.await();

      assertThat(database.rows()).isEmpty();
      assertThatThrownBy(writeAhead::awaitApplied)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("2 records behind");

      database.open.countDown();
      writeAhead.awaitApplied();
      assertThat(database.rows()).containsExactly("a", "b");
      assertThat(writeAhead.backlog()).isZero();
    }
  }

  @Test
  void recordsAreAppliedOnAThreadAtTheLowestPrioritySoThatRequestsGoFirst() {
    Nice.assumeLinux();
    List<Integer> nice = new CopyOnWriteArrayList<>();
    WriteAhead.Target database = (batch, firstSeq, lastSeq) -> nice.add(Nice.ofCurrentThread());
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, database, SETTINGS, CLOCK)) {
      writeAhead.append(batch("a"));
      writeAhead.awaitApplied();
    }

    assertThat(nice).containsOnly(BackgroundThreads.NICE).isNotEmpty();
  }

  @Test
  void aFullBacklogRefusesTheNextBatchWithoutJournalingIt() throws Exception {
    Database held = new Database(true);
    RecordBatch filling = batch("a", "b", "c");
    // The wait also bounds how long close() gives the applier to apply a, b and c: not too short.
    WriteAhead.Settings oneBatchOfBacklog =
        settings(BatchCodec.encode(filling).length, 100, Duration.ofSeconds(2));
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, held, oneBatchOfBacklog, CLOCK)) {
      writeAhead.append(filling);
      assertThatThrownBy(() -> writeAhead.append(batch("refused")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("3 records behind")
          .hasMessageContaining("nothing of this request was stored");
      assertThat(writeAhead.backlog()).isEqualTo(3);
      held.open.countDown();
    }
    Database reopened = new Database(false);
    // The first database applied a, b and c before closing: nothing is left to replay.
    WriteAhead.open(dir, 0, reopened, SETTINGS, CLOCK).close();
    assertThat(reopened.rows()).isEmpty();
  }

  @Test
  void entriesAboveTheAppliedSeqAreReplayedAtOpenAndNoOthers() throws Exception {
    journalWithoutApplying(batch("a"), batch("b", "c"), batch("d"));

    Database database = new Database(false);
    try (WriteAhead writeAhead = WriteAhead.open(dir, 1, database, SETTINGS, CLOCK)) {
      assertThat(database.rows()).containsExactly("b", "c", "d");
      assertThat(database.transactions).singleElement().satisfies(t -> assertThat(t).containsExactly(2, 4));
      assertThat(writeAhead.nextSeq()).isEqualTo(5);
    }
  }

  @Test
  void entriesWaitingTogetherAreAppliedInOneTransaction() throws Exception {
    Database database = new Database(true);
    try (WriteAhead writeAhead =
        WriteAhead.open(dir, 0, database, settings(1 << 20, 100, Duration.ofSeconds(5)), CLOCK)) {
      writeAhead.append(batch("first"));
      database.reached.await(); // the applier holds "first"; the next three wait together
      writeAhead.append(batch("a"));
      writeAhead.append(batch("b", "c"));
      writeAhead.append(batch("d"));
      database.open.countDown();
      writeAhead.awaitApplied();

      assertThat(database.rows()).containsExactly("first", "a", "b", "c", "d");
      assertThat(database.transactions)
          .extracting(t -> t[0] + ".." + t[1])
          .containsExactly("1..1", "2..5");
    }
  }

  @Test
  void aTransactionHoldsAtMostTheGroupBoundUnlessOneEntryIsLarger() throws Exception {
    Database database = new Database(true);
    try (WriteAhead writeAhead =
        WriteAhead.open(dir, 0, database, settings(1 << 20, 2, Duration.ofSeconds(5)), CLOCK)) {
      writeAhead.append(batch("first"));
      database.reached.await();
      writeAhead.append(batch("a"));
      writeAhead.append(batch("b"));
      writeAhead.append(batch("c"));
      writeAhead.append(batch("d", "e", "f"));
      database.open.countDown();
      writeAhead.awaitApplied();

      assertThat(database.transactions)
          .extracting(t -> t[0] + ".." + t[1])
          .containsExactly("1..1", "2..3", "4..4", "5..7");
    }
  }

  @Test
  void aReplayIsAppliedInGroupsOfAtMostTheGroupBound() throws Exception {
    journalWithoutApplying(batch("a"), batch("b"), batch("c", "d"), batch("e"));

    Database database = new Database(false);
    WriteAhead.open(dir, 0, database, settings(1 << 20, 2, Duration.ofSeconds(5)), CLOCK).close();

    assertThat(database.rows()).containsExactly("a", "b", "c", "d", "e");
    assertThat(database.transactions)
        .extracting(t -> t[0] + ".." + t[1])
        .containsExactly("1..2", "3..4", "5..5");
  }

  @Test
  void aFailingApplyIsRetriedUntilItSucceedsAndHealthSaysSoMeanwhile() throws Exception {
    AtomicBoolean broken = new AtomicBoolean(true);
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch secondAttempt = new CountDownLatch(1);
    List<String> rows = new ArrayList<>();
    WriteAhead.Target flaky = (batch, first, last) -> {
      if (attempts.incrementAndGet() == 2) {
        secondAttempt.countDown();
      }
      if (broken.get()) {
        throw new StoreException("disk full");
      }
      synchronized (rows) {
        batch.events().forEach(e -> rows.add(e.component().componentInstanceId()));
      }
    };
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, flaky, SETTINGS, CLOCK)) {
      writeAhead.append(batch("a"));
      secondAttempt.await();
      assertThat(writeAhead.isHealthy()).isFalse();

      broken.set(false);
      writeAhead.awaitApplied();
      assertThat(writeAhead.isHealthy()).isTrue();
    }
    synchronized (rows) {
      assertThat(rows).containsExactly("a");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // the wait timeout below is an hour: a hang is the failure
  void aReadWhileTheApplierFailsIsRefusedInsteadOfWaitingTheWholeTimeout() throws Exception {
    AtomicBoolean broken = new AtomicBoolean(true);
    CountDownLatch secondAttempt = new CountDownLatch(2);
    WriteAhead.Target failing = (batch, first, last) -> {
      secondAttempt.countDown();
      if (broken.get()) {
        throw new StoreException("disk full");
      }
    };
    try (WriteAhead writeAhead =
        WriteAhead.open(dir, 0, failing, settings(1 << 20, 100, Duration.ofHours(1)), CLOCK)) {
      writeAhead.append(batch("a"));
      secondAttempt.await();

      assertThatThrownBy(writeAhead::awaitApplied)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("safe in the journal, retry later");
      broken.set(false);
      writeAhead.awaitApplied();
    }
  }

  @Test
  void appendsArrivingWhileAGroupIsWrittenAreSyncedTogetherAsTheNextGroup() throws Exception {
    CountDownLatch firstWritten = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> groups = new CopyOnWriteArrayList<>();
    CommitObserver holdingTheFirst = (requests, records, nanos) -> {
      groups.add(requests);
      firstWritten.countDown();
      await(release); // the writer thread waits here, before it releases the first group
    };
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, new Database(false), SETTINGS, CLOCK, holdingTheFirst)) {
      List<Future<?>> appends = new ArrayList<>();
      appends.add(pool.submit(() -> writeAhead.append(batch("first"))));
      assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 5; i++) {
        String id = "waiting-" + i;
        appends.add(pool.submit(() -> writeAhead.append(batch(id))));
      }
      awaitCondition(() -> writeAhead.waitingAppends() == 5, "5 appends waiting for the writer");
      release.countDown();
      for (Future<?> append : appends) {
        append.get(10, TimeUnit.SECONDS);
      }
      assertThat(groups).containsExactly(1, 5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theApplierTakesTheRecordsTheRequestJournaledWithoutDecodingThem() throws Exception {
    List<StoredEvent> applied = new CopyOnWriteArrayList<>();
    WriteAhead.Target keeping = (batch, first, last) -> applied.addAll(batch.events());
    RecordBatch sent = batch("a", "b");
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, keeping, SETTINGS, CLOCK)) {
      writeAhead.append(sent);
      writeAhead.awaitApplied();
    }
    assertThat(applied).hasSize(2);
    assertThat(applied.get(0)).isSameAs(sent.events().get(0));
    assertThat(applied.get(1)).isSameAs(sent.events().get(1));
  }

  @Test
  void pastTheBoundOnRecordsKeptAsObjectsTheApplierDecodesTheJournalEncoding() throws Exception {
    List<StoredEvent> applied = new CopyOnWriteArrayList<>();
    WriteAhead.Target keeping = (batch, first, last) -> applied.addAll(batch.events());
    RecordBatch sent = batch("a", "b");
    WriteAhead.Settings noObjects = new WriteAhead.Settings(1 << 20, 100, 1 << 20, Duration.ofSeconds(5),
        Duration.ofMillis(20), 0, Duration.ofMillis(20));
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, keeping, noObjects, CLOCK)) {
      writeAhead.append(sent);
      writeAhead.awaitApplied();
    }
    assertThat(applied).containsExactlyElementsOf(sent.events());
    assertThat(applied.get(0)).isNotSameAs(sent.events().get(0));
  }

  @Test
  void recordsWaitForTheApplyDelayAndAReadAppliesThemAtOnceInOneTransaction() {
    Database database = new Database(false);
    WriteAhead.Settings hourLongDelay = new WriteAhead.Settings(1 << 20, 100, 1 << 20, Duration.ofSeconds(5),
        Duration.ofMillis(20), 100, Duration.ofHours(1));
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, database, hourLongDelay, CLOCK)) {
      writeAhead.append(batch("a"));
      writeAhead.append(batch("b"));
      writeAhead.append(batch("c"));
      writeAhead.awaitApplied(); // well within the 5 s wait timeout, not an hour
      assertThat(database.rows()).containsExactly("a", "b", "c");
      assertThat(database.transactions).extracting(t -> t[0] + ".." + t[1]).containsExactly("1..3");
    }
  }

  @Test
  void aFifthOfTheGroupBoundWaitingIsAppliedWithoutWaitingForTheDelay() {
    Database database = new Database(false);
    WriteAhead.Settings hourLongDelay = new WriteAhead.Settings(1 << 20, 10, 1 << 20, Duration.ofSeconds(5),
        Duration.ofMillis(20), 100, Duration.ofHours(1));
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, database, hourLongDelay, CLOCK)) {
      writeAhead.append(batch("a"));
      writeAhead.append(batch("b")); // 2 of a group bound of 10
      awaitCondition(() -> database.rows().size() == 2, "the two records applied without a read");
      assertThat(database.rows()).containsExactly("a", "b");
    }
  }

  @Test
  void closingWhileAppendsArriveAppliesEveryAcknowledgedRecordOnceAndRefusesTheRest() throws Exception {
    Database database = new Database(false);
    WriteAhead writeAhead = WriteAhead.open(dir, 0, database, settings(1 << 20, 100, Duration.ofSeconds(10)), CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    List<Throwable> refusals = new CopyOnWriteArrayList<>();
    CountDownLatch someAcknowledged = new CountDownLatch(40);
    for (int t = 0; t < 8; t++) {
      int thread = t;
      pool.submit(() -> {
        for (int i = 0; ; i++) {
          String id = thread + "-" + i;
          try {
            writeAhead.append(batch(id));
          } catch (StoreException e) {
            refusals.add(e);
            return;
          }
          acknowledged.add(id);
          someAcknowledged.countDown();
        }
      });
    }
    assertThat(someAcknowledged.await(10, TimeUnit.SECONDS)).isTrue();
    writeAhead.close();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(refusals).hasSize(8).allSatisfy(e -> assertThat(e).hasMessageContaining("closing"));
    assertThat(database.rows()).containsExactlyInAnyOrderElementsOf(acknowledged);
    Database reopened = new Database(false);
    WriteAhead.open(dir, acknowledged.size(), reopened, SETTINGS, CLOCK).close();
    assertThat(reopened.rows()).isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitCondition(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
    }
  }

  private void journalWithoutApplying(RecordBatch... batches) {
    Database held = new Database(true);
    WriteAhead writeAhead =
        WriteAhead.open(dir, 0, held, settings(1 << 20, 100, Duration.ofMillis(100)), CLOCK);
    for (RecordBatch batch : batches) {
      writeAhead.append(batch);
    }
    writeAhead.close(); // gives up on the held database: the entries stay in the journal
  }

  /** Segments of 1 MiB; a failed apply is retried every 20 ms at most. */
  private static WriteAhead.Settings settings(long backlogBytes, int groupRecords, Duration wait) {
    return new WriteAhead.Settings(backlogBytes, groupRecords, 1 << 20, wait, Duration.ofMillis(20));
  }

  private static RecordBatch batch(String... instanceIds) {
    List<StoredEvent> events = new ArrayList<>();
    for (String id : instanceIds) {
      events.add(Records.event(id, EventType.ACTIVE, 1));
    }
    return RecordBatch.ofEvents(events);
  }
}
