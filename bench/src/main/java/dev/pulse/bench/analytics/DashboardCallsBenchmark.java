package dev.pulse.bench.analytics;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.ErrorGroupRow;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.PostgresEventStore;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Times every analysis the dashboard calls, over a 90-day range, on a DuckDB data dir and a
 * PostgreSQL database holding the same records, and prints them side by side as a Markdown table.
 * Each store's rollups are refreshed first (timed: on a database just loaded, that is the first build).
 *
 * <p>Usage: {@code DashboardCallsBenchmark <duckdb-data-dir> <postgresql-store-url> [last-day] [runs]}.
 */
public final class DashboardCallsBenchmark {

  private DashboardCallsBenchmark() {}

  public static void main(String[] args) {
    Path duckDir = Path.of(args[0]);
    StoreLocation.Postgres postgres = (StoreLocation.Postgres) StoreLocation.parse(args[1], duckDir);
    LocalDate lastDay = LocalDate.parse(args.length > 2 ? args[2] : "2026-11-20");
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Map<String, double[]> figures = new LinkedHashMap<>();
    try (DuckDbEventStore store = DuckDbEventStore.open(duckDir)) {
      time("DuckDB", DuckDbAnalyticsSource.rollups(store), lastDay, runs, figures, 0);
    }
    try (PostgresEventStore store = PostgresEventStore.open(postgres, 4)) {
      time("PostgreSQL", PostgresAnalyticsSource.rollups(store), lastDay, runs, figures, 1);
    }
    System.out.println();
    System.out.println("| dashboard call (90 days, median of " + runs + ") | PostgreSQL | DuckDB | ratio |");
    System.out.println("|---|---:|---:|---:|");
    figures.forEach((name, ms) -> System.out.printf("| %s | %.0f ms | %.0f ms | %.1f |%n",
        name, ms[1], ms[0], ms[1] / Math.max(ms[0], 1)));
  }

  private static void time(String storeName, SqlAnalyticsSource source, LocalDate lastDay, int runs,
      Map<String, double[]> figures, int column) {
    long start = System.nanoTime();
    long folded = source.refresh();
    System.out.printf("%s refresh: %,d records folded in %.1f s%n", storeName, folded,
        (System.nanoTime() - start) / 1e9);
    Analytics analytics = new Analytics(source, Analytics.create(source).catalog(), false);
    for (Call call : calls(analytics, lastDay)) {
      figures.computeIfAbsent(call.name, n -> new double[2])[column] = median(call, analytics, runs);
    }
  }

  private static List<Call> calls(Analytics analytics, LocalDate lastDay) {
    AnalyticsQuery range = AnalyticsQuery.of(lastDay.minusDays(89), lastDay);
    AnalyticsQuery now = AnalyticsQuery.of(lastDay, lastDay);
    List<ErrorGroupRow> groups = analytics.errors(range);
    String fingerprint = groups.isEmpty() ? "none" : groups.get(0).fingerprint();
    List<Call> calls = new ArrayList<>();
    calls.add(new Call("active installs, rolling 7/28", a -> a.activeInstalls(range, Breakdown.NONE)));
    calls.add(new Call("active installs by component", a -> a.activeInstalls(range, Breakdown.COMPONENT)));
    calls.add(new Call("active installs by version", a -> a.activeInstalls(range, Breakdown.VERSION)));
    calls.add(new Call("new installs per day", a -> a.newInstalls(range, Period.DAY)));
    calls.add(new Call("versions now (last day)", a -> a.versions(now)));
    calls.add(new Call("versions per day", a -> a.versions(range)));
    calls.add(new Call("retention cohorts", a -> a.retention(range)));
    calls.add(new Call("lifecycle per week", a -> a.lifecycle(range, Period.WEEK)));
    calls.add(new Call("stickiness per month", a -> a.stickiness(range, Period.MONTH)));
    calls.add(new Call("features", a -> a.features(range)));
    calls.add(new Call("CLI usage", a -> a.cli(range)));
    calls.add(new Call("error groups", a -> a.errors(range)));
    calls.add(new Call("error detail", a -> a.error(range, fingerprint)));
    calls.add(new Call("error trend", a -> a.errorTrend(range, fingerprint)));
    calls.add(new Call("error versions", a -> a.errorVersions(range, fingerprint)));
    calls.add(new Call("releases", a -> a.releases(range)));
    calls.add(new Call("release adoption", a -> a.releaseAdoption(range)));
    return calls;
  }

  private record Call(String name, Consumer<Analytics> run) {}

  private static double median(Call call, Analytics analytics, int runs) {
    call.run.accept(analytics); // warm-up
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.run.accept(analytics);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[runs / 2];
  }
}
