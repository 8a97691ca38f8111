package dev.pulse.server.store.postgres;

import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL store's bulk path: each batch is one transaction of {@code COPY ... FROM STDIN}
 * per table, like {@link PostgresEventStore#append}, on one connection kept for the whole load,
 * while the next batch is being prepared: {@link #load} hands the batch to {@link CopyPipeline}'s
 * thread and returns, so the caller builds the next batch while the database writes this one. At
 * most one batch is in flight; a failure surfaces at the next call. Reads and the rollup refresh
 * first wait for the batch in flight, so they see every batch loaded before them.
 */
public final class PostgresBulkLoader implements BulkLoader {

  private final PostgresEventStore store;
  private final Connection connection;
  private final CopyManager copy;
  private final CopyPipeline pipeline = new CopyPipeline();
  private boolean closed;

  private PostgresBulkLoader(PostgresEventStore store, Connection connection) throws SQLException {
    this.store = store;
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
  }

  /**
   * Connects to the database, migrating its schema as the server does.
   *
   * @throws dev.pulse.server.store.StoreException when the store cannot be opened
   */
  public static PostgresBulkLoader open(StoreLocation.Postgres location) {
    PostgresEventStore store = PostgresEventStore.open(location);
    Connection connection = null;
    try {
      connection = store.dataSource().getConnection();
      return new PostgresBulkLoader(store, connection);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      store.close();
      throw ContentErrors.classify("connecting to " + location, e);
    }
  }

  /** Hands the batch to the writing thread; returns once the batch before it is committed. */
  @Override
  public void load(RecordBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (store.hasMissingPartitions(batch)) {
      // Creating a partition locks its table: not while the batch in flight holds it.
      pipeline.await();
      store.ensurePartitions(batch);
    }
    // Built here, on the caller's thread, while the previous batch is still being written.
    String events = CopyRows.events(batch);
    String cliCommands = CopyRows.cliCommands(batch);
    String errors = CopyRows.errors(batch);
    pipeline.submit("commit of " + batch.size() + " records", () -> write(events, cliCommands, errors));
  }

  private void write(String events, String cliCommands, String errors) throws SQLException {
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

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    pipeline.await();
    store.forEachReceivedBetween(kind, from, to, sink);
  }

  @Override
  public long refreshRollups() {
    pipeline.await();
    return PostgresAnalyticsSource.rollups(store).refresh();
  }

  /** Waits for the batch in flight, then closes the connection and the store. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pipeline.close();
    } finally {
      closeQuietly(connection);
      store.close();
    }
  }

  @Override
  public String toString() {
    return store.toString();
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing the pool next releases it anyway.
    }
  }
}
