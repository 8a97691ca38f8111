package dev.pulse.server.store.duckdb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies of DuckDB's native library that killed processes left in the temporary directory.
 *
 * <p>DuckDB's driver copies its library (57 MB) there at each start and deletes the copy only at a
 * normal exit: a process ended by SIGKILL, a container's memory limit or
 * {@code -XX:+ExitOnOutOfMemoryError} leaves it behind: nine such restarts of a pod fill the chart's
 * 512 MiB {@code /tmp} volume, which lives as long as the pod, and a test machine's {@code /tmp} held
 * 21 GB of them after a few runs of the suite. So
 * before its first connection a process deletes the copies older than {@link #AGE}: a copy is loaded
 * within milliseconds of being written, and the file of a library already loaded may go (the process
 * keeps what it mapped). Files this user may not delete (another user's, a library in use on Windows)
 * stay.
 */
final class NativeLibraryLeftovers {

  /** How old a copy must be to be taken for a leftover. */
  static final Duration AGE = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryLeftovers.class);
  /** How the driver names its copy: {@code Files.createTempFile(COPY_PREFIX, ".so")}. */
  static final String COPY_PREFIX = "libduckdb_java";

  private static final Pattern COPY = Pattern.compile(COPY_PREFIX + "\\d+\\.so");
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private NativeLibraryLeftovers() {}

  /** Deletes the leftovers in {@code java.io.tmpdir}, once per process. */
  static void deleteOnce() {
    if (DONE.compareAndSet(false, true)) {
      delete(Path.of(System.getProperty("java.io.tmpdir")), Instant.now().minus(AGE));
    }
  }

  /**
   * Deletes the copies in {@code dir} last modified before {@code before}, best effort.
   *
   * @return how many were deleted
   */
  static int delete(Path dir, Instant before) {
    int deleted = 0;
    long bytes = 0;
    try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, COPY_PREFIX + "*.so")) {
      for (Path copy : copies) {
        try {
          if (COPY.matcher(copy.getFileName().toString()).matches() && Files.isRegularFile(copy)
              && Files.getLastModifiedTime(copy).toInstant().isBefore(before)) {
            long size = Files.size(copy);
            Files.delete(copy);
            deleted++;
            bytes += size;
          }
        } catch (IOException | SecurityException e) {
          // Gone meanwhile, or not ours to delete: it stays.
        }
      }
    } catch (IOException | SecurityException e) {
      return deleted; // a directory that cannot be listed: the driver will say so if it cannot write there
    }
    if (deleted > 0) {
      LOG.info("deleted {} of DuckDB's native library ({} MB) that killed processes left in {}",
          deleted == 1 ? "1 copy" : deleted + " copies", bytes >> 20, dir);
    }
    return deleted;
  }
}
