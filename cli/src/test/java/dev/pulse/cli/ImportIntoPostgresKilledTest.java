package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code pulse import --store postgresql://...} killed with SIGKILL once a batch is committed and the
 * next ones are in flight (the loader copies two at once): the database holds whole batches only, each
 * record intact and once, and a rerun adds exactly the rest. Stopped with Ctrl-C instead, it waits for
 * the batches in flight and says how many records the database keeps.
 */
@ResourceLock(PostgresForTests.LOCK)
class ImportIntoPostgresKilledTest {

  /** The import's --batch-size, a transaction each: three batches make the test, not their size. */
  private static final int BATCH = 5_000;
  private static final int LINES = 3 * BATCH;

  @RegisterExtension static final PostgresForTests POSTGRES = new PostgresForTests();

  @TempDir Path dir;

  @Test
  void anImportKilledWhileLoadingLeavesWholeBatchesOnceEachAndARerunAddsExactlyTheRest() throws Exception {
    List<String> lines = ExportLines.events(LINES);
    Path file = Files.write(dir.resolve("events.ndjson"), lines);
    PostgresForTests.Database database = POSTGRES.newDatabase("import_killed");
    String store = database.storeUrl();

    PulseRun.Started importing = importCommitted(database, lines); // its input stays open
    importing.process().destroyForcibly(); // SIGKILL, the batches after the first in flight or done
    PulseRun killed = importing.await();
    StoppedImport.closeQuietly(importing);

    assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
    List<String> kept = exported(store);
    assertThat(kept.size() % BATCH).as("whole batches only: %d records", kept.size()).isZero();
    assertThat(new HashSet<>(kept)).as("each once").hasSize(kept.size());
    assertThat(lines).as("each intact").containsAll(kept);

    PulseRun rerun = import_(file, store);

    StoppedImport.assertRerunAddsTheRest(rerun, LINES, kept.size());
    assertThat(exported(store)).as("every line once, intact").containsExactlyInAnyOrderElementsOf(lines);
  }

  @Test
  void ctrlCWhileLoadingWaitsForTheBatchesInFlightAndSaysHowManyRecordsTheDatabaseKeeps() throws Exception {
    List<String> lines = ExportLines.events(LINES);
    PostgresForTests.Database database = POSTGRES.newDatabase("import_interrupted");

    PulseRun.Started importing = importCommitted(database, lines);
    PulseRun stopped = StoppedImport.interrupt(importing);

    int said = StoppedImport.recordsSaidKept(stopped);
    List<String> kept = exported(database.storeUrl());
    assertThat(kept).as("the records it said, whole batches, at least the one the database showed").hasSize(said);
    assertThat(said).isIn(BATCH, 2 * BATCH);
    assertThat(new HashSet<>(kept)).as("each once").hasSize(kept.size());
    assertThat(lines.subList(0, 2 * BATCH)).as("each intact, from the batches it was given").containsAll(kept);
  }

  /**
   * Creates the store, starts an import from stdin into it, hands it two batches and the line that
   * ends the second, and returns once the database shows a batch committed. Its stdin stays open.
   */
  private PulseRun.Started importCommitted(PostgresForTests.Database database, List<String> lines) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.ndjson"), "");
    assertThat(import_(empty, database.storeUrl()).exitCode()).as("the store made before the load").isZero();
    PulseRun.Started importing = StoppedImport.fedTwoBatches(lines, BATCH, "--store", database.storeUrl());
    awaitCommitted(database);
    return importing;
  }

  /** Polls the database until a batch's rows are visible: its transaction committed. */
  private static void awaitCommitted(PostgresForTests.Database database) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        Statement statement = connection.createStatement()) {
      while (count(statement) == 0) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("waited 120 s for the import to commit a batch");
        }
        Thread.sleep(5); // polling interval, not synchronization
      }
    }
  }

  private static long count(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM component_events")) {
      rows.next();
      return rows.getLong(1);
    }
  }


  private static PulseRun import_(Path file, String store) throws Exception {
    return PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--batch-size",
        String.valueOf(BATCH), "--store", store);
  }

  private static List<String> exported(String store) throws Exception {
    PulseRun export = PulseRun.run(Map.of(), "export", "events", "--store", store);
    assertThat(export.exitCode()).as(export.output()).isZero();
    return export.output().lines().filter(l -> l.startsWith("{")).toList();
  }
}
