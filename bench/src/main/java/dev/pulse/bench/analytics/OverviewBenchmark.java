package dev.pulse.bench.analytics;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.PostgresEventStore;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates a large data set (default 100,000 installs over 90 days, about 100 million raw events)
 * into a DuckDB data dir, rolls it up, then times every analysis behind the dashboard's Overview page
 * (active installs with rolling windows, new installs, versions) from the rollups and from a raw scan
 * of the same queries. Prints the figures as a Markdown table for {@code docs/performance.md}.
 *
 * <p>Usage: {@code OverviewBenchmark <data-dir> [installs] [days] [runs] [rollups-only]}; an existing
 * data dir is reused (not regenerated). The raw scans take minutes on the full data set. In place of
 * the data dir, a PostgreSQL store URL ({@code postgresql://host:port/db?user=..&password=..}) runs
 * the same queries on PostgreSQL (loaded beforehand, e.g. with {@code DuckDbToPostgres}).
 */
public final class OverviewBenchmark {

  private static final LocalDate LAST_DAY = LocalDate.parse("2026-11-20");

  private OverviewBenchmark() {}

  public static void main(String[] args) {
    Path dataDir = Path.of(args.length > 0 ? args[0] : "target/bench-analytics");
    int installs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 90;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    boolean withRawScan = !(args.length > 4 && args[4].equals("rollups-only"));
    if (args.length > 0 && args[0].contains("://")
        && StoreLocation.parse(args[0], dataDir) instanceof StoreLocation.Postgres postgres) {
      try (PostgresEventStore store = PostgresEventStore.open(postgres)) {
        run(PostgresAnalyticsSource.rollups(store), PostgresAnalyticsSource.rawScan(store), days, runs, withRawScan);
      }
      return;
    }
    boolean fresh = !Files.exists(dataDir.resolve(DuckDbEventStore.FILE_NAME));
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      if (fresh) {
        generate(store, installs, days);
      }
      run(DuckDbAnalyticsSource.rollups(store), DuckDbAnalyticsSource.rawScan(store), days, runs, withRawScan);
    }
  }

  private static void run(SqlAnalyticsSource rollupSource, SqlAnalyticsSource rawSource, int days, int runs,
      boolean withRawScan) {
    long start = System.nanoTime();
    long folded = rollupSource.refresh();
    System.out.printf("rollup refresh: %,d raw records folded in %.1f s%n", folded, seconds(start));
    Analytics rollups = new Analytics(rollupSource, Analytics.create(rollupSource).catalog(), true);
    Analytics raw = new Analytics(rawSource, rollups.catalog(), false);
    AnalyticsQuery range = AnalyticsQuery.of(LAST_DAY.minusDays(days - 1L), LAST_DAY);
    AnalyticsQuery now = AnalyticsQuery.of(LAST_DAY, LAST_DAY);
    AnalyticsQuery month = AnalyticsQuery.of(LAST_DAY.minusDays(27), LAST_DAY);
    List<Query> overview = List.of(
        new Query("active-installs (" + days + " days, rolling 7/28)", a -> a.activeInstalls(range, Breakdown.NONE)),
        new Query("active-installs by component", a -> a.activeInstalls(range, Breakdown.COMPONENT)),
        new Query("new-installs per day", a -> a.newInstalls(range, Period.DAY)),
        new Query("versions now (last day)", a -> a.versions(now)),
        new Query("versions over the range", a -> a.versions(range)));
    System.out.println();
    System.out.println("| query | rollups (median of " + runs + ") | raw scan (median of " + Math.min(runs, 3) + ") |");
    System.out.println("|---|---:|---:|");
    double rollupTotal = 0;
    double rawTotal = 0;
    for (Query query : overview) {
      double fromRollups = median(query, rollups, runs);
      double fromRaw = withRawScan ? median(query, raw, Math.min(runs, 3)) : Double.NaN;
      rollupTotal += fromRollups;
      rawTotal += fromRaw;
      System.out.printf("| %s | %.0f ms | %.0f ms |%n", query.name, fromRollups, fromRaw);
    }
    System.out.printf("| **Overview page, all together** | **%.0f ms** | **%.0f ms** |%n", rollupTotal, rawTotal);
    // The Features page's analysis, rollups only (its raw scan is the slowest of all).
    for (Query query : List.of(new Query("features (28 days)", a -> a.features(month)),
        new Query("features (" + days + " days)", a -> a.features(range)))) {
      System.out.printf("| %s | %.0f ms | |%n", query.name, median(query, rollups, runs));
    }
  }

  private static void generate(DuckDbEventStore store, int installs, int days) {
    long start = System.nanoTime();
    DataSetGenerator.Summary summary = new DataSetGenerator(DataSetGenerator.Settings.of(installs, days, LAST_DAY, 1))
        .writeTo(store, (done, total, records) -> {
          if (done % 10 == 0 || done == total) {
            System.out.printf("day %d/%d: %,d records, %.0f s%n", done, total, records, seconds(start));
          }
        });
    double took = seconds(start);
    System.out.printf("generated %,d events, %,d CLI commands, %,d errors in %.1f s (%,.0f records/s)%n",
        summary.events(), summary.cliCommands(), summary.errors(), took, summary.records() / took);
  }

  private record Query(String name, Consumer<Analytics> run) {}

  private static double median(Query query, Analytics analytics, int runs) {
    query.run.accept(analytics); // warm-up: JIT and DuckDB's caches
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      query.run.accept(analytics);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[runs / 2];
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

}
