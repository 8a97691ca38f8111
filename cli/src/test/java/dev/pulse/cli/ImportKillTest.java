package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse import} into the embedded store, killed with SIGKILL while it commits: the store opens
 * again holding whole batches only, each record intact, and a rerun adds exactly the rest. Stopped with
 * Ctrl-C instead, it says how many records it kept.
 */
class ImportKillTest {

  /** The import's --batch-size, a transaction each: three batches make the test, not their size. */
  private static final int BATCH = 5_000;
  private static final int LINES = 3 * BATCH;

  @TempDir Path dir;

  @Test
  void anImportKilledWhileCommittingLeavesWholeBatchesAndARerunAddsExactlyTheRest() throws Exception {
    List<String> lines = ExportLines.events(LINES);
    Path file = dir.resolve("events.ndjson");
    Files.write(file, lines);
    Path data = dir.resolve("data");

    PulseRun.Started importing = importCommitting(data, lines);
    importing.process().destroyForcibly(); // SIGKILL, mid-commit or just after one
    PulseRun killed = importing.await();
    StoppedImport.closeQuietly(importing);

    assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
    List<String> kept = exported(data);
    assertThat(kept.size() % BATCH).as("whole batches only: %d records", kept.size()).isZero();
    assertThat(kept).as("a prefix of the file, intact").containsExactlyInAnyOrderElementsOf(lines.subList(0, kept.size()));

    PulseRun rerun = import_(file, data);

    StoppedImport.assertRerunAddsTheRest(rerun, LINES, kept.size());
    assertThat(exported(data)).as("every line once, intact").containsExactlyInAnyOrderElementsOf(lines);
  }

  @Test
  void ctrlCWhileImportingSaysHowManyRecordsTheCommittedBatchesKeepAndExits130() throws Exception {
    List<String> lines = ExportLines.events(LINES);
    Path data = dir.resolve("data");

    PulseRun.Started importing = importCommitting(data, lines); // its input stays open
    PulseRun stopped = StoppedImport.interrupt(importing);

    int kept = StoppedImport.recordsSaidKept(stopped);
    assertThat(kept).as("whole batches, at least the one the store showed").isIn(BATCH, 2 * BATCH);
    assertThat(exported(data)).as("the records it said, once each").containsExactlyInAnyOrderElementsOf(lines.subList(0, kept));
  }

  /**
   * Creates the store (checkpointed on close: from then on only the load's commits write DuckDB's log),
   * starts an import from stdin, hands it two batches and the line that ends the second, and returns
   * once DuckDB's log has bytes: a batch's commit is under way or done. Its stdin stays open.
   */
  private PulseRun.Started importCommitting(Path data, List<String> lines) throws Exception {
    Files.writeString(dir.resolve("empty.ndjson"), "");
    assertThat(import_(dir.resolve("empty.ndjson"), data).exitCode()).isZero();
    PulseRun.Started importing = StoppedImport.fedTwoBatches(lines, BATCH, "--data-dir", data.toString());
    awaitWriting(data.resolve("pulse.duckdb.wal"));
    return importing;
  }


  private static PulseRun import_(Path file, Path data) throws Exception {
    return PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--batch-size", String.valueOf(BATCH),
        "--data-dir", data.toString());
  }

  /** Polls until DuckDB's log has bytes: a batch's commit is under way or done. */
  private static void awaitWriting(Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!Files.exists(log) || Files.size(log) == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 120 s for the import to commit a batch");
      }
      Thread.sleep(5); // polling interval, not synchronization
    }
  }

  private static List<String> exported(Path data) throws Exception {
    PulseRun export = PulseRun.run(Map.of(), "export", "events", "--data-dir", data.toString());
    assertThat(export.exitCode()).as(export.output()).isZero();
    return export.output().lines().filter(l -> l.startsWith("{")).toList();
  }
}
