package dev.pulse.bench.store;

import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.DuckDbBulkLoader;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.PostgresBulkLoader;
import dev.pulse.server.store.postgres.PostgresEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How fast {@code DataSetGenerator} fills each store, the old way (every batch through {@link
 * EventStore#append}: the DuckDB journal, or one COPY transaction at a time) and through the store's
 * {@link BulkLoader}, back to back in one run. Rollups are not built. Each way gets a fresh DuckDB data
 * dir or PostgreSQL database (on one embedded server).
 *
 * <p>Usage: {@code GenerationBenchmark [installs=2000] [days=90]}. Not a test.
 */
public final class GenerationBenchmark {

  private static final LocalDate LAST_DAY = LocalDate.parse("2026-11-20");

  private GenerationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int installs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 90;
    DataSetGenerator.Settings settings = DataSetGenerator.Settings.of(installs, days, LAST_DAY, 1);
    System.out.println("| store | path | records | seconds | records/s | process CPU seconds |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    Path root = Files.createTempDirectory("pulse-generation-bench");
    run("DuckDB", "append (journal)", settings, () -> {
      DuckDbEventStore store = DuckDbEventStore.open(root.resolve("append"));
      return new Sink(store::append, () -> {
        awaitApplied(store);
        store.close();
      });
    });
    run("DuckDB", "bulk loader", settings, () -> sink(DuckDbBulkLoader.open(root.resolve("bulk"))));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      run("PostgreSQL", "append (COPY)", settings, () -> {
        PostgresEventStore store = PostgresEventStore.open(database(postgres, "append"));
        return new Sink(store::append, store::close);
      });
      run("PostgreSQL", "bulk loader", settings, () -> sink(PostgresBulkLoader.open(database(postgres, "bulk"))));
    }
  }

  private record Sink(Consumer<RecordBatch> batches, Runnable close, int batchSize) {
    Sink(Consumer<RecordBatch> batches, Runnable close) {
      this(batches, close, DataSetGenerator.Settings.DEFAULT_BATCH_SIZE);
    }
  }

  private static Sink sink(BulkLoader loader) {
    return new Sink(loader::load, loader::close, loader.batchSize());
  }

  private static void run(String store, String path, DataSetGenerator.Settings settings, Supplier<Sink> open) {
    Sink sink = open.get();
    long start = System.nanoTime();
    double cpuStart = cpuSeconds();
    DataSetGenerator.Summary summary = new DataSetGenerator(settings.withBatchSize(sink.batchSize()))
        .writeTo(sink.batches(), (d, t, r) -> {});
    sink.close().run();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("| %s | %s | %,d | %.1f | %,.0f | %.1f |%n", store, path, summary.records(), seconds,
        summary.records() / seconds, cpuSeconds() - cpuStart);
  }

  /** Until DuckDB holds every journaled record: the append path's work is done only then. */
  private static void awaitApplied(EventStore store) {
    while (store.unappliedRecords() > 0) {
      try {
        Thread.sleep(50); // a benchmark's poll, not a test's synchronization
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static StoreLocation.Postgres database(EmbeddedPostgres postgres, String name) {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return (StoreLocation.Postgres) StoreLocation.parse(
        "postgresql://localhost:" + postgres.getPort() + "/" + name + "?user=postgres", Path.of("."));
  }

  /** This JVM's CPU time (the database server's, for PostgreSQL, is not in it). */
  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }
}
