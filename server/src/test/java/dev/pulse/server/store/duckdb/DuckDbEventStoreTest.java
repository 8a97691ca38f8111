package dev.pulse.server.store.duckdb;

import static dev.pulse.server.store.Records.cliCommand;
import static dev.pulse.server.store.Records.error;
import static dev.pulse.server.store.Records.event;
import static dev.pulse.server.store.SqlRows.lines;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEventStoreTest {

  private static final String INSERT_OLD_EVENT_AT_SEQ_5 =
      "INSERT INTO component_events VALUES (5, TIMESTAMP '2026-11-10 01:00:00',"
          + " 'NETWORK_MAPPER', 'i-old', 'ctx', 'v1', '', 'STARTED', 1, '')";

  @TempDir Path dataDir;

  @Test
  void readsBackEveryKindOfRecordAsWritten() {
    StoredEvent event = event("a", EventType.SERVICE_DISCOVERED, 486);
    StoredCliCommand command = cliCommand("ctx", "env", "update", "add-labels");
    StoredError error = error("a");
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(new RecordBatch(List.of(event), List.of(command), List.of(error)));

      assertThat(events(store)).containsExactly(event);
      List<StoredCliCommand> commands = new ArrayList<>();
      store.forEachCliCommand(commands::add);
      assertThat(commands).containsExactly(command);
      List<StoredError> errors = new ArrayList<>();
      store.forEachError(errors::add);
      assertThat(errors).containsExactly(error);
      assertThat(errors.get(0).error().chainLength()).isEqualTo(2);
    }
  }

  @Test
  void keepsCommittedRecordsAcrossReopenAndContinuesTheSequence() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(List.of(event("a", EventType.STARTED, 1))));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(List.of(event("b", EventType.ACTIVE, 0))));
      assertThat(events(store)).extracting(e -> e.component().componentInstanceId()).containsExactly("a", "b");
      try (Connection connection = store.newConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT seq FROM component_events ORDER BY seq")) {
        rows.next();
        long first = rows.getLong(1);
        rows.next();
        assertThat(rows.getLong(1)).isGreaterThan(first);
      }
    }
  }

  @Test
  void upgradesADataDirWrittenByAnOlderRelease() throws Exception {
    try (Connection older = OlderDataDir.at(dataDir, "/db/duckdb/test-v1-only.list");
        Statement statement = older.createStatement()) {
      statement.execute(INSERT_OLD_EVENT_AT_SEQ_5);
    }
    try (DuckDbEventStore current = DuckDbEventStore.open(dataDir)) {
      current.append(RecordBatch.ofEvents(List.of(event("i-new", EventType.ACTIVE, 1))));
      try (Connection connection = current.newConnection();
          Statement statement = connection.createStatement()) {
        assertThat(Migrations.currentVersion(connection)).isEqualTo(newestKnownVersion());
        assertThat(lines(statement, "SELECT component_instance_id, seq FROM component_events ORDER BY seq"))
            .isEqualTo("i-old 5\ni-new 6\n");
      }
    }
  }

  @Test
  void numbersNewRecordsAboveTheRollupWatermarkWhenTheNewestRecordsWereErased() throws Exception {
    try (Connection older = OlderDataDir.at(dataDir, "/db/duckdb/test-v5-only.list");
        Statement statement = older.createStatement()) {
      statement.execute(INSERT_OLD_EVENT_AT_SEQ_5);
      // Seqs 6 and 7 were folded into the rollups, then erased: a new record must not reuse them.
      statement.execute("UPDATE rollup_state SET value = 7 WHERE name = 'watermark_seq'");
    }
    try (DuckDbEventStore current = DuckDbEventStore.open(dataDir)) {
      current.append(RecordBatch.ofEvents(List.of(event("i-new", EventType.ACTIVE, 1))));
      try (Connection connection = current.newConnection();
          Statement statement = connection.createStatement()) {
        assertThat(lines(statement, "SELECT seq FROM component_events WHERE component_instance_id = 'i-new'"))
            .isEqualTo("8\n");
      }
    }
  }

  @Test
  void refusesADataDirWrittenByANewerRelease() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        Connection connection = store.newConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO schema_migrations VALUES (999, 'V999__future.sql', now()::TIMESTAMP)");
    }
    assertThatThrownBy(() -> DuckDbEventStore.open(dataDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 999")
        .hasMessageContaining("newer release");
  }

  @Test
  void aDamagedDatabaseFileIsRefusedWithTheWayOut() throws Exception {
    Path file = aStoreFileWithOneRecord();
    try (RandomAccessFile damaged = new RandomAccessFile(file.toFile(), "rw")) {
      damaged.seek(3 * 4096); // the first data block after DuckDB's headers
      damaged.write(new byte[4096]);
    }
    assertRefusedWithTheWayOut(file);
  }

  @Test
  void aDatabaseFileCutShortIsRefusedWithTheWayOut() throws Exception {
    Path file = aStoreFileWithOneRecord();
    try (RandomAccessFile cut = new RandomAccessFile(file.toFile(), "rw")) {
      cut.setLength(cut.length() / 4); // as a copy that a full disk ended
    }
    assertRefusedWithTheWayOut(file);
  }

  private Path aStoreFileWithOneRecord() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(List.of(event("kept", EventType.STARTED, 1))));
    }
    return dataDir.resolve(DuckDbEventStore.FILE_NAME);
  }

  private void assertRefusedWithTheWayOut(Path file) {
    assertThatThrownBy(() -> DuckDbEventStore.open(dataDir).close())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the DuckDB store at " + file.toAbsolutePath())
        .hasMessageContaining("restore the data dir from a backup")
        .hasMessageNotContaining("IO Error"); // DuckDB's words repeat the path and offsets: ours are short
  }

  @Test
  void aFileThatIsNoDatabaseIsRefusedWithTheWayOut() throws Exception {
    Files.write(dataDir.resolve(DuckDbEventStore.FILE_NAME), "not a database".repeat(500).getBytes(UTF_8));
    assertThatThrownBy(() -> DuckDbEventStore.open(dataDir).close())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is no Pulse store");
  }

  @Test
  void closesUnderAnotherConnectionsOpenTransactionAndLosesNothing() throws Exception {
    DuckDbEventStore store = DuckDbEventStore.open(dataDir);
    store.append(RecordBatch.ofEvents(List.of(event("i-1", EventType.ACTIVE, 1))));
    try (Connection refresh = store.newConnection();
        Statement statement = refresh.createStatement()) {
      statement.execute("BEGIN TRANSACTION");
      statement.execute("INSERT INTO rollup_state VALUES ('a-refresh-in-progress', 0)");

      store.close();

      statement.execute("ROLLBACK");
    }
    try (DuckDbEventStore reopened = DuckDbEventStore.open(dataDir)) {
      List<StoredEvent> events = new ArrayList<>();
      reopened.forEachEvent(events::add);
      assertThat(events).extracting(e -> e.component().componentInstanceId()).containsExactly("i-1");
    }
  }

  @Test
  void refusesWritesAfterClose() {
    DuckDbEventStore store = DuckDbEventStore.open(dataDir);
    store.close();
    assertThat(store.isWritable()).isFalse();
    assertThatThrownBy(() -> store.append(RecordBatch.ofEvents(List.of(event("a", EventType.ACTIVE, 0)))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void isWritableWhileOpen() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      assertThat(store.isWritable()).isTrue();
    }
  }

  private static int newestKnownVersion() throws Exception {
    try (var in = Migrations.class.getResourceAsStream(Migrations.DEFAULT_INDEX)) {
      String[] lines = new String(in.readAllBytes()).strip().split("\n");
      String last = lines[lines.length - 1].strip();
      return Integer.parseInt(last.substring(1, last.indexOf("__")));
    }
  }

  private static List<StoredEvent> events(DuckDbEventStore store) {
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    return events;
  }
}
