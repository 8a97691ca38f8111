package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.ErasableTables;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one DuckDB file, {@value #FILE_NAME}, in the data dir.
 *
 * <p>Writes go through one connection and one set of appenders, serialized by this object's lock
 * (DuckDB has a single writer anyway); {@link dev.pulse.server.store.GroupCommitStore} in front of it
 * turns many concurrent requests into one transaction. DuckDB writes its WAL on commit, so a record
 * acknowledged after {@link #append} survives a killed process. Reads use their own connections.
 */
public final class DuckDbEventStore implements EventStore {

  /** The database file's name under the data dir. */
  public static final String FILE_NAME = "pulse.duckdb";

  /** The WAL size past which DuckDB checkpoints on its own. */
  static final String CHECKPOINT_THRESHOLD = "256MB";

  private static final Logger LOG = LoggerFactory.getLogger(DuckDbEventStore.class);

  private static final ErasableTables ERASABLE = ErasableTables.load("/db/duckdb/erasable-tables.list");

  private final Path file;
  private final DuckDBConnection writer;
  private final RecordWriter records;
  private long nextSeq;
  private volatile boolean closed;

  private DuckDbEventStore(Path file, DuckDBConnection writer, long nextSeq) throws SQLException {
    this.file = file;
    this.writer = writer;
    this.nextSeq = nextSeq;
    this.records = new RecordWriter(writer);
  }

  /** Opens (creating if needed) the store in a data dir, applying pending migrations. */
  public static DuckDbEventStore open(Path dataDir) {
    return open(dataDir, Migrations.DEFAULT_INDEX);
  }

  static DuckDbEventStore open(Path dataDir, String migrationIndex) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
      DuckDBConnection connection =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
      try {
        new Migrations(migrationIndex).apply(connection);
        try (Statement statement = connection.createStatement()) {
          // DuckDB checkpoints (rewrites the WAL into the file, blocking the writer) whenever the WAL
          // passes this size; the default 16 MB means a stall every few thousand requests under load.
          // 256 MB measured 1.4x the sustained append rate; the price is a longer WAL replay after a
          // crash (seconds), and close() checkpoints anyway.
          statement.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
        }
        return new DuckDbEventStore(file, connection, maxSeq(connection) + 1);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    } catch (IOException | SQLException e) {
      throw new StoreException("cannot open the DuckDB store at " + file + ": " + e.getMessage(), e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * A new connection to the same database, for the DuckDB adapters of other ports (analytics). The
   * caller closes it.
   */
  public Connection newConnection() {
    try {
      Connection connection = writer.duplicate();
      connection.setAutoCommit(true);
      return connection;
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to " + file, e);
    }
  }

  @Override
  public synchronized void append(RecordBatch batch) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    long firstSeq = nextSeq;
    try {
      begin();
      nextSeq = records.write(batch, firstSeq);
      commit();
    } catch (SQLException | RuntimeException e) {
      nextSeq = firstSeq;
      rollback();
      throw new StoreException("commit of " + batch.size() + " records failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void forEachEvent(Consumer<StoredEvent> sink) {
    read(RecordReader.EVENTS, rows -> sink.accept(RecordReader.event(rows)));
  }

  @Override
  public void forEachCliCommand(Consumer<StoredCliCommand> sink) {
    read(RecordReader.CLI_COMMANDS, rows -> sink.accept(RecordReader.cliCommand(rows)));
  }

  @Override
  public void forEachError(Consumer<StoredError> sink) {
    read(RecordReader.ERRORS, rows -> sink.accept(RecordReader.error(rows)));
  }

  // ---- Data rights (erasure, retention): both run on the writer connection under the writer lock,
  // so they serialize with appends; each is one short transaction.

  @Override
  public synchronized ErasureReport erase(String contextKey) {
    return inWriteTransaction("erasure", () -> ERASABLE.erase(writer, contextKey));
  }

  @Override
  public synchronized long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    return inWriteTransaction(
        "pruning " + kind.table(), () -> Pruning.prune(writer, kind, cutoff, maxRecords));
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inWriteTransaction(String what, Work<T> work) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    try {
      begin();
      T result = work.run();
      commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollback();
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isWritable() {
    if (closed) {
      return false;
    }
    try (Connection connection = writer.duplicate();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return Files.isWritable(file);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      records.close();
      try (Statement statement = writer.createStatement()) {
        statement.execute("CHECKPOINT");
      } catch (SQLException e) {
        // Another connection still has a transaction open (a rollup refresh the store is closed
        // under): the WAL stays and the next open replays it, so nothing is lost.
        LOG.warn("closing {} without a checkpoint: {}", file, e.getMessage());
      }
      writer.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + file + " failed: " + e.getMessage(), e);
    }
  }

  private interface RowHandler {
    void handle(ResultSet rows) throws SQLException;
  }

  private void read(String query, RowHandler handler) {
    try (Connection connection = writer.duplicate();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        handler.handle(rows);
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  // Transactions are explicit statements, not JDBC's manual-commit mode: in that mode DuckDB's
  // appenders commit each flush on their own, so a batch spanning three tables was not atomic.
  private void begin() throws SQLException {
    try (Statement statement = writer.createStatement()) {
      statement.execute("BEGIN TRANSACTION");
    }
  }

  private void commit() throws SQLException {
    try (Statement statement = writer.createStatement()) {
      statement.execute("COMMIT");
    }
  }

  private void rollback() {
    try (Statement statement = writer.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction left to roll back (DuckDB ends a failed one itself); the error that got us
      // here is the one worth reporting.
    }
    try {
      records.reset();
    } catch (SQLException e) {
      // The next append fails to write and says why.
    }
  }

  private static long maxSeq(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT greatest("
                    + "(SELECT coalesce(max(seq), 0) FROM component_events),"
                    + "(SELECT coalesce(max(seq), 0) FROM cli_commands),"
                    + "(SELECT coalesce(max(seq), 0) FROM error_reports))")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
