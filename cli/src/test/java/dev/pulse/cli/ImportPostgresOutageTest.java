package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse import} into PostgreSQL while the database stops mid-load (a real embedded
 * PostgreSQL, stopped, then started again on its data dir): the import stops with a message that says
 * what happened and what to do, keeps the batches committed before, and a rerun once the database is
 * back adds exactly the rest.
 */
class ImportPostgresOutageTest {

  /** The import's --batch-size, a transaction each: three batches make the test, not their size. */
  private static final int BATCH = 5_000;

  @TempDir Path dir;

  @Test
  void anImportWhoseDatabaseStopsMidLoadKeepsItsCommittedBatchesAndARerunAddsExactlyTheRest() throws Exception {
    List<String> lines = ExportLines.events(3 * BATCH);
    Path file = dir.resolve("events.ndjson");
    Files.write(file, lines);
    Path data = dir.resolve("postgres");
    int port = freePort();
    String store = "postgresql://localhost:" + port + "/postgres?user=postgres";

    PulseRun stopped;
    try (EmbeddedPostgres postgres = start(data, port)) {
      // The import reads stdin, so the test decides when the database stops: after two batches.
      PulseRun.Started importing = PulseRun.start(null, Map.of(), "import", "-", "--kind", "events",
          "--batch-size", String.valueOf(BATCH), "--store", store);
      try (Writer in = new OutputStreamWriter(importing.stdin(), StandardCharsets.UTF_8)) {
        write(in, lines.subList(0, 2 * BATCH + 1)); // the line after a full batch commits it
        awaitRows(postgres, 2 * BATCH);
        postgres.close();
        write(in, lines.subList(2 * BATCH + 1, lines.size()));
      } catch (IOException e) {
        // The import ended before reading everything; its output below says why.
      }
      stopped = importing.await();
    }

    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(1);
    assertThat(stopped.output()).contains("pulse import: stopped: ")
        // Named an outage whether the stop came between statements or in the middle of one.
        .contains("PostgreSQL is down or unreachable")
        .contains("The batches imported before it are kept: once that is fixed, run the same import again")
        .doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("org.postgresql");
    try (EmbeddedPostgres postgres = start(data, port)) {
      assertThat(rows(postgres)).as("the two batches committed before the stop").isEqualTo(2 * BATCH);

      PulseRun rerun = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events",
          "--batch-size", String.valueOf(BATCH), "--store", store);

      assertThat(rerun.exitCode()).as(rerun.output()).isZero();
      assertThat(rerun.output()).contains("imported " + PulseRun.count(BATCH) + " events into")
          .contains("skipped " + PulseRun.count(2 * BATCH) + " already present");
      PulseRun export = PulseRun.run(Map.of(), "export", "events", "--store", store);
      assertThat(export.exitCode()).as(export.output()).isZero();
      assertThat(export.output().lines().filter(l -> l.startsWith("{")).toList())
          .as("every line once, intact").containsExactlyInAnyOrderElementsOf(lines);
    }
  }

  /** PostgreSQL on {@code data} (created on the first start, kept after) and a fixed port. */
  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  private static void write(Writer in, List<String> lines) throws IOException {
    for (String line : lines) {
      in.write(line);
      in.write('\n');
    }
    in.flush();
  }

  private static long rows(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM component_events")) {
      count.next();
      return count.getLong(1);
    }
  }

  /** Polls until the table holds {@code expected} rows; the import creates it, so it may not exist yet. */
  private static void awaitRows(EmbeddedPostgres postgres, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long seen = -1;
    while (seen != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 120 s for " + expected + " rows; saw " + seen);
      }
      try {
        seen = rows(postgres);
      } catch (SQLException e) {
        seen = -1; // no table yet
      }
      Thread.sleep(20); // polling interval, not synchronization
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
