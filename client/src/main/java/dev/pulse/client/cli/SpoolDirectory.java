package dev.pulse.client.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.pulse.client.context.PersistedContextId;

/**
 * Keeps the config directory of a long-lived user bounded: at most {@link #MAX_SPOOLS} spools (one per
 * server sent to while it could not be reached; the least recently written go, unsent), no lock file
 * per spool (earlier versions left one per server ever used), and no temporary file left by a run
 * killed while it wrote one. Called holding the spool lock, so no other run of this version writes
 * meanwhile.
 */
final class SpoolDirectory {

  /** The most spool files kept, the one just written included. */
  static final int MAX_SPOOLS = 8;
  /** A temporary file older than this was left by a run that was killed while writing it. */
  static final Duration STALE = Duration.ofMinutes(1);

  private static final String SPOOL_PREFIX = "telemetry-spool-";

  private SpoolDirectory() {}

  /** Removes what {@code directory} need not hold, keeping {@code current}, the spool in use. */
  static void tidy(Path directory, Path current) throws IOException {
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(SPOOL_PREFIX) && name.endsWith(".jsonl.lock")) {
          Files.deleteIfExists(entry); // an earlier version's lock of one spool
        } else if (name.endsWith(".tmp") && (name.startsWith(SPOOL_PREFIX)
            || name.startsWith(PersistedContextId.FILE_NAME) || name.startsWith(ShownWarnings.FILE_NAME)
            || name.startsWith(QuietFile.FILE_NAME))
            && stale(entry)) {
          Files.deleteIfExists(entry);
        } else if (name.startsWith(SPOOL_PREFIX) && name.endsWith(".jsonl") && !entry.equals(current)) {
          others.add(entry);
        }
      }
    }
    if (others.size() >= MAX_SPOOLS) {
      others.sort(Comparator.comparing(SpoolDirectory::modified));
      for (Path oldest : others.subList(0, others.size() - (MAX_SPOOLS - 1))) {
        Files.deleteIfExists(oldest);
      }
    }
  }

  private static boolean stale(Path file) {
    return modified(file).toInstant().isBefore(Instant.now().minus(STALE));
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException gone) {
      return FileTime.fromMillis(0);
    }
  }
}
