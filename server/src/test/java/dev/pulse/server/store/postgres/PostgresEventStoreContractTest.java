package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.ReadBack.cliCommands;
import static dev.pulse.server.store.ReadBack.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.EventStoreContract;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredEvent;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresEventStoreContractTest extends EventStoreContract {

  private StoreLocation.Postgres database;

  @BeforeEach
  void newDatabase() {
    database = EmbeddedPostgresServer.newDatabase();
  }

  @Override
  protected EventStore openAt() {
    return PostgresEventStore.open(database);
  }

  @Override
  protected EventStore openForConcurrentAppends(int writers) {
    return new GroupCommitStore(open(), CommitObserver.NONE, GroupCommitStore.DEFAULT_MAX_GROUP_RECORDS, writers);
  }

  @Test
  void concurrentAppendsThroughSeveralGroupCommitWritersAreEachStoredExactlyOnce() throws Exception {
    appendConcurrentlyAndReadBackEachOnce(3);
  }

  // PostgreSQL commits each append itself, so a failure fails the append. (DuckDB acknowledges from
  // its journal: DuckDbJournalTest covers a failure there.)
  @Test
  void aFailedBatchStoresNothing() throws Exception {
    EventStore store = open();
    store.append(RecordBatch.ofEvents(List.of(Fixture.event("before", "ctx-a", Fixture.day(0)))));
    try (Connection connection = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE error_reports");
    }

    // Events and commands are written before errors: the failure comes after rows were sent.
    assertThatThrownBy(() -> store.append(Fixture.mixedBatch())).isInstanceOf(StoreException.class);

    assertThat(events(store)).extracting(e -> e.component().componentInstanceId()).containsExactly("before");
    assertThat(cliCommands(store)).isEmpty();
  }

  /**
   * Overrides the contract's chunk test: the PostgreSQL store drops whole day partitions before the
   * cutoff at once (more than a chunk), and deletes the older rows of the cutoff's own day a chunk at a
   * time.
   */
  @Override
  @Test
  public void pruneDeletesAtMostOneChunkPerCall() {
    EventStore store = open();
    store.append(Fixture.overDays(0, 0, 0, 1, 1, 1, 1, 1, 2));
    Instant cutoff = Fixture.day(1).plusSeconds(1); // after day 1's records, in its partition

    assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff, 2)).as("day 0 dropped, 2 of day 1").isEqualTo(3 + 2);
    assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff, 2)).isEqualTo(2);
    assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff, 2)).isEqualTo(1);
    assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff, 2)).isZero();
    assertThat(events(store)).extracting(StoredEvent::receivedAt).containsExactly(Fixture.day(2));
  }
}
