package dev.pulse.server.store.duckdb;

import static dev.pulse.server.store.Records.error;
import static dev.pulse.server.store.Records.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.Component;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.Await;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.journal.WriteAhead;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB store acknowledges from its journal and applies behind: what that must not lose. */
class DuckDbJournalTest {

  private static final WriteAhead.Settings QUICK =
      new WriteAhead.Settings(1 << 20, 500, 1 << 20, Duration.ofSeconds(2), Duration.ofMillis(50));

  @TempDir Path dataDir;

  @Test
  void recordsJournaledButNotInDuckDbAreAppliedAtOpenExactlyOnce() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(List.of(event("applied", EventType.ACTIVE, 1))));
    }
    // A crash after the acknowledgement, before the apply: journal the batch with a database that
    // refuses it, and stop.
    long applied = appliedSeq();
    WriteAhead crashed =
        WriteAhead.open(dataDir.resolve(DuckDbEventStore.JOURNAL_DIR), applied,
            (batch, first, last) -> {
              throw new StoreException("the process died first");
            },
            new WriteAhead.Settings(1 << 20, 500, 1 << 20, Duration.ofMillis(200), Duration.ofMillis(50)),
            Clock.systemUTC());
    crashed.append(RecordBatch.ofEvents(List.of(event("journaled", EventType.ACTIVE, 1))));
    crashed.close();

    for (int open = 0; open < 2; open++) {
      try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
        assertThat(instanceIds(store)).containsExactly("applied", "journaled");
      }
    }
  }

  @Test
  void aBatchDuckDbCannotTakeIsKeptAndAppliedOnceTheCauseIsGone() throws Exception {
    try (DuckDbEventStore store = open();
        Connection outside = store.newConnection();
        Statement statement = outside.createStatement()) {
      store.append(RecordBatch.ofEvents(List.of(event("before", EventType.ACTIVE, 1))));
      String table = createStatement(statement, "error_reports");
      statement.execute("DROP TABLE error_reports");

      // Acknowledged: it is in the journal, though DuckDB cannot take it now.
      store.append(new RecordBatch(List.of(event("kept", EventType.ACTIVE, 1)), List.of(), List.of(error("kept"))));
      // Every read and deletion waits for it rather than acting without it.
      List<ThrowingCallable> waiting = List.of(
          () -> instanceIds(store),
          () -> store.newConnection().close(),
          () -> store.erase("ctx"),
          () -> store.pruneOlderThan(RecordKind.EVENTS, Instant.now(), 10));
      for (ThrowingCallable call : waiting) {
        assertThatThrownBy(call)
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("safe in the journal, retry later");
      }
      assertThat(store.isWritable()).isFalse();

      statement.execute(table);
      // The applier retries on its own; a read before its next attempt succeeds is still told to retry
      // (after Backlog.FAILING_WAIT), which a loaded machine can reach.
      Await.until("the store writable once the cause is gone", store::isWritable);
      assertThat(instanceIds(store)).containsExactly("before", "kept");
      List<String> errors = new ArrayList<>();
      store.forEachError(e -> errors.add(e.component().componentInstanceId()));
      assertThat(errors).containsExactly("kept");
      assertThat(store.isWritable()).isTrue();
    }
  }

  @Test
  void erasingAnInstallLeavesNoneOfItsRecordsInTheJournal() throws Exception {
    String victim = "ctx-to-erase-0123456789";
    try (DuckDbEventStore store = open()) {
      store.append(RecordBatch.ofEvents(List.of(eventOf(victim), eventOf("ctx-kept-0123456789"))));
      store.append(RecordBatch.ofEvents(List.of(eventOf("ctx-kept-0123456789"))));
      assertThat(journalText()).contains(victim);

      ErasureReport report = store.erase(victim);

      assertThat(report.events()).isEqualTo(1);
      assertThat(journalText()).doesNotContain(victim);
      store.append(RecordBatch.ofEvents(List.of(eventOf("ctx-later-0123456789"))));
    }
    try (DuckDbEventStore store = open()) {
      List<String> contexts = new ArrayList<>();
      store.forEachEvent(e -> contexts.add(e.component().contextId()));
      assertThat(contexts).containsExactly("ctx-kept-0123456789", "ctx-kept-0123456789", "ctx-later-0123456789");
    }
  }

  @Test
  void pruningOldRawRecordsBehindTheRollupsLeavesNoneOfThemInTheJournal() throws Exception {
    // A quiet server: one journal segment, opened 31 days ago, still takes today's records.
    Instant opened = Records.T0.minus(Duration.ofDays(31));
    String old = "ctx-old-0123456789";
    String recent = "ctx-recent-0123456789";
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir, QUICK, Clock.fixed(opened, ZoneOffset.UTC))) {
      store.append(RecordBatch.ofEvents(List.of(at(eventOf(old), opened))));
      store.append(RecordBatch.ofEvents(List.of(at(eventOf(recent), Records.T0))));
      assertThat(journalText()).contains(old);

      long pruned = store.pruneOlderThan(RecordKind.EVENTS, Records.T0.minus(Duration.ofDays(30)));

      assertThat(pruned).isEqualTo(1);
      assertThat(journalText()).doesNotContain(old);
      List<String> kept = new ArrayList<>();
      store.forEachEvent(e -> kept.add(e.component().contextId()));
      assertThat(kept).containsExactly(recent);
    }
  }

  @Test
  void anAnalysisWaitsForAcknowledgedRecordsInItsRefreshButARollupQueryDoesNotWait() throws Exception {
    // Journaled records are due for an hour: only a read that waits for them gets them applied.
    WriteAhead.Settings neverDue = new WriteAhead.Settings(1 << 20, 500, 1 << 20, Duration.ofSeconds(30),
        Duration.ofMillis(50), WriteAhead.Settings.DEFAULT_MAX_OBJECT_RECORDS, Duration.ofHours(1),
        WriteAhead.Settings.DEFAULT_GATHER_DELAY);
    Instant day1 = Records.T0.minus(Duration.ofDays(1));
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir, neverDue, Clock.systemUTC())) {
      SqlAnalyticsSource rollups = DuckDbAnalyticsSource.rollups(store);
      store.append(RecordBatch.ofEvents(List.of(at(eventOf("ctx-first-0123456789"), day1))));
      rollups.refresh();
      assertThat(rollups.lastDay()).contains(LocalDate.ofInstant(day1, ZoneOffset.UTC));

      store.append(RecordBatch.ofEvents(List.of(at(eventOf("ctx-second-0123456789"), Records.T0))));
      // The rollups hold only what a refresh folded: waiting for the applier would show nothing more.
      assertThat(rollups.lastDay()).contains(LocalDate.ofInstant(day1, ZoneOffset.UTC));
      assertThat(store.unappliedRecords()).isEqualTo(1);

      rollups.refresh();
      assertThat(store.unappliedRecords()).isZero();
      assertThat(rollups.lastDay()).contains(LocalDate.ofInstant(Records.T0, ZoneOffset.UTC));
    }
  }

  @Test
  void closingAppliesEverythingAndLeavesNoJournalSegment() throws Exception {
    try (DuckDbEventStore store = open()) {
      for (int i = 0; i < 20; i++) {
        store.append(RecordBatch.ofEvents(List.of(event("i-" + i, EventType.ACTIVE, i))));
      }
    }
    assertThat(segments()).isEmpty();
    assertThat(appliedSeq()).isEqualTo(20);
  }

  private DuckDbEventStore open() {
    return DuckDbEventStore.open(dataDir, QUICK, Clock.systemUTC());
  }

  private long appliedSeq() throws Exception {
    try (Connection connection = OlderDataDir.at(dataDir, Migrations.DEFAULT_INDEX);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT applied_seq FROM journal_state")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String createStatement(Statement statement, String table) throws Exception {
    try (ResultSet rows = statement.executeQuery("SELECT sql FROM duckdb_tables() WHERE table_name = '" + table + "'")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static StoredEvent eventOf(String contextKey) {
    StoredEvent event = event("i", EventType.ACTIVE, 1);
    Component component = event.component();
    return new StoredEvent(event.receivedAt(), component.withIds(component.componentInstanceId(), contextKey), event.data());
  }

  private static StoredEvent at(StoredEvent event, Instant receivedAt) {
    return new StoredEvent(receivedAt, event.component(), event.data());
  }

  /** Polls with a deadline until the store takes writes again: its applier recovers on its own thread. */

  private static List<String> instanceIds(DuckDbEventStore store) {
    List<String> ids = new ArrayList<>();
    store.forEachEvent(e -> ids.add(e.component().componentInstanceId()));
    return ids;
  }

  private List<Path> segments() throws IOException {
    Path dir = dataDir.resolve(DuckDbEventStore.JOURNAL_DIR);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(path -> path.toString().endsWith(".journal")).toList();
    }
  }

  private String journalText() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path segment : segments()) {
      text.append(new String(Files.readAllBytes(segment), StandardCharsets.ISO_8859_1));
    }
    return text.toString();
  }
}
