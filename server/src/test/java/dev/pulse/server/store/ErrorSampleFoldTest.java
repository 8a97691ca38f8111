package dev.pulse.server.store;

import static dev.pulse.server.store.SqlRows.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ReportedError;
import dev.pulse.server.store.duckdb.DuckDbBulkLoader;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresBulkLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The rollups keep one error sample per fingerprint and install, the latest received. A report that
 * an import brings in after a later one was folded (received earlier, numbered later) neither
 * replaces that sample nor adds a second one; a report received later does replace it.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class ErrorSampleFoldTest {

  private static final String SAMPLES = "SELECT fingerprint, context_key, message FROM rollup_error_sample";

  @TempDir Path dataDir;

  @Test
  void duckDbKeepsOneSamplePerErrorAndInstallTheLatestReceived() {
    foldInTurn(() -> DuckDbBulkLoader.open(dataDir), () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
          Connection connection = store.newConnection();
          Statement statement = connection.createStatement()) {
        return lines(statement, SAMPLES);
      }
    });
  }

  @Test
  void postgresKeepsOneSamplePerErrorAndInstallTheLatestReceived() {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    foldInTurn(() -> PostgresBulkLoader.open(database), () -> {
      try (Connection connection = EmbeddedPostgresServer.adminConnection(database);
          Statement statement = connection.createStatement()) {
        return lines(statement, SAMPLES);
      }
    });
  }

  /**
   * Three reports of one error by one install, each loaded and folded in turn: the one received first
   * is loaded second. After each fold, the stored samples are checked.
   */
  private static void foldInTurn(Supplier<BulkLoader> open, Callable<String> samples) {
    Instant noon = Records.T0;
    List<StoredError> reports = List.of(report("received second", noon),
        report("received first", noon.minus(Duration.ofHours(1))),
        report("received last", noon.plus(Duration.ofHours(1))));
    List<String> kept = List.of("received second", "received second", "received last");
    for (int i = 0; i < reports.size(); i++) {
      try (BulkLoader loader = open.get()) {
        loader.load(RecordBatch.ofErrors(List.of(reports.get(i))));
        assertThat(loader.refreshRollups()).isEqualTo(1);
      }
      assertThat(call(samples)).as("after report %d", i + 1).isEqualTo("fp-1 ctx-i-1 " + kept.get(i) + "\n");
    }
  }

  private static String call(Callable<String> query) {
    try {
      return query.call();
    } catch (Exception e) {
      throw new AssertionError("reading the samples failed", e);
    }
  }

  private static StoredError report(String message, Instant at) {
    StoredError error = Records.error("i-1");
    ReportedError e = error.error();
    return new StoredError(at, error.component(), error.fingerprint(),
        new ReportedError(message, e.errorClass(), e.cause(), e.stack(), e.metadata()));
  }
}
