package dev.pulse.bench.store;

import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.GroupCommitStore;
import dev.pulse.server.store.postgres.PostgresEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Durable appends of 100-event batches from N threads, as a server makes them: into DuckDB (a
 * temporary data dir; its journal groups concurrent appends) and, through a {@link GroupCommitStore},
 * PostgreSQL (an embedded server on loopback, or {@code --url}). Prints
 * events/s (counted until the database holds every record: the DuckDB store acknowledges from its
 * journal and applies behind), how many requests each commit carried, commit latency and
 * acknowledgement latency.
 *
 * <pre>
 * java -cp bench/target/pulse-bench.jar:... dev.pulse.bench.store.StoreBenchmark \
 *     [--store duckdb|postgresql|both] [--threads 16] [--seconds 20] [--url postgresql://...]
 *     [--servers 1]   (PostgreSQL: that many stores, each with its own pool and group commit)
 *     [--writers N]   (PostgreSQL: group-commit writer threads per store; default: the store's choice, 3)
 * </pre>
 */
public final class StoreBenchmark {

  static final int EVENTS_PER_BATCH = 100;

  /** What one run measured. */
  record Result(
      String store, int threads, long events, double seconds, long commits, double requestsPerCommit,
      Percentiles commit, Percentiles ack) {

    @Override
    public String toString() {
      return String.format(
          "%-14s threads=%3d events/s=%,10.0f commits=%,7d requests/commit=%6.1f"
              + " commit p50=%6.2f p99=%6.2f ms  ack p50=%6.2f p99=%6.2f ms",
          store, threads, events / seconds, commits, requestsPerCommit, commit.p50Millis(), commit.p99Millis(),
          ack.p50Millis(), ack.p99Millis());
    }
  }

  record Percentiles(double p50Millis, double p99Millis) {

    static Percentiles of(long[] nanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Percentiles(at(sorted, 0.50), at(sorted, 0.99));
    }

    private static double at(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
  }

  /** Group-commit writer threads per PostgreSQL store; 0 for the store's own choice. */
  private static int writers;

  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    String store = option(args, "--store", "both");
    int threads = Integer.parseInt(option(args, "--threads", "16"));
    Duration duration = Duration.ofSeconds(Long.parseLong(option(args, "--seconds", "20")));
    String url = option(args, "--url", null);
    int servers = Integer.parseInt(option(args, "--servers", "1"));
    writers = Integer.parseInt(option(args, "--writers", "0"));
    System.out.printf(
        "# %d cores, %d threads x %d-event batches, %s per store%n",
        Runtime.getRuntime().availableProcessors(), threads, EVENTS_PER_BATCH, duration);
    if (!store.equals("postgresql")) {
      Path dir = Files.createTempDirectory("pulse-bench-duckdb");
      System.out.println(
          run("duckdb", List.of(observer -> DuckDbEventStore.open(dir, 0, observer)), threads, duration));
    }
    if (!store.equals("duckdb")) {
      if (url != null) {
        runPostgres(postgres(url), servers, threads, duration);
      } else {
        try (EmbeddedPostgres server = embedded()) {
          runPostgres(
              new StoreLocation.Postgres(
                  "jdbc:postgresql://localhost:" + server.getPort() + "/postgres", "postgres", ""),
              servers, threads, duration);
        }
      }
    }
  }

  private static void runPostgres(
      StoreLocation.Postgres location, int servers, int threads, Duration duration) throws Exception {
    List<Function<CommitObserver, EventStore>> stores = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      stores.add(observer -> {
        PostgresEventStore store = PostgresEventStore.open(location);
        int threadsPerStore = writers > 0 ? writers : store.concurrentCommits();
        return new GroupCommitStore(store, observer, GroupCommitStore.DEFAULT_MAX_GROUP_RECORDS, threadsPerStore);
      });
    }
    String name = "postgresql" + (servers == 1 ? "" : " x" + servers) + (writers == 0 ? "" : " w" + writers);
    System.out.println(run(name, stores, threads, duration));
  }

  private static StoreLocation.Postgres postgres(String url) {
    if (StoreLocation.parse(url, Path.of(".")) instanceof StoreLocation.Postgres postgres) {
      return postgres;
    }
    throw new IllegalArgumentException("--url must be a postgresql:// URL");
  }

  // The embedded server's own defaults turn synchronous_commit off; the store sets it on per
  // session anyway, and fsync stays on, so commits here cost what they cost in production.
  private static EmbeddedPostgres embedded() throws IOException {
    return EmbeddedPostgres.builder()
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("max_wal_size", "4GB")
        .start();
  }

  /**
   * Runs against one or more stores, each opened as in a separate server, telling one observer of
   * every commit; thread {@code t} sends to store {@code t % stores}.
   */
  static Result run(String name, List<Function<CommitObserver, EventStore>> openers, int threads, Duration duration)
      throws Exception {
    Commits commits = new Commits();
    List<EventStore> stores = new ArrayList<>();
    for (Function<CommitObserver, EventStore> opener : openers) {
      stores.add(opener.apply(commits));
    }
    long[][] acks = new long[threads][];
    long events = 0;
    double seconds;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      long start = System.nanoTime();
      long deadline = start + duration.toNanos();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        EventStore store = stores.get(t % stores.size());
        results.add(pool.submit(() -> sendUntil(store, thread, deadline)));
      }
      for (int t = 0; t < threads; t++) {
        acks[t] = results.get(t).get();
        events += (long) acks[t].length * EVENTS_PER_BATCH;
      }
      // The DuckDB store acknowledges from its journal: count until the database has the records too.
      while (stores.stream().anyMatch(store -> store.unappliedRecords() > 0)) {
        Thread.sleep(10);
      }
      seconds = (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdown();
      stores.forEach(EventStore::close);
    }
    long[] allAcks = Arrays.stream(acks).flatMapToLong(Arrays::stream).toArray();
    long[] allCommits = commits.nanos();
    return new Result(
        name, threads, events, seconds, allCommits.length,
        (double) commits.requests() / allCommits.length, Percentiles.of(allCommits),
        Percentiles.of(allAcks));
  }

  /** Commit latencies from every store's writer thread. */
  private static final class Commits implements CommitObserver {
    private long[] nanos = new long[1 << 12];
    private int count;
    private long requests;

    @Override
    public synchronized void committed(int groupRequests, int records, long commitNanos) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = commitNanos;
      requests += groupRequests;
    }

    synchronized long[] nanos() {
      return Arrays.copyOf(nanos, count);
    }

    synchronized long requests() {
      return requests;
    }
  }

  /** Appends until the deadline; returns each append's latency in nanoseconds. */
  private static long[] sendUntil(EventStore store, int thread, long deadline) {
    long[] latencies = new long[1 << 12];
    int count = 0;
    long sequence = 0;
    while (System.nanoTime() < deadline) {
      RecordBatch batch = batch(thread, sequence++);
      long start = System.nanoTime();
      store.append(batch);
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = System.nanoTime() - start;
    }
    return Arrays.copyOf(latencies, count);
  }

  /** A network mapper's batch: one install, 100 events of a few types, as the real client sends. */
  static RecordBatch batch(int thread, long sequence) {
    Instant now = Instant.now();
    String contextKey = String.format("%064x", thread * 1_000_003L + sequence % 1_000);
    Component component =
        new Component(ComponentType.NETWORK_MAPPER, "instance-" + thread + "-" + sequence, contextKey, "v1.5.0", "");
    EventType[] types = {EventType.SERVICE_DISCOVERED, EventType.ACTIVE, EventType.STARTED};
    List<StoredEvent> events = new ArrayList<>(EVENTS_PER_BATCH);
    for (int i = 0; i < EVENTS_PER_BATCH; i++) {
      events.add(new StoredEvent(now, component, new TelemetryData(types[i % types.length], i, "")));
    }
    return RecordBatch.ofEvents(events);
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
