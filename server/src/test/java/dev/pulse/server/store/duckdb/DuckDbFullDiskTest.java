package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.TestServer;
import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.Await;
import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.Tmpfs;
import dev.pulse.server.store.duckdb.journal.WriteAhead;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The DuckDB store on a real, full tmpfs: a DuckDB instance that failed to write is never used again,
 * and every acknowledged record ends up in the database exactly once, intact, once space is back.
 */
class DuckDbFullDiskTest {

  private static final WriteAhead.Settings QUICK =
      new WriteAhead.Settings(16 << 20, 500, 8 << 20, Duration.ofSeconds(2), Duration.ofMillis(200));

  @TempDir Path base;

  @Test
  void appliesThatFailOnAFullDiskAreAppliedExactlyOnceAfterSpaceIsFreed() throws Exception {
    List<StoredEvent> sent = new ArrayList<>();
    // The journal on a disk of its own: the DuckDB file's disk fills up, acknowledgements go on.
    try (Tmpfs disk = Tmpfs.mount(base.resolve("data"), 16);
        Tmpfs journal = Tmpfs.mount(disk.dir().resolve(DuckDbEventStore.JOURNAL_DIR), 16)) {
      try (DuckDbEventStore store = DuckDbEventStore.open(disk.dir(), QUICK, Clock.systemUTC())) {
        append(store, sent, "before", 300);
        Await.until("applied", () -> store.unappliedRecords() == 0);
        disk.fill("filler");

        for (int i = 0; i < 10; i++) {
          append(store, sent, "full" + i, 300);
        }
        Await.until("the applier failing", () -> !store.isWritable());
        assertThat(store.unappliedRecords()).isPositive();
        assertThat(store.reachable()).as("pulse_store_available reads 0 while writes fail").isFalse();

        disk.delete("filler");
        Await.until("every record applied", () -> store.unappliedRecords() == 0 && store.isWritable());
        assertThat(store.reachable()).isTrue();
        append(store, sent, "after", 300);
        assertThat(events(store)).containsExactlyElementsOf(sent);
      }
      try (DuckDbEventStore reopened = DuckDbEventStore.open(disk.dir(), QUICK, Clock.systemUTC())) {
        assertThat(events(reopened)).containsExactlyElementsOf(sent);
      }
    }
  }

  @Test
  void aRollupRefreshThatFailsOnAFullDiskLosesNothingAndCatchesUpOnceSpaceIsFreed() throws Exception {
    List<StoredEvent> sent = new ArrayList<>();
    try (Tmpfs disk = Tmpfs.mount(base.resolve("data"), 16);
        Tmpfs journal = Tmpfs.mount(disk.dir().resolve(DuckDbEventStore.JOURNAL_DIR), 16)) {
      try (DuckDbEventStore store = DuckDbEventStore.open(disk.dir(), QUICK, Clock.systemUTC())) {
        SqlAnalyticsSource analytics = DuckDbAnalyticsSource.rollups(store);
        append(store, sent, "before", 2000);
        Await.until("applied", () -> store.unappliedRecords() == 0);
        disk.fill("filler");
        assertThatThrownBy(analytics::refresh).isInstanceOf(DiskFullException.class)
            .hasMessage("refreshing the analytics rollups failed: the disk of " + disk.dir() + " is full");

        disk.delete("filler");
        Await.until("every record applied", () -> store.unappliedRecords() == 0 && store.isWritable());
        assertThat(analytics.refresh()).isEqualTo(sent.size());
        append(store, sent, "after", 300);
        assertThat(events(store)).containsExactlyElementsOf(sent);
      }
      try (DuckDbEventStore reopened = DuckDbEventStore.open(disk.dir(), QUICK, Clock.systemUTC())) {
        assertThat(events(reopened)).containsExactlyElementsOf(sent);
      }
    }
  }

  @Test
  void aDashboardReadWhoseRollupsCannotBeBuiltOnAFullDiskAnswers503SayingSoInOurWords() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(base.resolve("data"), 16);
        TestServer server = TestServer.start(disk.dir(),
            config -> config.minFreeDiskBytes(0).rollupRefresh(Duration.ofHours(1)))) {
      EventStore store = server.server().store();
      store.append(batch("before", 2000));
      Await.until("applied", () -> store.unappliedRecords() == 0);
      disk.fill("filler");

      HttpResponse<String> read = server.get("/api/v1/active-installs", TestServer.ADMIN_TOKEN);

      assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
      assertThat(read.headers().firstValue("Retry-After")).contains("5");
      assertThat(read.body()).contains("STORE_UNAVAILABLE").contains("the disk of the server's data dir is full"
              + " (refreshing the analytics rollups failed); nothing is lost: retry once space is freed on it")
          .doesNotContain("TransactionContext").doesNotContain("No space left");
      disk.delete("filler");
    }
  }

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void aCloseThatCannotFoldTheLogOnAFullDiskSaysSoInOurWordsAndLosesNothing() throws Exception {
    List<StoredEvent> sent = new ArrayList<>();
    try (Tmpfs disk = Tmpfs.mount(base.resolve("data"), 16);
        Tmpfs journal = Tmpfs.mount(disk.dir().resolve(DuckDbEventStore.JOURNAL_DIR), 16)) {
      String logged;
      try (CapturedLog log = CapturedLog.start()) {
        DuckDbEventStore store = DuckDbEventStore.open(disk.dir(), QUICK, Clock.systemUTC());
        append(store, sent, "before", 2000);
        Await.until("applied", () -> store.unappliedRecords() == 0);
        disk.fill("filler");
        store.close();
        logged = log.text();
      }

      assertThat(logged).contains("closing " + disk.dir().resolve(DuckDbEventStore.FILE_NAME) + " without folding"
              + " DuckDB's write-ahead log into it: the disk of " + disk.dir() + " is full; nothing is lost: the records"
              + " are kept in that log, which the store applies when it next opens")
          .doesNotContain("FATAL").doesNotContain("No space left on device");
      disk.delete("filler");
      try (DuckDbEventStore reopened = DuckDbEventStore.open(disk.dir(), QUICK, Clock.systemUTC())) {
        assertThat(events(reopened)).containsExactlyElementsOf(sent);
      }
    }
  }

  @Test
  void newRecordsAreRefusedWhileTheDiskIsBelowTheReserveAndAcceptedOnceSpaceIsBack() throws Exception {
    List<StoredEvent> sent = new ArrayList<>();
    try (Tmpfs disk = Tmpfs.mount(base.resolve("data"), 32);
        DuckDbEventStore store = DuckDbEventStore.open(disk.dir(), QUICK, Clock.systemUTC(), 8 << 20)) {
      append(store, sent, "before", 10);
      disk.fillLeaving("filler", 4 << 20);

      Await.until("the reserve refusing", () -> store.diskReserve().isLow());
      assertThatThrownBy(() -> store.append(batch("refused", 10)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(disk.dir().toString())
          .hasMessageContaining("bytes free")
          .hasMessageContaining("nothing of this request was stored");
      assertThat(store.isWritable()).isFalse();
      assertThat(store.reachable()).as("pulse_store_available reads 0 while writes are refused").isFalse();
      assertThat(store.diskReserve().freeBytes()).isLessThan(8 << 20);

      disk.delete("filler");
      Await.until("the reserve accepting", () -> !store.diskReserve().isLow());
      append(store, sent, "after", 10);
      assertThat(store.isWritable()).isTrue();
      assertThat(events(store)).containsExactlyElementsOf(sent);
    }
  }

  private static void append(DuckDbEventStore store, List<StoredEvent> sent, String id, int events) {
    RecordBatch batch = batch(id, events);
    store.append(batch);
    sent.addAll(batch.events());
  }

  private static RecordBatch batch(String id, int events) {
    List<StoredEvent> list = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      list.add(Records.event(id + "-" + i, EventType.values()[i % EventType.values().length], i));
    }
    return RecordBatch.ofEvents(list);
  }

  private static List<StoredEvent> events(DuckDbEventStore store) {
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    return events;
  }

}
