package dev.pulse.server.store.duckdb.journal;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The write-ahead tests' settings and batches, and a database behind that can be held still. */
final class WriteAheadFixture {

  static final WriteAhead.Settings SETTINGS =
      settings(1 << 20, 100, Duration.ofMillis(300));

  static final Clock CLOCK = Clock.systemUTC();

  private WriteAheadFixture() {}

  /** A database that keeps what it is given, and can be held still. */
  static final class Database implements WriteAhead.Target {
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

  /** Segments of 1 MiB; a failed apply is retried every 20 ms at most. */
  static WriteAhead.Settings settings(long backlogBytes, int groupRecords, Duration wait) {
    return new WriteAhead.Settings(backlogBytes, groupRecords, 1 << 20, wait, Duration.ofMillis(20));
  }


  static RecordBatch batch(String... instanceIds) {
    List<StoredEvent> events = new ArrayList<>();
    for (String id : instanceIds) {
      events.add(Records.event(id, EventType.ACTIVE, 1));
    }
    return RecordBatch.ofEvents(events);
  }
}
