package dev.pulse.cli.store;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.server.store.DataDirectories;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes a data dir the command itself created (a failed first start, the demo's temporary one). */
public final class DataDirs {

  private DataDirs() {}

  /**
   * Refuses a data dir that cannot be one, as {@code serve} does, before a store is opened in it: a file
   * in its place or in its path, a directory this user may not write to (the data dir, or where it
   * would be made), or (with {@code create}, which then creates it) a place where no directory can be
   * made. Each is a usage mistake naming --data-dir.
   */
  static void requireUsable(Path dir, boolean create) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    String where = existing == null || existing.equals(dir.toAbsolutePath()) ? "" : " (" + existing + ")";
    if (existing != null && !Files.isDirectory(existing)) {
      throw unusable(dir, "a file is in the way where a directory is needed" + where, null);
    }
    if (existing != null && !(Files.isWritable(existing) && Files.isExecutable(existing))) {
      Path mount = readOnlyMount(existing);
      if (mount != null) {
        throw readOnly(dir, mount);
      }
      throw unusable(dir, "permission denied" + where, null);
    }
    if (create) {
      try {
        DataDirectories.create(dir);
      } catch (IOException e) {
        String why = e instanceof NoSuchFileException ? "no directory can be created there"
            : e instanceof FileSystemException named ? CliFailure.reason(named) : CliFailure.firstLine(e);
        throw unusable(dir, why, e);
      }
    }
    requireFilesKept(dir);
  }

  /**
   * Refuses a data dir ({@code pulse serve}'s, before it starts) on a read-only file system, or in a
   * directory that cannot hold files ({@code /proc}); one this user may not write to is left to the
   * server, whose message says so.
   */
  public static void requireWritableFileSystem(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    Path mount = existing == null ? null : readOnlyMount(existing);
    if (mount != null) {
      throw readOnly(dir, mount);
    }
    requireFilesKept(dir);
  }

  /**
   * Refuses an embedded store in {@code dir} whose file or journal this user may not write (as where
   * another user's server keeps it): told as such, with what to do, rather than in DuckDB's words or as a
   * journal segment that cannot be made. A store not there yet is not checked.
   */
  public static void requireStoreWritable(Path dir) {
    Path file = dir.resolve(DuckDbEventStore.FILE_NAME);
    Path journal = dir.resolve(DuckDbEventStore.JOURNAL_DIR);
    boolean fileDenied = Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file));
    boolean journalDenied = Files.isDirectory(journal) && !(Files.isWritable(journal) && Files.isExecutable(journal));
    if (fileDenied || journalDenied) {
      throw CliFailure.usage("cannot open the store in " + dir + ": permission denied on " + (fileDenied ? file
          : journal) + "; run pulse as the user who owns it (the server's, e.g. sudo -u pulse), or give a data dir"
          + " of this user's");
    }
  }

  /**
   * The mount point of {@code path}'s file system when that is mounted read-only (where no store can be
   * written, whatever the modes say); null when it is not, or cannot be told.
   */
  public static Path readOnlyMount(Path path) {
    try {
      FileStore store = Files.getFileStore(path);
      if (!store.isReadOnly()) {
        return null;
      }
      Path mount = path.toAbsolutePath();
      while (mount.getParent() != null && store.equals(Files.getFileStore(mount.getParent()))) {
        mount = mount.getParent();
      }
      return mount;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Refuses an existing directory this user may write to in which a file cannot be made ({@code /proc},
   * {@code /sys}): found by making one, then deleting it.
   */
  private static void requireFilesKept(Path dir) {
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      return;
    }
    Path probe;
    try {
      probe = Files.createTempFile(dir, ".pulse-probe-", "");
    } catch (IOException e) {
      throw CliFailure.usage("cannot use the data dir " + dir + ": no file can be made in it (its file system, "
          + fileSystemType(dir) + ", cannot hold files); give --data-dir a directory on a disk", e);
    }
    try {
      Files.deleteIfExists(probe);
    } catch (IOException e) {
      // left behind, hidden: harmless
    }
  }

  private static String fileSystemType(Path dir) {
    try {
      return Files.getFileStore(dir).type();
    } catch (IOException e) {
      return "of an unknown type";
    }
  }

  private static CliFailure readOnly(Path dir, Path mount) {
    return CliFailure.usage("cannot use the data dir " + dir + ": its file system (mounted on " + mount
        + ") is read-only; remount it read-write, or give --data-dir a directory on a writable disk");
  }

  private static CliFailure unusable(Path dir, String why, Exception e) {
    return CliFailure.usage("cannot use the data dir " + dir + ": " + why + "; give --data-dir a directory you may"
        + " write to", e);
  }

  /** Deletes {@code dir} and everything under it; best effort, silent when it is already gone. */
  public static synchronized void delete(Path dir) { // one at a time: a stop's hook and the command may both remove it
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // gone already
          }
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          if (e != null && !(e instanceof NoSuchFileException)) {
            throw e;
          }
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      System.err.println("pulse: could not remove " + dir + " entirely: " + CliFailure.firstLine(e));
    }
  }
}
