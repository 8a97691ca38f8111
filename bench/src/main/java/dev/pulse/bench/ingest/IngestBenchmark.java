package dev.pulse.bench.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The ingest benchmark of {@code docs/performance.md}. Start a server first, with the no-op endpoint
 * enabled ({@code java -jar cli/target/pulse.jar serve --data-dir /tmp/bench --bench-noop-endpoint}),
 * then run this against it:
 *
 * <pre>
 * java -cp bench/target/pulse-bench.jar dev.pulse.bench.ingest.IngestBenchmark \
 *     [base-url=http://127.0.0.1:8080[,http://127.0.0.1:8081,...]] [connections=64] [seconds=20]
 *     [gzip=false] [full-events-per-second=N]   (the full load to halve; default: what this run measured)
 *     [phases=durable,noop,half]   (the measurements to take, in this order)
 *     [half-seconds=120]   (how long the half-load run lasts)
 * </pre>
 *
 * <p>It measures, on the same server: the durable endpoint at full load, then waits until the
 * database has applied everything acknowledged (the DuckDB store acknowledges from its journal) and
 * reports the sustained rate, counting that wait; the no-op endpoint (reads the body, answers 200) at
 * full load, the HTTP layer's limit; and the durable endpoint at half the sustained rate, for latency
 * at a load the server can hold. Prints events/s, p50, p99 and the ratios.
 *
 * <p>With several comma-separated base URLs (several servers on one database), every run spreads the
 * connections over them round-robin, the no-op run included, and the figures are the totals.
 */
public final class IngestBenchmark {

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<URI> bases =
        Arrays.stream(arg(args, "base-url", "http://127.0.0.1:8080").split(",")).map(URI::create).toList();
    List<URI> durableUris = bases.stream().map(base -> base.resolve("/telemetry/query")).toList();
    List<URI> noopUris = bases.stream().map(base -> base.resolve("/bench/noop")).toList();
    int connections = Integer.parseInt(arg(args, "connections", "64"));
    Duration duration = Duration.ofSeconds(Long.parseLong(arg(args, "seconds", "20")));
    boolean gzip = Boolean.parseBoolean(arg(args, "gzip", "false"));
    LoadGenerator generator = LoadGenerator.create(1_000, gzip);

    System.out.printf("warm-up (%d s)...%n", Math.min(10, duration.toSeconds()));
    generator.run(durableUris, connections, Duration.ofSeconds(Math.min(10, duration.toSeconds())), 0);
    ApplyBacklog.awaitEmpty(bases);

    // A subset of the phases, e.g. phases=half full-events-per-second=100000, repeats one measurement.
    List<String> phases = List.of(arg(args, "phases", "durable,noop,half").split(","));
    LoadGenerator.Result durable = null;
    double sustained = Double.NaN;
    LoadGenerator.Result noop = null;
    if (phases.contains("durable")) {
      durable = generator.run(durableUris, connections, duration, 0);
      System.out.println(durable);
      // Acknowledged is not yet applied: count the time the database took to catch up, so that the
      // rate is one the server can hold, and the next phase starts on a quiet server.
      Duration drain = ApplyBacklog.awaitEmpty(bases);
      sustained = durable.events() / (durable.seconds() + drain.toMillis() / 1000.0);
      System.out.printf("applied %.1f s after the last acknowledgement: sustained events/s = %,.0f%n",
          drain.toMillis() / 1000.0, sustained);
    }
    if (phases.contains("noop")) {
      noop = generator.run(noopUris, connections, duration, 0);
      System.out.println(noop);
    }
    if (phases.contains("half")) {
      // Half the sustained rate just measured, or half of a rate given (e.g. measured by wrk).
      String measured = durable == null ? null : String.valueOf(sustained);
      String full = arg(args, "full-events-per-second", measured);
      if (full == null) {
        throw new IllegalArgumentException("phases=half without durable needs full-events-per-second=N");
      }
      double halfRate = Double.parseDouble(full) / 2 / LoadGenerator.EVENTS_PER_BATCH;
      // Long enough to hold several DuckDB checkpoints and a rollup refresh, stalls that come every
      // half minute or so: a window shorter than that measures luck.
      Duration halfDuration = Duration.ofSeconds(Long.parseLong(arg(args, "half-seconds", "120")));
      LoadGenerator.Result half = generator.run(durableUris, connections, halfDuration, halfRate);
      System.out.println(half + "  (at half load)");
    }
    if (durable != null && noop != null) {
      System.out.printf("ratio durable/no-op = %.2f acknowledged, %.2f sustained%n",
          durable.eventsPerSecond() / noop.eventsPerSecond(), sustained / noop.eventsPerSecond());
    }
  }

  private static String arg(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return arg.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
