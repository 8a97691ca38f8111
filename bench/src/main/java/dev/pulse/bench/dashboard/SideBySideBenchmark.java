package dev.pulse.bench.dashboard;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.ErrorGroupRow;
import dev.pulse.server.analytics.api.AnalysisRunner;
import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbBulkLoader;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.PostgresBulkLoader;
import dev.pulse.server.store.postgres.PostgresEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Generates one data set into both stores (a DuckDB data dir, and a PostgreSQL database: the one
 * given, or an embedded server), builds both stores' rollups, then times every call the dashboard
 * makes, on each store, side by side, and prints a Markdown table for {@code docs/performance.md}.
 *
 * <p>Usage: {@code SideBySideBenchmark [--installs 5000] [--days 90] [--runs 5] [--data-dir DIR]
 * [--postgres URL]}. Each figure is the median of {@code runs} calls after one warm-up, through the
 * API's dispatch ({@link AnalysisRunner}) with the refresh check the server makes before each
 * analysis. A data dir that already holds a store and a database that already holds records are
 * reused, not generated again. Not a test.
 */
public final class SideBySideBenchmark {

  private static final LocalDate LAST_DAY = LocalDate.parse("2026-11-20");

  private SideBySideBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int installs = Integer.parseInt(options.getOrDefault("--installs", "5000"));
    int days = Integer.parseInt(options.getOrDefault("--days", "90"));
    int runs = Integer.parseInt(options.getOrDefault("--runs", "5"));
    Path dataDir = Path.of(options.getOrDefault("--data-dir", "target/bench-side-by-side"));
    DataSetGenerator.Settings settings = DataSetGenerator.Settings.of(installs, days, LAST_DAY, 1);
    System.out.printf("data set: %,d installs over %d days ending %s, seed 1%n", installs, days, LAST_DAY);
    EmbeddedPostgres embedded = null;
    String url = options.get("--postgres");
    if (url == null) {
      embedded = EmbeddedPostgres.builder().start();
      url = "postgresql://localhost:" + embedded.getPort() + "/postgres?user=postgres";
      System.out.println("PostgreSQL: embedded, " + url);
    }
    StoreLocation.Postgres postgres = (StoreLocation.Postgres) StoreLocation.parse(url, dataDir);
    try {
      if (!Files.exists(dataDir.resolve(DuckDbEventStore.FILE_NAME))) {
        try (BulkLoader loader = DuckDbBulkLoader.open(dataDir)) {
          load("DuckDB", loader, settings);
        }
      }
      if (isEmpty(postgres)) {
        try (BulkLoader loader = PostgresBulkLoader.open(postgres)) {
          load("PostgreSQL", loader, settings);
        }
      }
      compare(dataDir, postgres, days, runs);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static void compare(Path dataDir, StoreLocation.Postgres postgres, int days, int runs) {
    try (DuckDbEventStore duckDb = DuckDbEventStore.open(dataDir);
        PostgresEventStore postgresStore = PostgresEventStore.open(postgres)) {
      Analytics onDuckDb = Analytics.create(DuckDbAnalyticsSource.rollups(duckDb));
      Analytics onPostgres = Analytics.create(PostgresAnalyticsSource.rollups(postgresStore));
      refresh("DuckDB", onDuckDb);
      refresh("PostgreSQL", onPostgres);
      String fingerprint = topError(onDuckDb, days);
      List<DashboardCall> calls = new ArrayList<>(DashboardCall.forRange(LAST_DAY, days, fingerprint));
      if (days != AnalyticsQuery.DEFAULT_RANGE_DAYS) {
        calls.addAll(DashboardCall.forRange(LAST_DAY, AnalyticsQuery.DEFAULT_RANGE_DAYS, fingerprint));
      }
      print(calls, new AnalysisRunner(onDuckDb), new AnalysisRunner(onPostgres), runs);
    }
  }

  private static void print(List<DashboardCall> calls, AnalysisRunner duckDb, AnalysisRunner postgres, int runs) {
    System.out.println();
    System.out.println("| page | call | DuckDB | PostgreSQL | PostgreSQL / DuckDB |");
    System.out.println("|---|---|---:|---:|---:|");
    Map<String, double[]> pages = new LinkedHashMap<>();
    for (DashboardCall call : calls) {
      double onDuckDb = median(call, duckDb, runs);
      double onPostgres = median(call, postgres, runs);
      double[] page = pages.computeIfAbsent(call.page() + " (" + call.days() + " days)", k -> new double[2]);
      page[0] += onDuckDb;
      page[1] += onPostgres;
      System.out.printf("| %s | %s | %,.0f ms | %,.0f ms | %.1f |%n",
          call.page(), call.label(), onDuckDb, onPostgres, onPostgres / onDuckDb);
    }
    for (Map.Entry<String, double[]> page : pages.entrySet()) {
      double[] sums = page.getValue();
      System.out.printf("| **%s, calls summed** | | **%,.0f ms** | **%,.0f ms** | **%.1f** |%n",
          page.getKey(), sums[0], sums[1], sums[1] / sums[0]);
    }
  }

  private static void load(String store, BulkLoader loader, DataSetGenerator.Settings settings) {
    long start = System.nanoTime();
    DataSetGenerator.Summary summary = new DataSetGenerator(settings.withBatchSize(loader.batchSize())).writeTo(
        (Consumer<RecordBatch>) loader::load, (done, total, records) -> {});
    loader.flush();
    double loading = seconds(start);
    long rollupStart = System.nanoTime();
    loader.refreshRollups();
    System.out.printf("%s: generated %,d records in %.1f s (%,.0f records/s), first rollup build %.1f s%n",
        store, summary.records(), loading, summary.records() / loading, seconds(rollupStart));
  }

  private static void refresh(String store, Analytics analytics) {
    long start = System.nanoTime();
    long folded = analytics.source().refresh();
    System.out.printf("%s: rollup refresh folded %,d records in %.1f s%n", store, folded, seconds(start));
  }

  private static boolean isEmpty(StoreLocation.Postgres postgres) throws Exception {
    try (PostgresEventStore store = PostgresEventStore.open(postgres);
        var connection = store.dataSource().getConnection();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM component_events)")) {
      rows.next();
      boolean empty = rows.getBoolean(1);
      connection.rollback();
      return empty;
    }
  }

  /** The most reported error of the range: the one the error page is timed with. */
  private static String topError(Analytics analytics, int days) {
    return analytics.errors(AnalyticsQuery.of(LAST_DAY.minusDays(days - 1L), LAST_DAY)).stream()
        .max(Comparator.comparingLong(ErrorGroupRow::count))
        .map(ErrorGroupRow::fingerprint)
        .orElse("none");
  }

  private static double median(DashboardCall call, AnalysisRunner runner, int runs) {
    call.run(runner); // warm-up: JIT, caches
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.run(runner);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[runs / 2];
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!List.of("--installs", "--days", "--runs", "--data-dir", "--postgres").contains(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --installs N --days N --runs N --data-dir DIR --postgres URL");
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
