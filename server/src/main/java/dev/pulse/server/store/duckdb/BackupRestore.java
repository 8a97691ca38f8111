package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.DataDirectories;
import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a backup ({@link DuckDbBackup}'s copy) in place as the store of an empty data dir: checked to
 * be Pulse's database first, copied beside its place, flushed to disk, renamed, then opened once as a
 * store (which migrates a copy from an older version).
 */
public final class BackupRestore {

  /** What the restored store holds. */
  public record Restored(long events, long cliCommands, long errors) {}

  /** What every DuckDB database file holds at {@link #DUCKDB_MAGIC_OFFSET}, after its header's checksum. */
  private static final byte[] DUCKDB_MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
  private static final int DUCKDB_MAGIC_OFFSET = 8;

  private BackupRestore() {}

  /**
   * Restores {@code backup} into {@code dataDir}, holding the data dir throughout ({@link DataDirLock}):
   * a dir another process holds is refused, even with its store moved away.
   *
   * @throws IllegalArgumentException when {@code backup} is not a Pulse database file, or the data dir
   *     holds a store already (the message says which)
   * @throws dev.pulse.server.store.DataDirInUseException when another process holds the data dir
   * @throws StoreException when copying or opening failed; nothing is left in the data dir then
   */
  public static Restored restore(Path backup, Path dataDir) {
    requireReadable(backup);
    boolean madeDir = !Files.exists(dataDir);
    DataDirLock lock;
    try {
      DataDirectories.create(dataDir);
      lock = DataDirLock.acquire(dataDir);
    } catch (IOException | RuntimeException e) {
      if (madeDir) {
        undo(dataDir, true);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StoreException("restoring " + backup + " into " + dataDir + " failed: " + why(e), e);
    }
    try (lock) {
      return restoreHeld(backup, dataDir, madeDir);
    }
  }

  private static Restored restoreHeld(Path backup, Path dataDir, boolean madeDir) {
    Path database = dataDir.resolve(DuckDbEventStore.FILE_NAME);
    if (Files.exists(database) || holdsFiles(dataDir.resolve(DuckDbEventStore.JOURNAL_DIR))) {
      throw new IllegalArgumentException(dataDir + " holds a store already: restore into an empty data dir, or"
          + " move its " + DuckDbEventStore.FILE_NAME + " and " + DuckDbEventStore.JOURNAL_DIR + "/ away first");
    }
    Restored counts;
    try {
      counts = check(backup);
    } catch (RuntimeException e) {
      undo(dataDir, madeDir);
      throw e;
    }
    Path part = dataDir.resolve(DuckDbEventStore.FILE_NAME + ".part");
    try {
      Files.copy(backup, part, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(part, database, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      undo(dataDir, madeDir);
      throw new StoreException("restoring " + backup + " into " + dataDir + " failed: " + why(e), e);
    }
    try {
      DuckDbEventStore.open(dataDir).close();
    } catch (RuntimeException e) {
      undo(dataDir, madeDir);
      // Its tables were read, so the file is DuckDB's and Pulse's: a block that does not read is damage.
      throw new IllegalArgumentException(backup + " could not be opened as a store ("
          + StoreException.readable(String.valueOf(e.getMessage())).lines().findFirst().orElse("")
          + "): the file may be damaged; give another backup (an earlier one, or a new pulse backup)", e);
    }
    return counts;
  }

  /** A failure in words: the JDK's file system exceptions name only the file. */
  private static String why(Exception e) {
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof NoSuchFileException missing) {
      return missing.getFile() + ": it or its directory does not exist";
    }
    return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getFile() + ": " + fs.getReason()
        : String.valueOf(e.getMessage());
  }

  /** A backup that is not there, not a file, or not readable by this user is refused in words. */
  private static void requireReadable(Path backup) {
    if (Files.isDirectory(backup)) {
      throw new IllegalArgumentException(backup + " is a directory: give the file pulse backup wrote");
    }
    if (!Files.exists(backup)) {
      throw new IllegalArgumentException(backup + " does not exist: give the file pulse backup wrote");
    }
    if (!Files.isRegularFile(backup)) {
      throw new IllegalArgumentException(backup + " is not a file: give the file pulse backup wrote");
    }
    if (!Files.isReadable(backup)) {
      throw new IllegalArgumentException("cannot read " + backup + ": permission denied; make it readable to this"
          + " user, or run pulse restore as one who may read it");
    }
  }

  /**
   * Whether {@code file} starts as a DuckDB database does: {@link #DUCKDB_MAGIC} after the header's
   * checksum. A file that cannot be read here is left for DuckDB to tell.
   */
  private static boolean isDuckDbFile(Path file) {
    byte[] head = new byte[DUCKDB_MAGIC_OFFSET + DUCKDB_MAGIC.length];
    int read = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; read < head.length && (n = in.read(head, read, head.length - read)) >= 0; ) {
        read += n;
      }
    } catch (IOException e) {
      return true;
    }
    return read == head.length && Arrays.equals(head, DUCKDB_MAGIC_OFFSET, head.length, DUCKDB_MAGIC, 0,
        DUCKDB_MAGIC.length);
  }

  /** Removes what a failed restore wrote: the data dir it made, or the store's files in one it found. */
  private static void undo(Path dataDir, boolean madeDir) {
    List<Path> written = madeDir ? List.of(dataDir) : List.of(dataDir.resolve(DuckDbEventStore.FILE_NAME + ".part"),
        dataDir.resolve(DuckDbEventStore.FILE_NAME), dataDir.resolve(DuckDbEventStore.FILE_NAME + ".wal"),
        dataDir.resolve(DuckDbEventStore.JOURNAL_DIR));
    for (Path path : written) {
      if (!Files.exists(path)) {
        continue;
      }
      try (Stream<Path> tree = Files.walk(path)) {
        tree.sorted(Comparator.reverseOrder()).forEach(BackupRestore::deleteQuietly);
      } catch (IOException ignored) {
        // Best effort: the failure that brought us here is the one to report.
      }
    }
  }

  /** What the backup holds, read without changing it; refuses a file that is not Pulse's database. */
  private static Restored check(Path backup) {
    if (!isDuckDbFile(backup)) {
      // Told in words before DuckDB is asked: its own words for such a file are about its internals.
      throw new IllegalArgumentException(backup + " is not a Pulse backup: a backup is a DuckDB database file, and"
          + " this is not one; give the file pulse backup -o wrote");
    }
    try (Connection connection = BackupClaims.openReadOnly(backup);
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
          + " WHERE table_name IN ('component_events', 'cli_commands', 'error_reports')")) {
        rows.next();
        if (rows.getInt(1) != 3) {
          throw new IllegalArgumentException(backup + " is a DuckDB file but not a Pulse store: it lacks Pulse's"
              + " tables; give a file written by pulse backup");
        }
      }
      readEveryRow(statement);
      try (ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM component_events),"
          + " (SELECT count(*) FROM cli_commands), (SELECT count(*) FROM error_reports)")) {
        rows.next();
        return new Restored(rows.getLong(1), rows.getLong(2), rows.getLong(3));
      }
    } catch (SQLException e) {
      if (!DamagedFile.wayOut(e).isEmpty()) { // checked block by block: damaged, or cut short
        throw new IllegalArgumentException(backup + " is a damaged backup: " + DamagedFile.reason(e)
            + "; give another backup", e);
      }
      // A DuckDB file (its header was checked) DuckDB will not read: its words say why (a newer version).
      throw new IllegalArgumentException(backup + " could not be read as a Pulse backup ("
          + StoreException.readable(e.getMessage()).lines().findFirst().orElse("") + "); give a file written by"
          + " pulse backup", e);
    }
  }

  /**
   * Reads every column of every row of every table, so that DuckDB checks each block's checksum: a
   * backup damaged where a count does not look is refused here, before it is put in place.
   */
  private static void readEveryRow(Statement statement) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'main' AND table_type = 'BASE TABLE'")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    for (String table : tables) {
      try (ResultSet rows = statement.executeQuery(
          "SELECT count(hash(r)) FROM \"" + table.replace("\"", "\"\"") + "\" AS r")) {
        rows.next();
      }
    }
  }

  private static boolean holdsFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      return true; // unreadable: not ours to overwrite
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Best effort: the failure that brought us here is the one to report.
    }
  }
}
