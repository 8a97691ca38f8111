package dev.pulse.cli.store;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.server.store.DataDirectories;
import java.io.IOException;
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
      throw unusable(dir, (readOnly(existing) ? "its file system is read-only" : "permission denied") + where, null);
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
  }

  private static boolean readOnly(Path dir) {
    try {
      return Files.getFileStore(dir).isReadOnly();
    } catch (IOException e) {
      return false;
    }
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
