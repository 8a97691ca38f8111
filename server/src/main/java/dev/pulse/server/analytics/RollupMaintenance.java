package dev.pulse.server.analytics;

import dev.pulse.server.threads.BackgroundThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task that keeps rollups fresh: every {@code refreshInterval} it folds new raw records
 * into the rollups. It deletes nothing: raw records past their retention are the retention job's
 * ({@code retention.RetentionPruner}), through the store's one prune door. One daemon thread; a failed
 * run is logged and retried on the next tick, never thrown.
 *
 * <p>A refresh that fails in the background fails no request (a read refreshes before it answers), so
 * each run's outcome is counted, {@code pulse_rollup_refreshes_total{outcome}}, and
 * {@code pulse_rollup_last_success_seconds} tells when one last succeeded, for an alert.
 */
public final class RollupMaintenance implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RollupMaintenance.class);

  /** @param refreshInterval how often new raw records are folded in (default 1 minute) */
  public record Settings(Duration refreshInterval) {

    public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(1));

    public Settings {
      Objects.requireNonNull(refreshInterval, "refreshInterval");
      if (refreshInterval.isNegative() || refreshInterval.isZero()) {
        throw new IllegalArgumentException("refreshInterval must be positive: " + refreshInterval);
      }
    }
  }

  private final AnalyticsSource source;
  private final Settings settings;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Counter succeeded;
  private final Counter failed;
  /** When a refresh last succeeded, in seconds since the epoch; 0 before the first. */
  private final AtomicLong lastSuccess = new AtomicLong();

  private RollupMaintenance(AnalyticsSource source, Settings settings, Clock clock, MeterRegistry meters) {
    this.source = source;
    this.settings = settings;
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.factory("pulse-rollups"));
    this.succeeded = runs(meters, "succeeded");
    this.failed = runs(meters, "failed");
    Gauge.builder("pulse.rollup.last.success", lastSuccess, AtomicLong::get).baseUnit("seconds")
        .description("When a background rollup refresh last succeeded, seconds since the epoch; 0 before the first")
        .register(meters);
  }

  /** Starts the task: a refresh right away, then every {@code refreshInterval}; outcomes counted in {@code meters}. */
  public static RollupMaintenance start(AnalyticsSource source, Settings settings, Clock clock, MeterRegistry meters) {
    RollupMaintenance maintenance = new RollupMaintenance(source, settings, clock, meters);
    maintenance.executor.scheduleWithFixedDelay(maintenance::refresh, 0,
        settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    return maintenance;
  }

  private static Counter runs(MeterRegistry meters, String outcome) {
    return Counter.builder("pulse.rollup.refreshes").tag("outcome", outcome)
        .description("Background rollup refreshes, by outcome").register(meters);
  }

  private void refresh() {
    try {
      source.refresh();
      lastSuccess.set(clock.instant().getEpochSecond());
      succeeded.increment();
    } catch (RuntimeException e) {
      failed.increment();
      // One line: a store that cannot be written (a full disk) fails every refresh until it recovers.
      LOG.warn("rollup refresh failed ({}); retrying in {} s", e.getMessage(), settings.refreshInterval().toSeconds());
      LOG.debug("rollup refresh failure", e);
    }
  }

  /** Stops the task, letting a running refresh finish. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
