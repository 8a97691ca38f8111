package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse import} into a data dir whose disk fills up, a real tmpfs on which DuckDB's own
 * write-ahead log hits ENOSPC, and one below the free space it keeps: either way it stops with a
 * message that says what happened and what to do, keeps the batches committed before, and a rerun
 * adds exactly the rest.
 */
class ImportFullDiskTest {

  /** The command's batch, a transaction each. */
  private static final int BATCH = 50_000;
  private static final int LINES = 3 * BATCH;
  private static final int MIB = 1 << 20;

  @TempDir Path base;

  @Test
  void anImportThatFillsTheDiskStopsKeepsItsCommittedBatchesAndARerunAddsExactlyTheRest() throws Exception {
    List<String> lines = ExportLines.events(LINES);
    Path file = base.resolve("events.ndjson"); // beside the tmpfs, not on it
    Files.write(file, lines);
    try (Tmpfs disk = Tmpfs.mount(base.resolve("disk"), 32)) {
      String data = disk.dir().resolve("data").toString();
      // Room for the store and one batch (about 6 MiB in DuckDB's log), not for three.
      disk.reserve("slack", 10 * MIB);
      disk.fill("filler");
      disk.delete("slack");

      PulseRun stopped = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events",
          "--data-dir", data, "--min-free-disk=0");

      assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(1);
      assertThat(stopped.output())
          .contains("pulse import: stopped: commit of " + BATCH + " records failed: the disk of " + data + " is full.")
          .contains("The batches imported before it are kept")
          .contains("run the same import again")
          .doesNotContain("\tat ").doesNotContain("Stack Trace").doesNotContain("Exception");
      List<String> kept = exported(data);
      assertThat(kept).as("one batch fits in the room left").hasSize(BATCH);
      assertThat(kept).as("the first batch, intact").containsExactlyInAnyOrderElementsOf(lines.subList(0, BATCH));

      disk.delete("filler");
      PulseRun rerun = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events",
          "--data-dir", data, "--min-free-disk=0");

      assertThat(rerun.exitCode()).as(rerun.output()).isZero();
      assertThat(rerun.output()).contains("imported " + (LINES - BATCH) + " events into")
          .contains("skipped " + BATCH + " already present");
      assertThat(exported(data)).as("every line once, intact").containsExactlyInAnyOrderElementsOf(lines);
    }
  }

  @Test
  void anImportBelowTheFreeSpaceItKeepsStopsBeforeWritingAndSaysWhichSettingLowersIt() throws Exception {
    List<String> lines = ExportLines.events(10);
    Path file = base.resolve("events.ndjson");
    Files.write(file, lines);
    String data = base.resolve("data").toString();

    // All of the disk but a byte: more than is free, and still a reserve the disk could hold.
    long allButAByte = Files.getFileStore(base).getTotalSpace() - 1;
    PulseRun refused = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events",
        "--data-dir", data, "--min-free-disk=" + allButAByte);

    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output()).contains("pulse import: stopped: the disk of " + data)
        .contains("bytes the store keeps free (--min-free-disk)")
        .contains("run the same import again")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(exported(data)).isEmpty();

    // The same setting from the environment, as for pulse serve.
    PulseRun lowered = PulseRun.run(Map.of("PULSE_MIN_FREE_DISK", "1MiB"), "import", file.toString(),
        "--kind", "events", "--data-dir", data);

    assertThat(lowered.exitCode()).as(lowered.output()).isZero();
    assertThat(exported(data)).containsExactlyInAnyOrderElementsOf(lines);
  }

  private static List<String> exported(String data) throws Exception {
    PulseRun export = PulseRun.run(Map.of(), "export", "events", "--data-dir", data);
    assertThat(export.exitCode()).as(export.output()).isZero();
    return export.output().lines().filter(l -> l.startsWith("{")).toList();
  }
}
