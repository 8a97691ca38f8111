package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.FileBackup;
import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store's backup: DuckDB copies its database, in one transaction's snapshot, into a new
 * database file attached beside it ({@code COPY FROM DATABASE}), once every acknowledged record is
 * applied. Appends go on into the journal meanwhile and are applied after. One backup at a time; a
 * second waits for the first.
 */
final class DuckDbBackup implements FileBackup {

  private static final AtomicLong COPIES = new AtomicLong();

  /** DuckDB's block: a copy's tables and indexes are laid out in blocks of this size. */
  private static final long BLOCK = 256 * 1024;

  /**
   * Blocks of a copy beyond one per table: its header, catalog and metadata. Measured: an empty store's
   * copy is 7 blocks and the header (1.8 MB); one of a young store, whose records sit in a 27 KB WAL
   * beside a 12 KB file, 17 blocks and the header (4.5 MB).
   */
  private static final long BASE_BLOCKS = 8;

  private final DuckDbEventStore store;
  private final ReentrantLock oneAtATime = new ReentrantLock();

  DuckDbBackup(DuckDbEventStore store) {
    this.store = store;
  }

  @Override
  public long writeTo(Path file) {
    Path target = file.toAbsolutePath();
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + " exists");
    }
    oneAtATime.lock();
    try {
      checkRoom(target);
      copyInto(target);
      return Files.size(target);
    } catch (IOException | SQLException | RuntimeException e) {
      deleteQuietly(target);
      if (e instanceof StoreException storeFailure) {
        throw storeFailure;
      }
      if (DiskFullException.isDiskFull(e)) {
        throw new NotEnoughDiskException("the disk of " + target.getParent() + " filled up while the backup"
            + " was written (" + e.getMessage().strip() + "); nothing of it was kept");
      }
      throw new StoreException("the backup to " + target + " failed: " + e.getMessage(), e);
    } finally {
      deleteQuietly(wal(target));
      oneAtATime.unlock();
    }
  }

  /**
   * The room a copy takes: what the database file and its WAL hold, and a block for each table besides
   * {@link #BASE_BLOCKS}, since a copy is a checkpointed database whose tables each start in blocks of
   * their own, while a young store holds its records in its WAL. On the store's disk, the reserve stays
   * free besides. The message says no more than the figures: what to do depends on where the caller
   * writes the copy.
   */
  private void checkRoom(Path target) throws IOException, SQLException {
    long needed = Files.size(store.file()) + (Files.exists(wal(store.file())) ? Files.size(wal(store.file())) : 0)
        + (tables() + BASE_BLOCKS) * BLOCK;
    FileStore disk = Files.getFileStore(target.getParent());
    long reserve = disk.equals(Files.getFileStore(store.file())) ? store.diskReserve().minFreeBytes() : 0;
    long free = disk.getUsableSpace();
    if (free < needed + reserve) {
      throw new NotEnoughDiskException("a backup needs about " + megabytesUp(needed) + " free on the disk of "
          + target.getParent() + (reserve > 0 ? " besides the store's reserve of " + megabytes(reserve) : "")
          + ", and " + megabytes(free) + " are free");
    }
  }

  private long tables() throws SQLException {
    try (Connection connection = store.newConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void copyInto(Path target) throws SQLException {
    try (Connection connection = store.newConnection(); Statement statement = connection.createStatement()) {
      String source;
      try (ResultSet rows = statement.executeQuery("SELECT current_database()")) {
        rows.next();
        source = rows.getString(1);
      }
      // A name of its own: a copy whose DETACH failed must not block the next one.
      String alias = "pulse_backup_" + COPIES.incrementAndGet();
      statement.execute("ATTACH '" + target.toString().replace("'", "''") + "' AS " + alias);
      SQLException failure = null;
      try {
        statement.execute("COPY FROM DATABASE \"" + source.replace("\"", "\"\"") + "\" TO " + alias);
      } catch (SQLException e) {
        failure = e;
      }
      // On a statement of its own: DuckDB closes the one whose statement failed.
      try (Statement detach = connection.createStatement()) {
        detach.execute("DETACH " + alias); // checkpoints the copy into its file
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static Path wal(Path database) {
    return database.resolveSibling(database.getFileName() + ".wal");
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** As {@link #megabytes}, rounded up: a room needed is never told smaller than it is. */
  private static String megabytesUp(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", Math.ceil(bytes / 1e5) / 10);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Best effort: the caller's failure is the one to report.
    }
  }
}
