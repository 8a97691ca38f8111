package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open DuckDB database of a store, which can be thrown away and opened again.
 *
 * <p>Why: a DuckDB instance that saw an I/O failure mid-write (a full disk) keeps broken state in
 * memory. Used again, it wrote garbage rows, lost committed ones and crashed the JVM inside a later
 * query. So once a write failed ({@link #poison}), nothing runs on the instance any more: {@link
 * #reopen} closes every connection of it (DuckDB keeps one instance per file for as long as any of its
 * connections is open, so all must go, including those {@link #lease}d to readers) without the
 * checkpoint DuckDB would do at shutdown, and opens the file again, which replays DuckDB's own WAL.
 *
 * <p>The writer connection and its appenders are used under the owning store's lock; {@link #reopen}
 * must be called under it too. Leases are thread-safe.
 */
final class DuckDbInstance implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DuckDbInstance.class);
  /** How long a reopen lets readers finish their queries before it closes their connections. */
  private static final Duration DRAIN = Duration.ofSeconds(5);
  /** How long a reader waits for a reopen under way. */
  private static final Duration LEASE_WAIT = Duration.ofSeconds(30);

  private final Path file;
  private final Set<Connection> leases = new HashSet<>();
  private DuckDBConnection writer;
  private RecordWriter records;
  private boolean reopening;
  private volatile boolean poisoned;
  private volatile boolean open;

  DuckDbInstance(Path file) {
    this.file = file;
  }

  /** Opens the file (applying pending migrations): the writer connection, its settings, appenders. */
  synchronized void open() throws SQLException {
    NativeLibrary.load();
    DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
    try (Statement statement = connection.createStatement()) {
      new Migrations(Migrations.DEFAULT_INDEX).apply(connection);
      // DuckDB checkpoints (rewrites the WAL into the file, blocking the writer) whenever the WAL
      // passes this size; the default 16 MB means a stall every few thousand requests under load.
      // 256 MB measured 1.4x the sustained append rate; the price is a longer WAL replay after a
      // crash (seconds), and close() checkpoints anyway.
      statement.execute("SET checkpoint_threshold = '" + DuckDbEventStore.CHECKPOINT_THRESHOLD + "'");
      records = new RecordWriter(connection);
    } catch (NoStoreException e) {
      connection.close();
      throw new NoStoreException("the DuckDB file " + file + " is not Pulse's: " + e.getMessage());
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    writer = connection;
    poisoned = false;
    open = true;
  }

  /** The writer connection (under the store's lock). */
  DuckDBConnection writer() {
    if (!open) {
      throw new StoreException("the DuckDB database " + file + " is closed after a write failure; retry later");
    }
    return writer;
  }

  /** The writer's appenders (under the store's lock). */
  RecordWriter records() {
    writer();
    return records;
  }

  /** Whether the instance must be reopened before it is used again. */
  boolean needsReopen() {
    return poisoned || !open;
  }

  /** Marks the instance as broken by a failed write: it is reopened before its next use. */
  void poison(String why) {
    if (!poisoned) {
      LOG.warn("DuckDB database {} failed to write ({}); it is closed and opened again before its next use",
          file, DiskFullException.isDiskFull(why) ? DiskFullException.describe(file.getParent())
              : StoreException.readable(why));
    }
    poisoned = true;
  }

  /**
   * Closes every connection of the instance, without checkpointing its in-memory state, and opens the
   * file again. Call under the store's lock. When the open fails, the instance stays closed and the
   * next call tries again.
   */
  void reopen() throws SQLException {
    poisoned = true;
    synchronized (this) {
      reopening = true;
      try {
        if (open) {
          drainLeases();
          discard();
        }
        open();
        LOG.info("DuckDB database {} opened again after a write failure", file);
      } finally {
        reopening = false;
        notifyAll();
      }
    }
  }

  /**
   * A new connection to the database for a reader, closed by the caller. It is tracked so that a
   * reopen can close it, and it poisons the instance when a statement on it fails to write.
   */
  Connection lease() {
    long deadline = System.nanoTime() + LEASE_WAIT.toNanos();
    synchronized (this) {
      try {
        while (reopening) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new StoreException("the DuckDB database " + file + " is being reopened; retry later");
          }
          wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for the DuckDB database to reopen");
      }
      if (poisoned || !open) {
        throw new StoreException(
            "the DuckDB database " + file + " is being reopened after a write failure; retry later");
      }
      try {
        Connection connection = writer.duplicate();
        connection.setAutoCommit(true);
        leases.add(connection);
        return LeasedConnection.wrap(connection, this);
      } catch (SQLException e) {
        throw new StoreException("cannot open a connection to " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** A leased connection was closed by its user. */
  synchronized void returned(Connection connection) {
    leases.remove(connection);
    notifyAll();
  }

  /**
   * Folds DuckDB's write-ahead log into the file now. Under the store's lock. When that fails (a full
   * disk), the log stays whole for the next open to apply, and the instance is poisoned: after DuckDB's
   * FATAL error it is unusable, and its close must not try again.
   */
  synchronized void checkpoint() throws SQLException {
    try (Statement statement = writer().createStatement()) {
      statement.execute("CHECKPOINT");
    } catch (SQLException e) {
      poisoned = true; // not logged: the caller reports it
      throw e;
    }
  }

  /** Closes the instance cleanly (with a checkpoint when it is healthy). Under the store's lock. */
  @Override
  public synchronized void close() throws SQLException {
    if (!open) {
      return;
    }
    if (poisoned) {
      discard();
      return;
    }
    open = false;
    records.close();
    try (Statement statement = writer.createStatement()) {
      statement.execute("CHECKPOINT");
    } catch (SQLException e) {
      // A full disk, or another connection with a transaction open (a rollup refresh the store is
      // closed under): the WAL stays and the next open replays it, so nothing is lost.
      LOG.warn("closing {} without folding DuckDB's write-ahead log into it: {}; nothing is lost: the records are kept"
          + " in that log, which the store applies when it next opens", file, DiskFullException.isDiskFull(e)
          ? DiskFullException.describe(file.getParent()) : StoreException.readable(e.getMessage()));
    }
    writer.close();
  }

  private void drainLeases() {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    try {
      while (!leases.isEmpty() && System.nanoTime() < deadline) {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection connection : leases) {
      closeQuietly(connection);
    }
    leases.clear();
  }

  /** Drops the instance: no checkpoint, no commit of anything the appenders still buffer. */
  private void discard() {
    open = false;
    // The in-memory state may be broken: it must not be written into the file at shutdown.
    executeQuietly("PRAGMA disable_checkpoint_on_shutdown");
    executeQuietly("ROLLBACK");
    // Appenders flush what they buffer when closed: inside a transaction that is then rolled back,
    // that commits nothing (the applied seq and the rows stay one transaction).
    executeQuietly("BEGIN TRANSACTION");
    try {
      records.close();
    } catch (SQLException | RuntimeException e) {
      // Being thrown away.
    }
    executeQuietly("ROLLBACK");
    closeQuietly(writer);
  }

  private void executeQuietly(String sql) {
    try (Statement statement = writer.createStatement()) {
      statement.execute(sql);
    } catch (SQLException | RuntimeException e) {
      // The instance is broken; what matters is that it is closed.
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // Closing is all that is left to do with it.
    }
  }
}
