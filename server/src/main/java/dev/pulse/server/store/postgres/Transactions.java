package dev.pulse.server.store.postgres;

import dev.pulse.server.store.RecordBatch;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The store's transactions, each on a connection of the pool: a unit of work ({@link #run}), or a
 * batch's rows streamed with {@code COPY ... FROM STDIN} ({@link #copy}). Either commits, or rolls
 * back and throws its failure classified ({@link ContentErrors}) with the database named in words
 * should its disk be full. Thread-safe: each call takes a connection of its own.
 */
final class Transactions {

  /** What runs inside one transaction; the transaction commits when it returns. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource pool;
  private final String database; // in words, for a full disk

  Transactions(DataSource pool, String database) {
    this.pool = pool;
    this.database = database;
  }

  /** Runs {@code work} in one transaction and commits it; {@code what} names it in a failure. */
  <T> T run(String what, Work<T> work) {
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

  /**
   * Writes the batch in one transaction: one {@code COPY} per table (one round trip each, no per-row
   * statements), then the commit. A connection lost while the commit was under way is asked about
   * ({@link CommitOutcome}): the batch may have been stored after all, and then this returns.
   */
  void copy(RecordBatch batch) {
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

  private static void rollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original error is the one to report; the pool discards a broken connection.
    }
  }
}
