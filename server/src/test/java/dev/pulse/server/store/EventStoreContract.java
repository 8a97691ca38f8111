package dev.pulse.server.store;

import static dev.pulse.server.store.ReadBack.cliCommands;
import static dev.pulse.server.store.ReadBack.errors;
import static dev.pulse.server.store.ReadBack.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.export.ExportRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} does, run against each store by a subclass. A subclass gives each
 * test a fresh, empty location; {@link #open} may be called more than once per test (a reopen).
 */
public abstract class EventStoreContract {

  private final List<EventStore> opened = new ArrayList<>();

  /** Opens the store at this test's location. */
  protected abstract EventStore openAt();

  protected final EventStore open() {
    EventStore store = openAt();
    opened.add(store);
    return store;
  }

  /**
   * Opens the store as a server does, for many concurrent appends: as {@link #open} by default, for
   * a store that groups concurrent appends itself; a store that needs a group commit in front, with
   * {@code writers} writer threads, overrides this.
   */
  protected EventStore openForConcurrentAppends(int writers) {
    return open();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(EventStore::close);
  }

  @Test
  void readsBackEveryKindAsWritten() {
    EventStore store = open();
    RecordBatch batch = Fixture.mixedBatch();

    store.append(batch);

    assertThat(events(store)).containsExactlyElementsOf(batch.events());
    assertThat(cliCommands(store)).containsExactlyElementsOf(batch.cliCommands());
    assertThat(errors(store)).containsExactlyElementsOf(batch.errors());
  }

  @Test
  void readsBackInAppendOrderAcrossBatches() {
    EventStore store = open();
    List<StoredEvent> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<StoredEvent> batch = List.of(Fixture.event("i" + i, "ctx-a", Fixture.day(i)), Fixture.event("j" + i, "ctx-b", Fixture.day(i)));
      store.append(RecordBatch.ofEvents(batch));
      written.addAll(batch);
    }
    assertThat(events(store)).containsExactlyElementsOf(written);
  }

  @Test
  void readsTheRecordsReceivedInARangeFromItsStartToBeforeItsEndInAppendOrder() {
    EventStore store = open();
    Instant from = Fixture.day(1);
    Instant to = Fixture.day(3);
    StoredEvent before = Fixture.event("before", "ctx-a", from.minusNanos(1_000));
    StoredEvent first = Fixture.event("first", "ctx-a", from);
    StoredEvent later = Fixture.event("later", "ctx-b", Fixture.day(2));
    StoredEvent earlier = Fixture.event("earlier", "ctx-b", Fixture.day(1).plusSeconds(60));
    StoredEvent last = Fixture.event("last", "ctx-a", to.minusNanos(1_000));
    StoredEvent atTheEnd = Fixture.event("end", "ctx-a", to);
    store.append(RecordBatch.ofEvents(List.of(before, first, later)));
    store.append(RecordBatch.ofEvents(List.of(earlier, last, atTheEnd)));
    store.append(Fixture.overDays(0, 1, 2, 3));

    assertThat(receivedIn(store, RecordKind.EVENTS, from, to)).as("in the order stored, not by time")
        .containsExactly(first, later, earlier, last, Fixture.event("i1", "ctx-a", Fixture.day(1)),
            Fixture.event("i2", "ctx-a", Fixture.day(2)));
    assertThat(receivedIn(store, RecordKind.CLI_COMMANDS, from, to)).extracting(StoredRecord::receivedAt)
        .containsExactly(Fixture.day(1), Fixture.day(2));
    assertThat(receivedIn(store, RecordKind.ERRORS, from, to)).extracting(StoredRecord::receivedAt)
        .containsExactly(Fixture.day(1), Fixture.day(2));
    assertThat(receivedIn(store, RecordKind.EVENTS, to.plusSeconds(86_400), to.plusSeconds(2 * 86_400))).isEmpty();
    // The bounds an export with an open side reads with: every record.
    assertThat(receivedIn(store, RecordKind.EVENTS, ExportRange.ALL.start(), ExportRange.ALL.end()))
        .hasSize(10).startsWith(before, first, later, earlier, last, atTheEnd);
  }

  private static List<StoredRecord> receivedIn(EventStore store, RecordKind kind, Instant from, Instant to) {
    List<StoredRecord> records = new ArrayList<>();
    store.forEachReceivedIn(kind, from, to, records::add);
    return records;
  }

  @Test
  void storesContextIdsAsGivenWithoutRekeyingThemAgain() {
    EventStore store = open();
    String alreadyRekeyed = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    store.append(
        new RecordBatch(
            List.of(Fixture.event("a", alreadyRekeyed, Fixture.day(0))),
            List.of(Fixture.cliCommand(alreadyRekeyed, Fixture.day(0))),
            List.of(Fixture.error("a", alreadyRekeyed, Fixture.day(0)))));

    assertThat(events(store)).extracting(e -> e.component().contextId()).containsExactly(alreadyRekeyed);
    assertThat(cliCommands(store)).extracting(c -> c.identifier().contextId()).containsExactly(alreadyRekeyed);
    assertThat(errors(store)).extracting(e -> e.component().contextId()).containsExactly(alreadyRekeyed);
  }

  @Test
  void concurrentAppendsAreEachStoredExactlyOnce() throws Exception {
    appendConcurrentlyAndReadBackEachOnce(1);
  }

  /** Appends from 8 threads at once, through {@code writers} commit writers where there are any. */
  protected final void appendConcurrentlyAndReadBackEachOnce(int writers) throws Exception {
    int threads = 8;
    int requestsPerThread = 25;
    int eventsPerRequest = 20;
    List<StoredEvent> expected = new ArrayList<>();
    try (EventStore store = openForConcurrentAppends(writers)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<StoredEvent>>> sent = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          sent.add(pool.submit(() -> sendRequests(store, thread, requestsPerThread, eventsPerRequest)));
        }
        for (Future<List<StoredEvent>> future : sent) {
          expected.addAll(future.get());
        }
      } finally {
        pool.shutdown();
      }
      assertThat(events(store)).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static List<StoredEvent> sendRequests(EventStore store, int thread, int requests, int perRequest) {
    List<StoredEvent> sent = new ArrayList<>();
    for (int r = 0; r < requests; r++) {
      List<StoredEvent> batch = new ArrayList<>();
      for (int e = 0; e < perRequest; e++) {
        batch.add(Fixture.event("t" + thread + "-r" + r + "-e" + e, "ctx-" + thread, Fixture.day(0)));
      }
      store.append(RecordBatch.ofEvents(batch));
      sent.addAll(batch);
    }
    return sent;
  }

  @Test
  void eraseRemovesOnlyThatInstallAndReportsWhatItRemoved() {
    EventStore store = open();
    store.append(Fixture.twoInstalls("ctx-gone", "ctx-kept"));

    ErasureReport report = store.erase("ctx-gone");

    assertThat(report).isEqualTo(new ErasureReport(2, 1, 1));
    assertThat(events(store)).extracting(e -> e.component().contextId()).containsOnly("ctx-kept").hasSize(2);
    assertThat(cliCommands(store)).extracting(c -> c.identifier().contextId()).containsExactly("ctx-kept");
    assertThat(errors(store)).extracting(e -> e.component().contextId()).containsExactly("ctx-kept");
  }

  @Test
  void erasingAndPruningWhileOthersAppendLosesNoOtherRecord() throws Exception {
    List<StoredEvent> expected = new ArrayList<>();
    try (EventStore store = openForConcurrentAppends(1)) {
      store.append(Fixture.overDays(-3, -3, -3)); // older than anything the appenders send
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<StoredEvent>>> sent = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          sent.add(pool.submit(() -> sendRequests(store, thread, 20, 10)));
        }
        for (int i = 0; i < 20; i++) {
          store.append(RecordBatch.ofEvents(List.of(Fixture.event("gone" + i, "ctx-gone", Fixture.day(1)))));
          store.erase("ctx-gone");
          store.pruneOlderThan(RecordKind.EVENTS, Fixture.day(-2), 1);
        }
        for (Future<List<StoredEvent>> future : sent) {
          expected.addAll(future.get());
        }
      } finally {
        pool.shutdown();
      }
      assertThat(events(store)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void eraseOfAnUnknownInstallRemovesNothing() {
    EventStore store = open();
    store.append(Fixture.twoInstalls("ctx-a", "ctx-b"));

    assertThat(store.erase("ctx-unknown")).isEqualTo(ErasureReport.NOTHING);
    assertThat(events(store)).hasSize(4);
  }

  @Test
  void pruneRemovesOnlyRecordsOfThatKindOlderThanTheCutoff() {
    EventStore store = open();
    store.append(Fixture.overDays(0, 1, 2, 3));
    Instant cutoff = Fixture.day(2);

    assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff)).isEqualTo(2);

    assertThat(events(store)).extracting(StoredEvent::receivedAt).containsExactly(Fixture.day(2), Fixture.day(3));
    assertThat(cliCommands(store)).hasSize(4);
    assertThat(errors(store)).hasSize(4);
    assertThat(store.pruneOlderThan(RecordKind.CLI_COMMANDS, cutoff)).isEqualTo(2);
    assertThat(store.pruneOlderThan(RecordKind.ERRORS, cutoff)).isEqualTo(2);
    assertThat(cliCommands(store)).extracting(StoredCliCommand::receivedAt).containsExactly(Fixture.day(2), Fixture.day(3));
    assertThat(errors(store)).extracting(StoredError::receivedAt).containsExactly(Fixture.day(2), Fixture.day(3));
  }

  @Test
  protected void pruneDeletesAtMostOneChunkPerCall() { // a store pruning whole days overrides it
    EventStore store = open();
    store.append(Fixture.overDays(0, 0, 0, 0, 0, 1));

    assertThat(store.pruneOlderThan(RecordKind.EVENTS, Fixture.day(1), 2)).isEqualTo(2);
    assertThat(store.pruneOlderThan(RecordKind.EVENTS, Fixture.day(1), 2)).isEqualTo(2);
    assertThat(store.pruneOlderThan(RecordKind.EVENTS, Fixture.day(1), 2)).isEqualTo(1);
    assertThat(store.pruneOlderThan(RecordKind.EVENTS, Fixture.day(1), 2)).isZero();
    assertThat(events(store)).extracting(StoredEvent::receivedAt).containsExactly(Fixture.day(1));
  }

  @Test
  void reopeningKeepsTheRecordsAndAppliesNoMigrationTwice() {
    RecordBatch first = Fixture.mixedBatch();
    RecordBatch second = Fixture.twoInstalls("ctx-x", "ctx-y");
    EventStore store = open();
    store.append(first);
    store.close();

    EventStore reopened = open();
    reopened.append(second);
    reopened.close();

    EventStore again = open();
    assertThat(again.isWritable()).isTrue();
    assertThat(events(again)).containsExactlyElementsOf(RecordBatch.concat(List.of(first, second)).events());
    assertThat(errors(again)).hasSize(first.errors().size() + second.errors().size());
  }

  @Test
  void refusesWritesOnceClosed() {
    EventStore store = open();
    store.close();

    assertThat(store.isWritable()).isFalse();
    assertThatThrownBy(() -> store.append(Fixture.mixedBatch()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }
}
