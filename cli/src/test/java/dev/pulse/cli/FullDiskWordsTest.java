package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk too small for what a command writes (a real tmpfs) is told as such, with what to do: not in
 * the words of the last thing that failed after it (DuckDB's "no transaction is active").
 */
class FullDiskWordsTest {

  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path base;

  @Test
  void generateOnADiskThatFillsUpWhileRollingUpSaysTheDiskIsFull() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(base.resolve("full"), 12)) {
      Path data = disk.dir().resolve("g");
      // Its records fit (about 9.4 MiB of DuckDB's WAL); folding them into the rollups does not.
      PulseRun run = PulseRun.run(NO_ENV, "generate", "--installs", "200", "--days", "30", "--last-day",
          "2026-06-30", "--min-free-disk", "0", "--quiet", "--data-dir", data.toString());

      assertThat(run.exitCode()).as(run.output()).isEqualTo(FAILURE);
      assertThat(run.output()).contains("pulse generate: stopped: ", "failed: the disk of " + data + " is full")
          .contains("pulse generate: stopped before the data set was whole")
          .doesNotContain("no transaction is active", "--debug");
      assertNoStackTrace(run);
    }
  }

  @Test
  void aBackupToADiskWithoutRoomForItSaysHowMuchAndToChooseAnotherDisk() throws Exception {
    Path data = base.resolve("data");
    PulseRun.generate(data, 2, 1);
    try (Tmpfs disk = Tmpfs.mount(base.resolve("small"), 1)) {
      Path backup = disk.dir().resolve("b.duckdb");
      PulseRun run = PulseRun.run(NO_ENV, "backup", "--data-dir", data.toString(), "-o", backup.toString());

      Mistakes.assertTold(run, FAILURE, "pulse backup: a backup needs about ");
      assertThat(run.output()).contains(" free on the disk of " + disk.dir() + ", and ")
          .contains(" are free: free some space there, or give --output a file on another disk");
      assertThat(backup).doesNotExist();
    }
  }
}
