package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse restore} stopped by SIGTERM while it writes the store into the data dir removes what it
 * wrote (and the data dir it made), says so in one line, and exits 143 as the JVM would.
 */
class RestoreStoppedTest {

  @TempDir static Path shared;
  @TempDir Path dir;

  /** A backup whose restore takes seconds (the check reads every row, then the copy and the first open). */
  private static Path backup;

  @BeforeAll
  static void backUpALargeStore() throws Exception {
    Path source = shared.resolve("source");
    PulseRun.generate(source, 2000, 30);
    backup = shared.resolve("big.duckdb");
    PulseRun run = PulseRun.run(Map.of(), "backup", "-o", backup.toString(), "--data-dir", source.toString());
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  @Test
  void aRestoreStoppedWhileWritingRemovesTheDataDirItMadeAndSaysSo() throws Exception {
    Path dataDir = dir.resolve("restored");

    PulseRun stopped = restoreStoppedWhileWriting(dataDir);

    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(143);
    assertThat(stopped.lines()).as(stopped.output()).containsExactly("pulse restore: stopped by SIGTERM before the"
        + " restore was complete: removed what it wrote, and " + dataDir + ", which it made");
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void aRestoreStoppedWhileWritingLeavesADataDirThatWasEmptyEmptyAgain() throws Exception {
    Path dataDir = Files.createDirectory(dir.resolve("empty"));

    PulseRun stopped = restoreStoppedWhileWriting(dataDir);

    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(143);
    assertThat(stopped.lines()).as(stopped.output()).containsExactly("pulse restore: stopped by SIGTERM before the"
        + " restore was complete: removed what it wrote; " + dataDir + " is as it was");
    assertThat(dataDir).isEmptyDirectory();
  }

  /** Starts a restore into {@code dataDir} and sends it SIGTERM once the store's file appears there. */
  private static PulseRun restoreStoppedWhileWriting(Path dataDir) throws Exception {
    PulseRun.Started restore = PulseRun.start(null, Map.of(), "restore", backup.toString(), "--data-dir",
        dataDir.toString());
    restore.stdin().close();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!writing(dataDir)) {
      assertThat(restore.process().isAlive()).as("the restore ended before it wrote the store").isTrue();
      assertThat(System.nanoTime()).as("waited 120 s for the restore to write the store").isLessThan(deadline);
      Thread.sleep(2); // polling interval, not synchronization: the window to stop in is a fraction of a second
    }
    restore.process().destroy(); // SIGTERM, as Kubernetes or systemd stop it
    return restore.await();
  }

  /** Whether the restore has begun writing the store: its part file, or the store renamed in place. */
  private static boolean writing(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      return entries.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("pulse.duckdb"));
    }
  }
}
