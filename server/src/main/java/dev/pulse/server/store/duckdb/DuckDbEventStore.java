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
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.journal.WriteAhead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one DuckDB file, {@value #FILE_NAME}, and its journal, {@value
 * #JOURNAL_DIR}/, in the data dir.
 *
 * <p>{@link #append} returns once the records are in the journal ({@link WriteAhead}); a thread
 * applies them to DuckDB behind, many requests per transaction, so that DuckDB's checkpoints (which
 * block commits for most of a second) delay when records become readable, not acknowledgements.
 * Every read first waits until what was acknowledged before it is applied, so readers see their
 * writes. Opening the store replays the journal entries DuckDB does not have.
 *
 * <p>Writes to DuckDB go through one connection and one set of appenders, serialized by this
 * object's lock (DuckDB has a single writer anyway). Reads use their own connections.
 */
public final class DuckDbEventStore implements EventStore {

  /** The database file's name under the data dir. */
  public static final String FILE_NAME = "pulse.duckdb";

  /** The journal's directory under the data dir. */
  public static final String JOURNAL_DIR = "journal";

  /** The WAL size past which DuckDB checkpoints on its own. */
  static final String CHECKPOINT_THRESHOLD = "256MB";

  private static final Logger LOG = LoggerFactory.getLogger(DuckDbEventStore.class);

  private static final ErasableTables ERASABLE = ErasableTables.load("/db/duckdb/erasable-tables.list");

  private final Path file;
  private final DuckDBConnection writer;
  private final RecordWriter records;
  private final Clock clock;
  /** Set once by {@link #open}, after the replay it needs this store for. */
  private WriteAhead writeAhead;
  private volatile boolean closed;

  private DuckDbEventStore(Path file, DuckDBConnection writer, Clock clock) throws SQLException {
    this.file = file;
    this.writer = writer;
    this.clock = clock;
    this.records = new RecordWriter(writer);
  }

  /**
   * Opens (creating if needed) the store in a data dir, applying pending migrations and replaying the
   * journal.
   */
  public static DuckDbEventStore open(Path dataDir) {
    return open(dataDir, WriteAhead.Settings.DEFAULTS, Clock.systemUTC());
  }

  static DuckDbEventStore open(Path dataDir, WriteAhead.Settings journalSettings, Clock clock) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
      DuckDBConnection connection =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
      try {
        new Migrations(Migrations.DEFAULT_INDEX).apply(connection);
        try (Statement statement = connection.createStatement()) {
          // DuckDB checkpoints (rewrites the WAL into the file, blocking the writer) whenever the WAL
          // passes this size; the default 16 MB means a stall every few thousand requests under load.
          // 256 MB measured 1.4x the sustained append rate; the price is a longer WAL replay after a
          // crash (seconds), and close() checkpoints anyway.
          statement.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
        }
        DuckDbEventStore store = new DuckDbEventStore(file, connection, clock);
        store.writeAhead = WriteAhead.open(
            dataDir.resolve(JOURNAL_DIR), appliedSeq(connection), store::apply, journalSettings, clock);
        return store;
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
    writeAhead.awaitApplied();
    try {
      Connection connection = writer.duplicate();
      connection.setAutoCommit(true);
      return connection;
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to " + file, e);
    }
  }

  /** Returns once the records are in the journal; they are applied to DuckDB soon after. */
  @Override
  public void append(RecordBatch batch) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    writeAhead.append(batch);
  }

  /** Records acknowledged and not yet applied to DuckDB. */
  @Override
  public long unappliedRecords() {
    return writeAhead.backlog();
  }

  /** Applies journaled records: the rows and the applied seq, in one transaction. */
  private synchronized void apply(RecordBatch batch, long firstSeq, long lastSeq) {
    try {
      begin();
      records.write(batch, firstSeq);
      try (PreparedStatement update = writer.prepareStatement("UPDATE journal_state SET applied_seq = ?")) {
        update.setLong(1, lastSeq);
        update.executeUpdate();
      }
      commit();
    } catch (SQLException | RuntimeException e) {
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

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    read(RecordReader.receivedBetween(kind, from, to), rows -> sink.accept(RecordReader.record(kind, rows)));
  }

  @Override
  public ErasureReport erasable(String contextKey) {
    writeAhead.awaitApplied();
    try (Connection connection = writer.duplicate()) {
      return ERASABLE.count(connection, contextKey);
    } catch (SQLException e) {
      throw new StoreException("counting an install's records in " + file + " failed: " + e.getMessage(), e);
    }
  }

  // ---- Data rights (erasure, retention): both wait for what was acknowledged, then run on the
  // writer connection under the writer lock, so they serialize with applies; each is one short
  // transaction. Both then close the journal segment that may hold the deleted records, so that it
  // is deleted once applied instead of keeping them.
  @Override
  public ErasureReport erase(String contextKey) {
    writeAhead.awaitApplied();
    ErasureReport report;
    synchronized (this) {
      report = inWriteTransaction("erasure", () -> ERASABLE.erase(writer, contextKey));
    }
    writeAhead.removedBefore(clock.instant());
    return report;
  }

  @Override
  public long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    writeAhead.awaitApplied();
    long pruned;
    synchronized (this) {
      pruned = inWriteTransaction(
          "pruning " + kind.table(), () -> Pruning.prune(writer, kind, cutoff, maxRecords));
    }
    writeAhead.removedBefore(cutoff);
    return pruned;
  }

  /**
   * Tells the store that raw records received before {@code cutoff} were deleted on one of its
   * connections (the rollups' raw prune), so that no journal segment keeps a copy of them.
   */
  public void rawRecordsRemovedBefore(Instant cutoff) {
    writeAhead.removedBefore(cutoff);
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
    if (closed || !writeAhead.isHealthy()) {
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
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    // Outside the lock: the journal's applier takes it to apply what is left.
    writeAhead.close();
    closeDatabase();
  }

  private synchronized void closeDatabase() {
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
    writeAhead.awaitApplied();
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
    executeQuietly("ROLLBACK");
    // Appenders buffer rows and flush them when closed. Replace them inside a transaction that is
    // rolled back: closed outside one, they would commit the failed batch's buffered rows on their own.
    executeQuietly("BEGIN TRANSACTION");
    try {
      records.reset();
    } catch (SQLException e) {
      // The next write fails and says why.
    } finally {
      executeQuietly("ROLLBACK");
    }
  }

  private void executeQuietly(String sql) {
    try (Statement statement = writer.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      // No transaction to end (DuckDB ends a failed one itself), or the connection is broken: the
      // error that got us here is the one worth reporting.
    }
  }

  private static long appliedSeq(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT applied_seq FROM journal_state")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
