package dev.pulse.server.store.postgres;

import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.Claims;
import dev.pulse.server.store.LoadPipeline;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.sql.StoredRecords;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL store's bulk path: each batch is one transaction of {@code COPY ... FROM STDIN}
 * per table, like {@link PostgresEventStore#append}, on a connection of the store's pool, while the
 * next batches are being prepared: {@link #load} hands the batch to a {@link LoadPipeline} and
 * returns, so the caller builds the next batch while the database writes this one. A PostgreSQL
 * backend runs one COPY on one core, so {@value #LANES} batches are written at once, each in its own
 * transaction; a failure surfaces at a later call. Reads and the rollup refresh first wait for the
 * batches in flight, so they see every batch loaded before them.
 */
public final class PostgresBulkLoader implements BulkLoader {

  /** Batches written at once, each by its own backend. */
  static final int LANES = 2;

  /**
   * Days past a batch's new ones whose partitions are created with theirs: creating one waits for
   * the batches in flight (it locks the table), so a load moving forward in time waits once a month.
   */
  private static final int PARTITIONS_AHEAD = 31;

  private final PostgresEventStore store;
  private final LoadPipeline pipeline;

  private PostgresBulkLoader(PostgresEventStore store, String database) {
    this.store = store;
    this.pipeline = new LoadPipeline("pulse-bulk-copy", LANES, (what, e) -> ContentErrors.classify(what, e, database));
  }

  /**
   * Connects to the database, migrating its schema as the server does.
   *
   * @throws dev.pulse.server.store.StoreException when the store cannot be opened
   */
  public static PostgresBulkLoader open(StoreLocation.Postgres location) {
    return new PostgresBulkLoader(PostgresEventStore.open(location), FullDisk.database(location));
  }

  @Override
  public Claims claims() {
    return new PostgresClaims(store.dataSource());
  }

  /** 50,000: COPY streams a batch of any size, and this one keeps its rows about 10 MB. */
  @Override
  public int batchSize() {
    return 50_000;
  }

  /** Hands the batch to a writing thread; returns once a lane is free for it. */
  @Override
  public void load(RecordBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (store.hasMissingPartitions(batch)) {
      // Creating a partition locks its table: not while a batch in flight holds it.
      pipeline.await();
      store.ensurePartitions(batch, PARTITIONS_AHEAD);
    }
    // Built here, on the caller's thread, while the previous batch is still being written.
    CopyBuffer events = CopyRows.events(batch);
    CopyBuffer cliCommands = CopyRows.cliCommands(batch);
    CopyBuffer errors = CopyRows.errors(batch);
    pipeline.submit(CommitOutcome.commitOf(batch.size()), batch.size(), () -> write(events, cliCommands, errors));
  }

  private void write(CopyBuffer events, CopyBuffer cliCommands, CopyBuffer errors) throws SQLException {
    try (Connection connection = store.dataSource().getConnection()) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      try {
        CopyRows.copyIn(copy, CopyRows.EVENTS, events);
        CopyRows.copyIn(copy, CopyRows.CLI_COMMANDS, cliCommands);
        CopyRows.copyIn(copy, CopyRows.ERRORS, errors);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // The failure being reported is the COPY's.
        }
        throw e;
      }
    }
  }

  @Override
  public void flush() {
    pipeline.await();
  }

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    pipeline.await();
    store.forEachReceivedBetween(kind, from, to, sink);
  }

  @Override
  public boolean holdsRecords() {
    pipeline.await();
    try (Connection connection = store.dataSource().getConnection()) {
      return StoredRecords.any(connection);
    } catch (SQLException e) {
      throw ConnectionFailures.of("asking whether the store holds records", e, false);
    }
  }

  @Override
  public long halt(long waitSeconds) {
    return pipeline.halt(waitSeconds);
  }

  @Override
  public long refreshRollups() {
    pipeline.await();
    return PostgresAnalyticsSource.rollups(store).refresh();
  }

  /** Waits for the batches in flight, then closes the store. Idempotent. */
  @Override
  public void close() {
    pipeline.close(store::close);
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
