package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The DuckDB store's writes: journaled batches applied, erasures and prunes, each one transaction on
 * the writer connection, serialized by this object's lock.
 *
 * <p>A write that fails on an I/O error (a full disk) poisons the instance: before anything else
 * runs, it is closed and opened again ({@link DuckDbInstance#reopen}), and the first apply after that
 * reads which seq the database holds, so that the retried batch is applied exactly once whether or
 * not the failed commit reached the disk. Nothing ever runs on a poisoned instance.
 */
final class WriteTransactions {

  /** A unit of work inside a write transaction. */
  interface Work<T> {
    T run(Connection writer) throws SQLException;
  }

  private final Path file;
  private final DuckDbInstance db;
  /** Set by a reopen: the next apply first reads which seq the database holds. */
  private boolean checkAppliedSeq;
  private boolean closed;

  WriteTransactions(Path file, DuckDbInstance db) {
    this.file = file;
    this.db = db;
  }

  /** Applies journaled records: the rows and the applied seq, in one transaction. */
  synchronized void apply(RecordBatch batch, long firstSeq, long lastSeq) {
    reopenIfNeeded();
    if (checkAppliedSeq && alreadyApplied(firstSeq, lastSeq)) {
      return;
    }
    try {
      begin();
      db.records().write(batch, firstSeq);
      try (PreparedStatement update = db.writer().prepareStatement("UPDATE journal_state SET applied_seq = ?")) {
        update.setLong(1, lastSeq);
        update.executeUpdate();
      }
      commit();
    } catch (SQLException | RuntimeException e) {
      failed(e);
      throw failure(String.format(Locale.ROOT, "commit of %,d records", batch.size()), e);
    }
  }

  /** Runs {@code work} in one transaction. */
  synchronized <T> T run(String what, Work<T> work) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    reopenIfNeeded();
    try {
      begin();
      T result = work.run(db.writer());
      commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      failed(e);
      throw failure(what, e);
    }
  }

  /**
   * Reopens the DuckDB instance when a write failed on it (a reader calls this before leasing).
   *
   * @throws StoreException when it cannot be opened now (the disk is still full)
   */
  synchronized void reopenIfNeeded() {
    if (closed || !db.needsReopen()) {
      return;
    }
    try {
      db.reopen();
      checkAppliedSeq = true;
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("reopening the DuckDB database " + file + " failed: " + e.getMessage()
          + "; retrying", e);
    }
  }

  /**
   * Folds DuckDB's write-ahead log into the database file, as a close would, but telling a failure:
   * a bulk load's end, whose records must be said to be safe or not. Does nothing on an instance a
   * failed write poisoned (that failure was told).
   *
   * @throws StoreException when it fails (a full disk): every committed record stays in the log, and
   *     the next open of the store applies it
   */
  synchronized void checkpoint() {
    if (closed || db.needsReopen()) {
      return;
    }
    try {
      db.checkpoint();
    } catch (SQLException e) {
      throw failure("folding DuckDB's write-ahead log into " + file.getFileName(), e);
    }
  }

  /** Closes the instance (checkpointing it when healthy); later writes fail. */
  synchronized void close() throws SQLException {
    closed = true;
    db.close();
  }

  /** The highest seq the database holds. */
  static long appliedSeq(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT applied_seq FROM journal_state")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * After a reopen: whether the database already holds seqs {@code firstSeq..lastSeq} (the commit
   * that failed did reach the disk).
   *
   * @throws StoreException when the database holds neither them nor exactly everything before them
   */
  private boolean alreadyApplied(long firstSeq, long lastSeq) {
    long held;
    try {
      held = appliedSeq(db.writer());
    } catch (SQLException e) {
      failed(e);
      throw new StoreException("reading the applied seq of " + file + " failed: " + e.getMessage(), e);
    }
    if (held != firstSeq - 1 && held != lastSeq) {
      throw new StoreException("the DuckDB database " + file + " holds records up to seq " + held
          + ", the journal expects " + (firstSeq - 1) + " or " + lastSeq + "; keeping the journal");
    }
    checkAppliedSeq = false;
    return held == lastSeq;
  }

  /** A failed write in words; a full disk is named as such, not in DuckDB's words. */
  private StoreException failure(String what, Exception e) {
    return DiskFullException.of(what, file.getParent(), e);
  }

  /** Ends a failed write: poisons the instance, or rolls back when the statement was at fault. */
  private void failed(Exception e) {
    if (e instanceof SQLException && LeasedConnection.poisons(e)) {
      db.poison(e.getMessage());
      return;
    }
    rollback();
  }

  // Transactions are explicit statements, not JDBC's manual-commit mode: in that mode DuckDB's
  // appenders commit each flush on their own, so a batch spanning three tables was not atomic.
  private void begin() throws SQLException {
    try (Statement statement = db.writer().createStatement()) {
      statement.execute("BEGIN TRANSACTION");
    }
  }

  private void commit() throws SQLException {
    try (Statement statement = db.writer().createStatement()) {
      statement.execute("COMMIT");
    }
  }

  private void rollback() {
    executeQuietly("ROLLBACK");
    // Appenders buffer rows and flush them when closed. Replace them inside a transaction that is
    // rolled back: closed outside one, they would commit the failed batch's buffered rows on their own.
    executeQuietly("BEGIN TRANSACTION");
    try {
      db.records().reset();
    } catch (SQLException | RuntimeException e) {
      // The next write resets again first (RecordWriter), failing with the cause while it lasts.
    } finally {
      executeQuietly("ROLLBACK");
    }
  }

  private void executeQuietly(String sql) {
    try (Statement statement = db.writer().createStatement()) {
      statement.execute(sql);
    } catch (SQLException | RuntimeException e) {
      // No transaction to end (DuckDB ends a failed one itself), or the connection is broken: the
      // error that got us here is the one worth reporting.
    }
  }
}
