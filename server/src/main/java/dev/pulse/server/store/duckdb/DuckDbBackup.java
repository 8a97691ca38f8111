package dev.pulse.server.store.duckdb;

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
      if (DiskReserve.isDiskFull(e)) {
        throw new NotEnoughDiskException("the disk of " + target.getParent() + " filled up while the backup"
            + " was written (" + e.getMessage().strip() + "); nothing of it was kept: free some space, or back up"
            + " to another disk");
      }
      throw new StoreException("the backup to " + target + " failed: " + e.getMessage(), e);
    } finally {
      deleteQuietly(wal(target));
      oneAtATime.unlock();
    }
  }

  /** The copy takes about what the database file and its WAL hold; on the store's disk, the reserve stays. */
  private void checkRoom(Path target) throws IOException {
    long needed = Files.size(store.file()) + (Files.exists(wal(store.file())) ? Files.size(wal(store.file())) : 0);
    FileStore disk = Files.getFileStore(target.getParent());
    long reserve = disk.equals(Files.getFileStore(store.file())) ? store.diskReserve().minFreeBytes() : 0;
    long free = disk.getUsableSpace();
    if (free < needed + reserve) {
      throw new NotEnoughDiskException("a backup needs about " + megabytes(needed) + " free on the disk of "
          + target.getParent() + (reserve > 0 ? " besides the store's reserve of " + megabytes(reserve) : "")
          + ", and " + megabytes(free) + " are free: free some space, or back up to another disk");
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

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Best effort: the caller's failure is the one to report.
    }
  }
}
