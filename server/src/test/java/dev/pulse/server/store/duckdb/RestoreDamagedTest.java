package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import java.io.RandomAccessFile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup damaged past what its check reads (its tables are there; a block of their data is not):
 * the restore refuses it as a bad file to give (a usage mistake, not a failure to retry), and leaves
 * no data dir behind.
 */
class RestoreDamagedTest {

  /** DuckDB's file: three 4 KiB headers, then blocks of 256 KiB, each starting with its checksum. */
  private static final long HEADERS = 3 * 4096;
  private static final long BLOCK = 256 * 1024;

  @TempDir Path tmp;

  @Test
  void aBackupWithADamagedBlockIsRefusedAndLeavesNoDataDir() throws Exception {
    Path source = tmp.resolve("source");
    try (DuckDbEventStore store = DuckDbEventStore.open(source)) {
      store.append(RecordBatch.ofEvents(IntStream.range(0, 20_000)
          .mapToObj(i -> Records.event("i-" + i, EventType.values()[i % EventType.values().length], i)).toList()));
    }
    Path backup = Files.copy(source.resolve(DuckDbEventStore.FILE_NAME), tmp.resolve("backup.duckdb"));
    long block = aDataBlockOf(backup);
    try (RandomAccessFile damaged = new RandomAccessFile(backup.toFile(), "rw")) {
      damaged.seek(HEADERS + block * BLOCK + 100); // past the block's checksum, into its data
      damaged.write(new byte[512]);
    }
    Path target = tmp.resolve("restored");

    assertThatThrownBy(() -> BackupRestore.restore(backup, target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(backup + " is a damaged backup: its blocks are damaged (a checksum does not match); give another"
            + " backup");
    Assertions.assertThat(target).doesNotExist();
  }

  /** A block holding column data of the events table, as DuckDB's storage_info tells. */
  private static long aDataBlockOf(Path file) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), readOnly);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT max(block_id) FROM pragma_storage_info('component_events')"
            + " WHERE persistent AND block_id >= 0")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
