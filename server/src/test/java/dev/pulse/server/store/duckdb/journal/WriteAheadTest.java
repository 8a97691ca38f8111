package dev.pulse.server.store.duckdb.journal;

import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.CLOCK;
import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.SETTINGS;
import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.batch;
import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.Await;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.journal.WriteAheadFixture.Database;
import dev.pulse.server.threads.BackgroundThreads;
import dev.pulse.server.threads.Nice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records acknowledged once journaled and applied behind, grouped, on a low-priority thread. */
class WriteAheadTest {

  @TempDir Path dir;

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
  void appendsArrivingWhileAGroupIsWrittenAreSyncedTogetherAsTheNextGroup() throws Exception {
    HoldingTheFirst holdingTheFirst = new HoldingTheFirst();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (WriteAhead writeAhead =
        WriteAhead.open(dir, 0, new Database(false), SETTINGS, CLOCK, holdingTheFirst, List.of())) {
      List<Future<?>> appends = new ArrayList<>();
      appends.add(pool.submit(() -> writeAhead.append(batch("first"))));
      assertThat(holdingTheFirst.firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 5; i++) {
        String id = "waiting-" + i;
        appends.add(pool.submit(() -> writeAhead.append(batch(id))));
      }
      Await.until("5 appends waiting for the writer", () -> writeAhead.waitingAppends() == 5);
      holdingTheFirst.release.countDown();
      for (Future<?> append : appends) {
        append.get(10, TimeUnit.SECONDS);
      }
      assertThat(holdingTheFirst.groups).containsExactly(1, 5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void afterAGroupOfSeveralTheNextGathersUntilTwiceAsManyWait() throws Exception {
    HoldingTheFirst holdingTheFirst = new HoldingTheFirst();
    // A gather delay no test waits out: only the count of waiting appends ends the gathering here.
    WriteAhead.Settings gathering = new WriteAhead.Settings(1 << 20, 100, 1 << 20, Duration.ofSeconds(5),
        Duration.ofMillis(20), 100, Duration.ofMillis(20), Duration.ofMinutes(10));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, new Database(false), gathering, CLOCK, holdingTheFirst,
        List.of())) {
      List<Future<?>> appends = new ArrayList<>();
      appends.add(pool.submit(() -> writeAhead.append(batch("first"))));
      assertThat(holdingTheFirst.firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
      appends.add(pool.submit(() -> writeAhead.append(batch("second"))));
      appends.add(pool.submit(() -> writeAhead.append(batch("third"))));
      Await.until("2 appends waiting for the writer", () -> writeAhead.waitingAppends() == 2);
      holdingTheFirst.release.countDown();
      Await.until("the group of 2 written", () -> holdingTheFirst.groups.size() == 2);
      // One at a time: each waits for company, until twice the last group's 2 are there.
      for (int i = 1; i <= 3; i++) {
        String id = "gathered-" + i;
        appends.add(pool.submit(() -> writeAhead.append(batch(id))));
        int waiting = i;
        Await.until(i + " appends gathering", () -> writeAhead.waitingAppends() == waiting);
      }
      appends.add(pool.submit(() -> writeAhead.append(batch("gathered-4"))));
      for (Future<?> append : appends) {
        append.get(10, TimeUnit.SECONDS);
      }
      assertThat(holdingTheFirst.groups).containsExactly(1, 2, 4);
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
        Duration.ofMillis(20), 0, Duration.ofMillis(20), WriteAhead.Settings.DEFAULT_GATHER_DELAY);
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
        Duration.ofMillis(20), 100, Duration.ofHours(1), WriteAhead.Settings.DEFAULT_GATHER_DELAY);
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
  void aFifthOfTheGroupBoundWaitingIsAppliedWithoutWaitingForTheDelay() throws Exception {
    Database database = new Database(false);
    WriteAhead.Settings hourLongDelay = new WriteAhead.Settings(1 << 20, 10, 1 << 20, Duration.ofSeconds(5),
        Duration.ofMillis(20), 100, Duration.ofHours(1), WriteAhead.Settings.DEFAULT_GATHER_DELAY);
    try (WriteAhead writeAhead = WriteAhead.open(dir, 0, database, hourLongDelay, CLOCK)) {
      writeAhead.append(batch("a"));
      writeAhead.append(batch("b")); // 2 of a group bound of 10
      Await.until("the two records applied without a read", () -> database.rows().size() == 2);
      assertThat(database.rows()).containsExactly("a", "b");
    }
  }

  /** Notes each group's requests, and holds the writer thread on the first group until released. */
  private static final class HoldingTheFirst implements CommitObserver {
    final CountDownLatch firstWritten = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<Integer> groups = new CopyOnWriteArrayList<>();

    @Override
    public void committed(int requests, int records, long nanos) {
      groups.add(requests);
      firstWritten.countDown();
      await(release); // before the writer releases the group's requests
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
