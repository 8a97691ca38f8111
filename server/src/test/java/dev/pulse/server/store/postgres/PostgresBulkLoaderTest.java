package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.ReadBack;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.UnstorableContentException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The PostgreSQL bulk path keeps batches in flight: a read right after a load sees them, and a batch
 * the database refuses fails a later call, storing nothing of it.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresBulkLoaderTest {

  @Test
  void aReadRightAfterALoadSeesTheBatchInFlight() {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      events.add(Records.event("i-" + i, EventType.ACTIVE, i));
    }
    try (PostgresBulkLoader loader = PostgresBulkLoader.open(database)) {
      loader.load(RecordBatch.ofEvents(events));
      List<StoredRecord> read = new ArrayList<>();
      loader.forEachReceivedBetween(RecordKind.EVENTS, Records.T0, Records.T0, read::add);

      assertThat(read).containsExactlyInAnyOrderElementsOf(events);
      assertThat(loader.refreshRollups()).isEqualTo(events.size());
    }
  }

  @Test
  void saysWhetherTheStoreHoldsRecordsOfAnyKind() {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    try (PostgresBulkLoader loader = PostgresBulkLoader.open(database)) {
      assertThat(loader.holdsRecords()).as("a new database").isFalse();
      loader.load(RecordBatch.ofErrors(List.of(Records.error("i-1"))));
      assertThat(loader.holdsRecords()).as("one error report, in flight until asked").isTrue();
    }
  }

  @Test
  void aRefusedBatchFailsALaterCallAndStoresNothingOfIt() {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    StoredEvent good = Records.event("i-good", EventType.ACTIVE, 1);
    StoredEvent withNul = new StoredEvent(Records.T0, good.component(), new TelemetryData(EventType.ACTIVE, 1, "a\0b"));
    StoredEvent farFuture = new StoredEvent(java.time.Instant.parse("+300000-01-01T00:00:00Z"), good.component(),
        good.data());
    try (PostgresBulkLoader loader = PostgresBulkLoader.open(database)) {
      assertThatThrownBy(() -> loader.load(RecordBatch.ofEvents(List.of(withNul))))
          .isInstanceOf(UnstorableContentException.class);
      loader.load(RecordBatch.ofEvents(List.of(good, farFuture)));
      assertThatThrownBy(loader::flush)
          .isInstanceOf(UnstorableContentException.class)
          .hasMessageContaining("SQLState 22");
      loader.load(RecordBatch.ofEvents(List.of(good)));
    }
    try (PostgresEventStore store = PostgresEventStore.open(database)) {
      assertThat(ReadBack.events(store)).containsExactly(good);
    }
  }
}
