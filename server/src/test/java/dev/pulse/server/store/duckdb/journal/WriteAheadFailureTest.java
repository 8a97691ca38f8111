package dev.pulse.server.store.duckdb.journal;

import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.CLOCK;
import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.SETTINGS;
import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.batch;
import static dev.pulse.server.store.duckdb.journal.WriteAheadFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.Await;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.duckdb.journal.WriteAheadFixture.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.io.TempDir;

/** Full backlog, failing database, close, restart: refused, retried or replayed, none lost. */
class WriteAheadFailureTest {

  @TempDir Path dir;

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
  @ResourceLock(Resources.SYSTEM_ERR)
  void entriesAboveTheAppliedSeqAreReplayedAtOpenAndNoOthersAndTheUncleanStopIsTold() throws Exception {
    journalWithoutApplying(batch("a"), batch("b", "c"), batch("d"));

    Database database = new Database(false);
    try (CapturedLog log = CapturedLog.start();
        WriteAhead writeAhead = WriteAhead.open(dir, 1, database, SETTINGS, CLOCK)) {
      assertThat(log.text()).as("the unclean stop is told, with how many it left").contains(
          "the last stop left 3 acknowledged records unapplied", "applied them from the journal in " + dir,
          "none lost");
      assertThat(database.rows()).containsExactly("b", "c", "d");
      assertThat(database.transactions).singleElement().satisfies(t -> assertThat(t).containsExactly(2, 4));
      assertThat(writeAhead.nextSeq()).isEqualTo(5);
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
      Await.until("the applier healthy once the cause is gone", writeAhead::isHealthy);
      writeAhead.awaitApplied();
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
      Await.until("the applier healthy once the cause is gone", writeAhead::isHealthy);
      writeAhead.awaitApplied();
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

  private void journalWithoutApplying(RecordBatch... batches) {
    Database held = new Database(true);
    WriteAhead writeAhead =
        WriteAhead.open(dir, 0, held, settings(1 << 20, 100, Duration.ofMillis(100)), CLOCK);
    for (RecordBatch batch : batches) {
      writeAhead.append(batch);
    }
    writeAhead.close(); // gives up on the held database: the entries stay in the journal
  }
}
