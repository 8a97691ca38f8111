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
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The store for several servers sharing one PostgreSQL database.
 *
 * <p>Each {@link #append} is one transaction on a pooled connection that streams the batch's rows
 * with {@code COPY ... FROM STDIN} (one round trip per table, no per-row statements: {@link
 * Transactions#copy}) and commits with {@code synchronous_commit = on}, so a returned append is on
 * the server's disk. Put {@link GroupCommitStore} in front to commit many requests per transaction.
 * Several servers may append concurrently: {@code seq} comes from a shared sequence.
 *
 * <p>The schema is migrated at open ({@link Schema}). Thread-safe.
 */
public final class PostgresEventStore implements EventStore {

  /** Pooled connections: three for the group-commit writers, the rest for reads and data rights. */
  public static final int DEFAULT_POOL_SIZE = 8;

  private static final int CONCURRENT_COMMITS = 3;
  /** What a reader is told when a read fails: an outage is by far the likeliest cause. */
  static final String OUTAGE_FOR_READERS = "the store cannot answer now: PostgreSQL may be down or unreachable";

  private final StoreLocation.Postgres location;
  private final HikariDataSource pool;
  private final Transactions transactions;
  private final SqlAnalyticsSource rollups;
  private final DayPartitions partitions = new DayPartitions();
  private volatile boolean closed;

  private PostgresEventStore(StoreLocation.Postgres location, HikariDataSource pool) {
    this.location = location;
    String database = FullDisk.database(location); // in words, for a full disk
    this.pool = pool;
    this.transactions = new Transactions(pool, database);
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
    transactions.copy(batch);
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
    return inTransaction("counting an install's records", connection -> Erasure.count(connection, contextKey));
  }

  @Override
  public ErasureReport erase(String contextKey) {
    return inTransaction("erasure", connection -> Erasure.erase(connection, contextKey));
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

  private <T> T inTransaction(String what, Transactions.Work<T> work) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    return transactions.run(what, work);
  }

  private void read(String query, RowReader.Handler handler) {
    RowReader.read(pool, "reading " + location, query, handler);
  }
}
