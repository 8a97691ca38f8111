package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.duckdb.journal.WriteAhead;
import dev.pulse.server.store.sql.Dialect;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The embedded default store: one DuckDB file, {@value #FILE_NAME}, and its journal, {@value
 * #JOURNAL_DIR}/, in the data dir.
 *
 * <p>{@link #append} returns once the records are in the journal ({@link WriteAhead}), whose writer
 * thread syncs every append waiting in one group: concurrent callers need no group commit in front.
 * Another thread applies them to DuckDB behind, many requests per transaction, so that DuckDB's
 * checkpoints (which block commits for most of a second) delay when records become readable, not
 * acknowledgements. Every read first waits until what was acknowledged before it is applied, so
 * readers see their writes. Opening the store replays the journal entries DuckDB does not have. The
 * data dir is held ({@link DataDirLock}) from the open to the close.
 *
 * <p>Writes to DuckDB go through one connection and one set of appenders, serialized by {@link
 * WriteTransactions} (DuckDB has a single writer anyway), which reopens the database after a write
 * failed on it. Reads use their own connections, leased from the current {@link DuckDbInstance}.
 * New records are refused while the disk's free space is below the {@link DiskReserve}.
 */
public final class DuckDbEventStore implements EventStore {

  /** The database file's name under the data dir. */
  public static final String FILE_NAME = "pulse.duckdb";

  /** The journal's directory under the data dir. */
  public static final String JOURNAL_DIR = "journal";

  /** The WAL size past which DuckDB checkpoints on its own. */
  static final String CHECKPOINT_THRESHOLD = "256MB";

  private final Path file;
  private final DuckDbInstance db;
  private final WriteTransactions writes;
  private final DiskReserve reserve;
  private final SqlAnalyticsSource rollups;
  private final DataDirLock lock;
  private final DataRights rights;
  private final WriteAhead writeAhead;
  private volatile boolean closed;

  /** The store over an open database and journal ({@link StoreOpener}), holding the data dir's lock. */
  DuckDbEventStore(Path file, DuckDbInstance db, WriteTransactions writes, WriteAhead writeAhead,
      DiskReserve reserve, Clock clock, DataDirLock lock) {
    this.file = file;
    this.lock = lock;
    this.db = db;
    this.writes = writes;
    this.writeAhead = writeAhead;
    this.reserve = reserve;
    this.rollups = SqlAnalyticsSource.rollups(this::newConnection, this::leaseAsApplied, Dialect.DUCKDB,
        new SeqWatermark(), file.getParent());
    this.rights = new DataRights(writes, writeAhead, clock, rollups);
  }

  /** Opens (creating if needed) the store in a data dir, applying pending migrations and replaying the journal. */
  public static DuckDbEventStore open(Path dataDir) {
    return open(dataDir, DiskReserve.DEFAULT_MIN_FREE_BYTES);
  }

  /** Opens the store in a data dir, keeping {@code minFreeDiskBytes} free on its disk (0: no reserve). */
  public static DuckDbEventStore open(Path dataDir, long minFreeDiskBytes) {
    return open(dataDir, minFreeDiskBytes, CommitObserver.NONE);
  }

  /**
   * Opens the store in a data dir, keeping {@code minFreeDiskBytes} free on its disk (0: no reserve),
   * and telling {@code observer} of every group its journal writes.
   */
  public static DuckDbEventStore open(Path dataDir, long minFreeDiskBytes, CommitObserver observer) {
    return StoreOpener.open(dataDir, WriteAhead.Settings.DEFAULTS, Clock.systemUTC(), minFreeDiskBytes, observer);
  }

  static DuckDbEventStore open(Path dataDir, WriteAhead.Settings journalSettings, Clock clock) {
    return StoreOpener.open(dataDir, journalSettings, clock, 0, CommitObserver.NONE);
  }

  static DuckDbEventStore open(Path dataDir, WriteAhead.Settings journalSettings, Clock clock, long minFreeDiskBytes) {
    return StoreOpener.open(dataDir, journalSettings, clock, minFreeDiskBytes, CommitObserver.NONE);
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * A new connection to the same database, for the DuckDB adapters of other ports (analytics); the
   * caller closes it.
   */
  public Connection newConnection() {
    writeAhead.awaitApplied();
    return leaseAsApplied();
  }

  /** A connection that sees the records applied so far, without waiting for the rest: for rollup queries. */
  private Connection leaseAsApplied() {
    writes.reopenIfNeeded();
    return db.lease();
  }

  /** The free-space reserve on the data dir's disk. */
  public DiskReserve diskReserve() {
    return reserve;
  }

  /**
   * The analytics over this store's rollups: one per store, so that its refreshes (the maintenance
   * task's, the analyses' and the prune's) serialize on one lock.
   */
  public SqlAnalyticsSource rollups() {
    return rollups;
  }

  /** The writer's transactions, for {@link DuckDbBulkLoader}, which writes past the journal. */
  WriteTransactions writes() {
    return writes;
  }

  /** Returns once the records are in the journal; they are applied to DuckDB soon after. */
  @Override
  public void append(RecordBatch batch) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    reserve.check("nothing of this request was stored; retry once space is freed");
    writeAhead.append(batch);
  }

  /** Appends waiting for the journal's writer. */
  @Override
  public int waitingAppends() {
    return writeAhead.waitingAppends();
  }

  /** Records acknowledged and not yet applied to DuckDB. */
  @Override
  public long unappliedRecords() {
    return writeAhead.backlog();
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
  public void forEachReceivedIn(RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    read(RecordReader.receivedIn(kind, from, to), rows -> sink.accept(RecordReader.record(kind, rows)));
  }

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    read(RecordReader.receivedBetween(kind, from, to), rows -> sink.accept(RecordReader.record(kind, rows)));
  }

  @Override
  public ErasureReport erasable(String contextKey) {
    try (Connection connection = newConnection()) {
      return DataRights.erasable(connection, contextKey);
    } catch (SQLException e) {
      throw new StoreException("counting an install's records in " + file + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public ErasureReport erase(String contextKey) {
    return rights.erase(contextKey);
  }

  /** Folds what is new into the rollups first, then deletes only raw records they hold ({@link DataRights}). */
  @Override
  public long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    return rights.pruneOlderThan(kind, cutoff, maxRecords);
  }

  @Override
  public boolean isWritable() {
    // Cheap and non-blocking (readiness asks often): the applier failing covers a broken database.
    return !closed && writeAhead.isHealthy() && !reserve.isLow() && Files.isWritable(file);
  }

  @Override // "available" (the metric) while it takes writes: there is no network to be unreachable
  public boolean reachable() {
    return isWritable();
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
    try {
      writes.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + file + " failed: " + e.getMessage(), e);
    } finally {
      lock.close(); // the data dir is free once DuckDB let go of its file
    }
  }

  private void read(String query, RecordReader.Handler handler) {
    RecordReader.read(this::newConnection, file, query, handler);
  }
}
