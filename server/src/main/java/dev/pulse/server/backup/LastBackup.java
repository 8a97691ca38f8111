package dev.pulse.server.backup;

import dev.pulse.server.store.DiskFullException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the last backup was sent whole, or written by {@code pulse backup --data-dir}, kept in the data
 * dir ({@value #FILE_NAME}) so that it outlives a restart, and exported as {@code
 * pulse_backup_last_success_seconds} (0 until the first one): an alert rule tells when backups that used
 * to run have stopped.
 */
final class LastBackup {

  static final String FILE_NAME = "backup.last";

  private static final Logger LOG = LoggerFactory.getLogger(LastBackup.class);

  private final Path file;
  private final AtomicLong epochSeconds;

  private LastBackup(Path file, long epochSeconds) {
    this.file = file;
    this.epochSeconds = new AtomicLong(epochSeconds);
  }

  /** The record of {@code dataDir}, with its gauge in {@code meters} (none when null). */
  static LastBackup in(Path dataDir, MeterRegistry meters) {
    Path file = dataDir.resolve(FILE_NAME);
    LastBackup last = new LastBackup(file, read(file));
    if (meters != null) {
      Gauge.builder("pulse.backup.last.success", last.epochSeconds, AtomicLong::get)
          .description("When the last backup was sent whole (POST /api/v1/backup) or written from the data dir"
              + " (pulse backup --data-dir), in seconds since 1970; 0: never")
          .baseUnit("seconds")
          .register(meters);
    }
    return last;
  }

  /** A backup was sent whole at {@code at}. */
  void succeeded(Instant at) {
    epochSeconds.set(at.getEpochSecond());
    Path written = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      Files.writeString(written, Long.toString(at.getEpochSecond()) + "\n", StandardCharsets.US_ASCII);
      Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(written); // none left behind, empty or half written
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      LOG.warn("cannot keep the time of the last backup in {} ({}); the backup itself is whole, but after a"
          + " restart the metric pulse_backup_last_success_seconds starts at 0", file,
          DiskFullException.isDiskFull(e) ? DiskFullException.describe(file.getParent()) : e.getMessage());
    }
  }

  /** The time in seconds; 0 for none. */
  long epochSeconds() {
    return epochSeconds.get();
  }

  private static long read(Path file) {
    try {
      return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()) : 0;
    } catch (IOException | NumberFormatException e) {
      LOG.warn("cannot read the time of the last backup in {} ({}); the metric starts at 0", file, e.getMessage());
      return 0;
    }
  }
}
