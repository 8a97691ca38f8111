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
 * adds exactly the rest. A store left with its log unfolded still answers a command that reads, on
 * the disk still full.
 */
class ImportFullDiskTest {

  /** The import's --batch-size, a transaction each (about 0.6 MiB of DuckDB's log). */
  private static final int BATCH = 5_000;
  /** Five batches: more than the room left holds. */
  private static final int LINES = 5 * BATCH;
  private static final int MIB = 1 << 20;
  /** The records of the install a purge erases, all in the first batch. */
  private static final int INSTALL_RECORDS = BATCH / 2;
  /** The context key a purge of the store needs, as the servers' would be. */
  private static final Map<String, String> KEY = Map.of("PULSE_CONTEXT_KEY", "00112233445566778899aabbccddeeff");

  @TempDir Path base;

  @Test
  void anImportThatFillsTheDiskStopsKeepsItsCommittedBatchesAndARerunAddsExactlyTheRest() throws Exception {
    List<String> lines = ExportLines.events(LINES);
    // Half the first batch under one install, a contextId as stored (64 hex digits) that a purge can name:
    // erasing it writes tens of KiB to DuckDB's log, more than the slack of a page its file holds.
    String install = "0123456789abcdef".repeat(4);
    for (int i = 0; i < INSTALL_RECORDS; i++) {
      lines.set(i, lines.get(i).replaceAll("\"contextId\":\"[^\"]+\"", "\"contextId\":\"" + install + "\""));
    }
    Path file = base.resolve("events.ndjson"); // beside the tmpfs, not on it
    Files.write(file, lines);
    Path empty = Files.writeString(base.resolve("empty.ndjson"), "");
    try (Tmpfs disk = Tmpfs.mount(base.resolve("disk"), 32)) {
      String data = disk.dir().resolve("data").toString();
      // The store first, while there is room: then only the import's commits need more. A purge there
      // claims the context key, as a server does at its start, so that a purge later only erases.
      assertThat(import_(empty, data).exitCode()).isZero();
      PulseRun claim = PulseRun.run(KEY, "purge", "--context-id", install, "--dry-run", "--data-dir", data);
      assertThat(claim.output()).as("nothing to erase yet").contains("no record");
      // Room for a batch or two, not for five.
      disk.fillLeaving("filler", 3 * MIB / 2);

      PulseRun stopped = import_(file, data);

      assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(1);
      assertThat(stopped.output())
          .contains("pulse import: stopped: commit of " + PulseRun.count(BATCH) + " records failed: the disk of " + data + " is full.")
          .contains("The batches imported before it are kept")
          .contains("run the same import again")
          .doesNotContain("\tat ").doesNotContain("Stack Trace").doesNotContain("Exception");

      // The disk as the import left it, its rollups not built: a query cannot bring them up to date.
      PulseRun query = PulseRun.run(Map.of(), "query", "active-installs", "--data-dir", data);
      assertThat(query.exitCode()).as(query.output()).isEqualTo(1);
      assertThat(query.output()).contains("pulse query: the disk of " + data + " is full, so the analytics could not"
          + " be brought up to date; nothing is lost: free space on it and run the same query again")
          .doesNotContain("TransactionContext").doesNotContain("No space left").doesNotContain("--debug")
          .doesNotContain("Exception");

      // No room at all: the erasure, one transaction, is refused whole.
      disk.fill("rest");
      PulseRun purge = PulseRun.run(KEY, "purge", "--context-id", install, "--data-dir", data);
      assertThat(purge.exitCode()).as(purge.output()).isEqualTo(1);
      assertThat(purge.output()).contains("pulse purge: the disk of " + data + " is full, so nothing was erased: free"
          + " space on it and run the same purge again").doesNotContain("--debug").doesNotContain("No space left");
      // A backup elsewhere is whole; only the time of it cannot be kept in the data dir, and nothing is left there.
      Path copy = base.resolve("backup.duckdb");
      PulseRun backup = PulseRun.run(Map.of(), "backup", "--data-dir", data, "-o", copy.toString());
      assertThat(backup.exitCode()).as(backup.output()).isZero();
      assertThat(Path.of(data, "backup.last.tmp")).as("no temporary file left in the data dir").doesNotExist();
      assertThat(backup.output()).contains("pulse backup: warning: cannot keep the time of the last backup in "
          + Path.of(data, "backup.last")
          + " (the disk of " + data + " is full); the backup itself is whole").doesNotContain("No space left");
      disk.delete("rest");

      List<String> kept = exported(data);
      assertThat(kept).as("the refused purge erased nothing").containsAll(lines.subList(0, INSTALL_RECORDS));
      assertThat(kept.size() % BATCH).as("whole batches only: %d records", kept.size()).isZero();
      assertThat(kept.size()).as("the first batch fits in the room left, the one that failed does not")
          .isBetween(BATCH, LINES - BATCH);
      assertThat(kept).as("the first batches, intact").containsExactlyInAnyOrderElementsOf(lines.subList(0, kept.size()));

      disk.delete("filler");
      PulseRun rerun = import_(file, data);

      StoppedImport.assertRerunAddsTheRest(rerun, LINES, kept.size());
      assertThat(exported(data)).as("every line once, intact").containsExactlyInAnyOrderElementsOf(lines);
    }
  }

  @Test
  void aDiskThatFillsAsTheStoreClosesIsAFailureThatKeepsEveryImportedRecordOnce() throws Exception {
    List<String> lines = ExportLines.events(LINES);
    Path file = Files.write(base.resolve("events.ndjson"), lines);
    Path empty = Files.writeString(base.resolve("empty.ndjson"), "");
    try (Tmpfs disk = Tmpfs.mount(base.resolve("disk"), 32)) {
      String data = disk.dir().resolve("data").toString();
      assertThat(import_(empty, data).exitCode()).isZero();
      // Room for every batch and the rollups in DuckDB's log (about 10 MiB), not for folding the log into
      // the database file at the close (about 5 MiB more).
      disk.fillLeaving("filler", 25 * MIB / 2);

      PulseRun closing = import_(file, data);

      assertThat(closing.exitCode()).as(closing.output()).isEqualTo(1);
      assertThat(closing.output())
          .contains("pulse import: stopped after the last batch: folding DuckDB's write-ahead log into pulse.duckdb"
              + " failed: the disk of " + data + " is full. The " + PulseRun.count(LINES) + " records imported (0 skipped as already"
              + " present) are committed and kept in that log, which the store applies when it next opens")
          .contains("run the same import again; records already present are skipped")
          .doesNotContain("imported " + PulseRun.count(LINES) + " events into").doesNotContain("FATAL").doesNotContain("Exception");

      // The disk still full: a command that reads gives its whole result, and says in our words, not DuckDB's,
      // that the log could not be folded this time either.
      PulseRun reading = PulseRun.run(Map.of(), "export", "events", "--data-dir", data);
      assertThat(reading.exitCode()).as(reading.output()).isZero();
      assertThat(reading.output().lines().filter(l -> l.startsWith("{")).toList()).as("every record, before the log is folded")
          .containsExactlyInAnyOrderElementsOf(lines);
      assertThat(reading.output().lines().filter(l -> !l.startsWith("{")).toList()).containsExactly("pulse export:"
          + " folding DuckDB's write-ahead log into pulse.duckdb failed: the disk of " + data + " is full. Nothing is"
          + " lost: the records are kept in that log, which the store applies when it next opens; once that is fixed,"
          + " a later close folds it in.");

      disk.delete("filler");
      assertThat(exported(data)).as("every record it said it imported, once, intact")
          .containsExactlyInAnyOrderElementsOf(lines);
    }
  }

  @Test
  void anImportBelowTheFreeSpaceItKeepsStopsBeforeWritingLeavesNoDataDirAndSaysWhichSettingLowersIt() throws Exception {
    List<String> lines = ExportLines.events(10);
    Path file = base.resolve("events.ndjson");
    Files.write(file, lines);
    String data = base.resolve("data").toString();

    // All of the disk but a byte: more than is free, and still a reserve the disk could hold.
    long allButAByte = Files.getFileStore(base).getTotalSpace() - 1;
    PulseRun refused = PulseRun.run(Map.of("PULSE_MIN_FREE_DISK", String.valueOf(allButAByte)), "import",
        file.toString(), "--kind", "events", "--data-dir", data);

    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output()).contains("pulse import: stopped: the disk of " + data)
        .contains("bytes the store keeps free (PULSE_MIN_FREE_DISK)") // named by where it was set
        .contains("run the same import again")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(Path.of(data)).as("the data dir it made, with nothing stored").doesNotExist();

    // Lowered there, as for pulse serve.
    PulseRun lowered = PulseRun.run(Map.of("PULSE_MIN_FREE_DISK", "1MiB"), "import", file.toString(),
        "--kind", "events", "--data-dir", data);

    assertThat(lowered.exitCode()).as(lowered.output()).isZero();
    assertThat(exported(data)).containsExactlyInAnyOrderElementsOf(lines);
  }

  private static PulseRun import_(Path file, String data) throws Exception {
    return PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--batch-size", String.valueOf(BATCH),
        "--data-dir", data, "--min-free-disk=0");
  }

  private static List<String> exported(String data) throws Exception {
    PulseRun export = PulseRun.run(Map.of(), "export", "events", "--data-dir", data);
    assertThat(export.exitCode()).as(export.output()).isZero();
    return export.output().lines().filter(l -> l.startsWith("{")).toList();
  }
}
