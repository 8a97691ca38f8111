package dev.pulse.server.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.sql.ErasableTables;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The store for several servers sharing one PostgreSQL database.
 *
 * <p>Each {@link #append} is one transaction on a pooled connection that streams the batch's rows
 * with {@code COPY ... FROM STDIN} (one round trip per table, no per-row statements) and commits
 * with {@code synchronous_commit = on}, so a returned append is on the server's disk. Put {@link
 * GroupCommitStore} in front to commit many requests per transaction.
 * Several servers may append concurrently: {@code seq} comes from a shared sequence.
 *
 * <p>The schema is migrated at open ({@link Schema}). Thread-safe.
 */
public final class PostgresEventStore implements EventStore {

  /** Pooled connections: three for the group-commit writers, the rest for reads and data rights. */
  public static final int DEFAULT_POOL_SIZE = 8;

  private static final ErasableTables ERASABLE =
      ErasableTables.load("/db/postgresql/erasable-tables.list");
  private static final int CONCURRENT_COMMITS = 3;
  /** What a reader is told when a read fails: an outage is by far the likeliest cause. */
  static final String OUTAGE_FOR_READERS = "the store cannot answer now: PostgreSQL may be down or unreachable";

  private final StoreLocation.Postgres location;
  private final String database; // in words, for a full disk
  private final HikariDataSource pool;
  private final SqlAnalyticsSource rollups;
  private final DayPartitions partitions = new DayPartitions();
  private volatile boolean closed;

  private PostgresEventStore(StoreLocation.Postgres location, HikariDataSource pool) {
    this.location = location;
    this.database = FullDisk.database(location);
    this.pool = pool;
    this.rollups = PostgresAnalyticsSource.rollupsOver(pool, location.toString(), database);
  }

  /** Connects, migrates the schema to the newest version, and returns the open store. */
  public static PostgresEventStore open(StoreLocation.Postgres location) {
    return open(location, DEFAULT_POOL_SIZE, false);
  }

  /** As {@link #open(StoreLocation.Postgres)}, with {@code poolSize} connections at most. */
  public static PostgresEventStore open(StoreLocation.Postgres location, int poolSize) {
    return open(location, poolSize, false);
  }

  /**
   * As {@link #open(StoreLocation.Postgres)}, for a command that only reads or erases: a database
   * without a Pulse store is refused ({@link NoStoreException}) and left untouched.
   */
  public static PostgresEventStore openExisting(StoreLocation.Postgres location) {
    return open(location, DEFAULT_POOL_SIZE, true);
  }

  private static PostgresEventStore open(StoreLocation.Postgres location, int poolSize, boolean existingOnly) {
    if (poolSize < CONCURRENT_COMMITS + 1) {
      throw new IllegalArgumentException(
          "poolSize must be at least " + (CONCURRENT_COMMITS + 1) + ": " + poolSize);
    }
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(PoolSettings.of(location, poolSize));
      Schema.migrate(pool, location, existingOnly);
      PostgresEventStore store = new PostgresEventStore(location, pool);
      store.inTransaction("creating day partitions", c -> store.partitions.createAhead(c, Instant.now()));
      return store;
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (e instanceof NoStoreException) {
        throw e;
      }
      throw OpenFailures.of(location, e);
    }
  }

  /**
   * {@value #CONCURRENT_COMMITS}: with one group-commit writer the database idles while the next
   * group is built and sent; three writers doubled throughput in the store benchmark
   * (docs/performance.md), and leave most of the pool to reads.
   */
  @Override
  public int concurrentCommits() {
    return CONCURRENT_COMMITS;
  }

  /**
   * The analytics over this store's rollups: one per store, so that its refreshes (the maintenance
   * task's, the analyses' and the prune's) serialize on one lock.
   */
  public SqlAnalyticsSource rollups() {
    return rollups;
  }

  /** The pool, for the PostgreSQL adapters of other ports (analytics). Connections are manual-commit. */
  public DataSource dataSource() {
    return pool;
  }

  /** Whether a record of the batch falls on a day whose partition this store has not seen yet. */
  boolean hasMissingPartitions(RecordBatch batch) {
    return !partitions.missingDays(batch).isEmpty();
  }

  /**
   * The day partitions of every record in the batch, created if missing (a no-op once known), with
   * those of the {@code followingDays} days after the last missing one.
   */
  void ensurePartitions(RecordBatch batch, int followingDays) {
    List<LocalDate> missing = DayPartitions.withFollowing(partitions.missingDays(batch), followingDays);
    if (!missing.isEmpty()) {
      // In a transaction of its own: creating a partition locks the whole table for a moment.
      inTransaction("creating day partitions", c -> { partitions.create(c, missing); return null; });
    }
  }

  @Override
  public void append(RecordBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (closed) {
      throw new StoreException("the store is closed");
    }
    ensurePartitions(batch, 0);
    String what = CommitOutcome.commitOf(batch.size());
    long transactionId;
    boolean committed = false;
    try (Connection connection = pool.getConnection()) {
      try {
        PoolSettings.limitWaits(connection, PoolSettings.COMMIT_TIMEOUT);
        transactionId = CommitOutcome.idOf(connection);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        CopyRows.copyIn(copy, CopyRows.EVENTS, CopyRows.events(batch));
        CopyRows.copyIn(copy, CopyRows.CLI_COMMANDS, CopyRows.cliCommands(batch));
        CopyRows.copyIn(copy, CopyRows.ERRORS, CopyRows.errors(batch));
      } catch (SQLException | RuntimeException e) {
        rollback(connection);
        throw e;
      }
      try {
        connection.commit();
      } catch (SQLException e) {
        CommitOutcome.confirm(pool, what, transactionId, e, database);
      }
      committed = true;
    } catch (SQLException | RuntimeException e) {
      if (committed) {
        return; // only giving the connection back failed
      }
      // Thrown before COMMIT was sent (or by committedAnyway): nothing of the batch is stored.
      throw ContentErrors.classify(what, e, database);
    }
  }

  @Override
  public void forEachEvent(Consumer<StoredEvent> sink) {
    read(RowReader.EVENTS, rows -> sink.accept(RowReader.event(rows)));
  }

  @Override
  public void forEachCliCommand(Consumer<StoredCliCommand> sink) {
    read(RowReader.CLI_COMMANDS, rows -> sink.accept(RowReader.cliCommand(rows)));
  }

  @Override
  public void forEachError(Consumer<StoredError> sink) {
    read(RowReader.ERRORS, rows -> sink.accept(RowReader.error(rows)));
  }

  @Override
  public void forEachReceivedIn(RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    read(RowReader.receivedIn(kind, from, to), rows -> sink.accept(RowReader.record(kind, rows)));
  }

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    read(RowReader.receivedBetween(kind, from, to), rows -> sink.accept(RowReader.record(kind, rows)));
  }

  @Override
  public ErasureReport erasable(String contextKey) {
    return inTransaction("counting an install's records", connection -> ERASABLE.count(connection, contextKey));
  }

  @Override
  public ErasureReport erase(String contextKey) {
    return inTransaction(
        "erasure",
        connection -> {
          // Not while a rollup refresh may be recomputing this install from the records being erased.
          try (Statement lock = connection.createStatement()) {
            SnapshotWatermark.lockRollups(lock);
          }
          return ERASABLE.erase(connection, contextKey);
        });
  }

  /**
   * Folds what is new into the rollups first; then drops whole day partitions older than the cutoff
   * and deletes rows of the cutoff's day, only those the rollups hold: may return more than {@code
   * maxRecords} ({@link DayPartitions#prune}).
   */
  @Override
  public long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
    }
    rollups.refresh();
    return inTransaction("pruning " + kind.table(),
        connection -> partitions.prune(connection, kind, cutoff, maxRecords, Instant.now()));
  }

  @Override
  public String whyReadsMayFail() {
    return OUTAGE_FOR_READERS;
  }

  @Override
  public boolean isWritable() {
    return !closed && PoolSettings.answersAsPrimary(pool);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.close();
  }

  @Override
  public String toString() {
    return location.toString();
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inTransaction(String what, Work<T> work) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    try (Connection connection = pool.getConnection()) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      throw ContentErrors.classify(what, e, database);
    }
  }

  private static void rollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original error is the one to report; the pool discards a broken connection.
    }
  }

  private void read(String query, RowReader.Handler handler) {
    RowReader.read(pool, "reading " + location, query, handler);
  }
}
