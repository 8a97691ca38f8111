package dev.pulse.server.http;

import dev.pulse.server.ingest.IngestObserver;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.RecordBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's Prometheus metrics (names as scraped from {@code GET /metrics}):
 *
 * <ul>
 *   <li>{@code pulse_ingest_requests_total{outcome="accepted|rejected",reason}}: requests to the
 *       endpoint; {@code reason} is the error code a rejected request was answered with ({@code ok}
 *       when accepted). A rejected request stores none of its events.
 *   <li>{@code pulse_ingest_wrong_method_total}: requests to the endpoint with another method than
 *       POST (a scanner's GET or OPTIONS), answered 405; no component sends one, so they are not
 *       among the requests above, whose rejections raise an alert.
 *   <li>{@code pulse_ingest_records_total{kind="events|cli|errors"}}: records accepted and stored.
 *   <li>{@code pulse_ingest_request_duration_seconds}: endpoint latency as a histogram (p50/p99 via
 *       {@code histogram_quantile}).
 *   <li>{@code pulse_store_commit_duration_seconds}: group commit latency as a histogram.
 *   <li>{@code pulse_store_commit_records}: records per group commit.
 *   <li>{@code pulse_store_queue_depth}: requests waiting for the group commit writer.
 *   <li>{@code pulse_store_available}: 1 while the store takes writes, 0 while it refuses them
 *       (PostgreSQL unreachable, the group commit's breaker open; the embedded store not writable).
 *   <li>{@code pulse_build_info{version}}: always 1; the version of the running server.
 *   <li>Micrometer's JVM and process meters: {@code jvm_memory_*}, {@code jvm_gc_*}, {@code
 *       jvm_threads_*}, {@code process_cpu_usage}, {@code system_cpu_*}, {@code process_uptime_seconds}.
 * </ul>
 *
 * <p>Client-side percentiles are not published: the Prometheus format cannot carry them beside a
 * histogram of the same name, and the histogram lets Prometheus compute any quantile.
 *
 * <p>Thread-safe. Meters are looked up once per tag value and kept.
 */
public final class ServerMetrics
    implements IngestObserver, CommitObserver, AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Counter accepted;
  private final Counter wrongMethod;
  private final Counter events;
  private final Counter cliCommands;
  private final Counter errors;
  private final Timer requestLatency;
  private final Timer commitLatency;
  private final DistributionSummary commitRecords;
  // Listens to the JVM's GC notifications until closed.
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("pulse.build.info", () -> 1)
        .description("The running server's version; always 1")
        .tag("version", version())
        .register(registry);
    accepted = requests("accepted", "ok");
    wrongMethod = Counter.builder("pulse.ingest.wrong.method")
        .description("Requests to the telemetry endpoint with a method other than POST, answered 405")
        .register(registry);
    events = records("events");
    cliCommands = records("cli");
    errors = records("errors");
    requestLatency =
        Timer.builder("pulse.ingest.request.duration")
            .description("Latency of POST /telemetry/query, body read to answer")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    commitLatency =
        Timer.builder("pulse.store.commit.duration")
            .description("Latency of one group commit (write and fsync)")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    commitRecords =
        DistributionSummary.builder("pulse.store.commit.records")
            .description("Records written by one group commit")
            .register(registry);
  }

  private static String version() {
    String version = ServerMetrics.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** The registry, for other parts of the server to add meters to. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Reports the queue depth of the group commit store as a gauge. */
  public void watchQueueDepth(Supplier<Number> depth) {
    Gauge.builder("pulse.store.queue.depth", depth)
        .description("Requests waiting for the group commit writer")
        .register(registry);
  }

  /** Registers the gauge of the store's reachability: 1 reachable, 0 unreachable. */
  public void watchStoreAvailable(Supplier<Number> available) {
    Gauge.builder("pulse.store.available", available)
        .description("1 while the store is reachable; 0 while writes are refused because it is not")
        .register(registry);
  }

  /** Registers the gauge of records acknowledged and not yet applied to the database. */
  public void watchApplyBacklog(Supplier<Number> records) {
    Gauge.builder("pulse.store.apply.backlog", records)
        .description("Records acknowledged from the journal and not yet applied to the database")
        .baseUnit("records")
        .register(registry);
  }

  /** Registers the gauge of when the certificate the server serves expires, in Unix seconds. */
  public void watchCertificateExpiry(Supplier<Number> notAfterSeconds) {
    Gauge.builder("pulse.tls.certificate.not.after", notAfterSeconds)
        .description("When the TLS certificate the server serves expires, in seconds since 1970 (with --tls-cert)")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Registers the gauge of the bytes the telemetry bodies in flight hold ({@code maxBufferedBodyBytes}). */
  public void watchBufferedBodyBytes(Supplier<Number> bytes) {
    Gauge.builder("pulse.ingest.buffered.body", bytes)
        .description("Bytes held by the telemetry request bodies arriving or being ingested")
        .baseUnit("bytes")
        .register(registry);
  }

  /**
   * Registers the counters of wrong admin tokens and of tries refused 429 by the auth throttle. The
   * counters read {@code throttle} itself: Micrometer holds a function counter's object weakly, so a
   * lambda of its own would be collected and the counters would fall to 0.
   */
  public <T> void watchAuthFailures(T throttle, ToDoubleFunction<T> wrongTokens, ToDoubleFunction<T> refused) {
    FunctionCounter.builder("pulse.auth.wrong.tokens", throttle, wrongTokens)
        .description("Wrong admin tokens presented, at /login and as bearer tokens")
        .register(registry);
    FunctionCounter.builder("pulse.auth.refused", throttle, refused)
        .description("Tries refused with 429 after too many wrong admin tokens from one address")
        .register(registry);
  }

  /** Stops listening to the JVM's garbage collections; the other meters stay readable. */
  @Override
  public void close() {
    gcMetrics.close();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Records one endpoint request's latency. */
  public void requestTook(long nanos) {
    requestLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void accepted(RecordBatch batch) {
    accepted.increment();
    events.increment(batch.events().size());
    cliCommands.increment(batch.cliCommands().size());
    errors.increment(batch.errors().size());
  }

  @Override
  public void rejected(String reason) {
    rejected.computeIfAbsent(reason, r -> requests("rejected", r)).increment();
  }

  /** A request to the endpoint with another method than POST: no component's, so no rejection. */
  public void wrongMethod() {
    wrongMethod.increment();
  }

  @Override
  public void committed(int requests, int records, long nanos) {
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    commitRecords.record(records);
  }

  private Counter requests(String outcome, String reason) {
    return Counter.builder("pulse.ingest.requests")
        .description("Requests to the telemetry endpoint, by outcome and rejection reason")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }

  private Counter records(String kind) {
    return Counter.builder("pulse.ingest.records")
        .description("Records accepted and stored, by kind")
        .tag("kind", kind)
        .register(registry);
  }
}
