package dev.pulse.server.store.duckdb;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.store.Claims;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.DataDirInUseException;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.FileBackup;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.sql.StoredRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The embedded store, whole: the DuckDB file and journal in a data dir, its rollups and disk reserve. */
public final class DuckDbStorage implements Storage {

  private final DuckDbEventStore events;
  private final Claims claims;
  private final FileBackup backup;

  private DuckDbStorage(DuckDbEventStore events) {
    this.events = events;
    this.claims = new DuckDbClaims(events.writes());
    this.backup = new DuckDbBackup(events);
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}, applying pending migrations and replaying
   * the journal, keeping {@code minFreeDiskBytes} free on its disk (0: no reserve).
   *
   * @throws StoreException when the store cannot be opened, or the reserve is not smaller than the
   *     disk ({@link DiskReserve#requireSmallerThanDisk})
   */
  public static DuckDbStorage open(Path dataDir, long minFreeDiskBytes) {
    return open(dataDir, minFreeDiskBytes, CommitObserver.NONE);
  }

  /**
   * As {@link #open(Path, long)}, for a server's many concurrent appends: the journal's writer groups
   * them itself, one {@code fdatasync} for every append waiting, and tells {@code observer} of each group.
   */
  public static DuckDbStorage open(Path dataDir, long minFreeDiskBytes, CommitObserver observer) {
    DiskReserve.requireSmallerThanDisk(dataDir, minFreeDiskBytes);
    return new DuckDbStorage(DuckDbEventStore.open(dataDir, minFreeDiskBytes, observer));
  }

  /**
   * As {@link #open(Path, long)}, with the default reserve, for the tools that read or erase: a disk
   * smaller than the reserve is no reason to refuse them.
   */
  public static DuckDbStorage open(Path dataDir) {
    return new DuckDbStorage(DuckDbEventStore.open(dataDir, DiskSpace.DEFAULT_MIN_FREE_BYTES, CommitObserver.NONE));
  }

  /**
   * Refuses {@code dataDir} when another process holds it (a running server), so that a command can
   * say so before anything else it would check; a dir that does not exist, or that this user may not
   * lock, is left to the command, which says why when it opens the store.
   *
   * @throws DataDirInUseException when another process holds it
   */
  public static void requireNotHeld(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return;
    }
    try (DataDirLock free = DataDirLock.acquire(dataDir)) {
      // free: the command takes it itself
    } catch (IOException cannotAsk) {
      // no permission, a read-only disk
    }
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public AnalyticsSource analytics() {
    return events.rollups();
  }

  /** In the store's file: one process owns it, so its claims are the deployment's, across restarts. */
  @Override
  public Claims claims() {
    return claims;
  }

  @Override
  public boolean holdsRecords() {
    try (Connection connection = events.newConnection()) {
      return StoredRecords.any(connection);
    } catch (SQLException e) {
      throw new StoreException("asking whether " + events.file() + " holds records failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<DiskSpace> disk() {
    return Optional.of(events.diskReserve());
  }

  @Override
  public Optional<FileBackup> backup() {
    return Optional.of(backup);
  }

  /**
   * Folds DuckDB's write-ahead log into the database file now, as the close would, but telling a
   * failure rather than logging it: for a command that says whether the store was left whole. The
   * close that follows then skips the fold.
   *
   * @throws StoreException when it fails (a full disk): every committed record stays in the log, which
   *     the next open of the store applies
   */
  public void foldLog() {
    events.writes().checkpoint();
  }

  @Override
  public void close() {
    events.close();
  }
}
