package dev.pulse.server.analytics;

import dev.pulse.server.threads.BackgroundThreads;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task that keeps rollups fresh: every {@code refreshInterval} it folds new raw records
 * into the rollups. It deletes nothing: raw records past their retention are the retention job's
 * ({@code retention.RetentionPruner}), through the store's one prune door. One daemon thread; a failed
 * run is logged and retried on the next tick, never thrown.
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
  private final ScheduledExecutorService executor;

  private RollupMaintenance(AnalyticsSource source, Settings settings) {
    this.source = source;
    this.settings = settings;
    this.executor = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.factory("pulse-rollups"));
  }

  /** Starts the task: a refresh right away, then every {@code refreshInterval}. */
  public static RollupMaintenance start(AnalyticsSource source, Settings settings) {
    RollupMaintenance maintenance = new RollupMaintenance(source, settings);
    maintenance.executor.scheduleWithFixedDelay(maintenance::refresh, 0,
        settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    return maintenance;
  }

  private void refresh() {
    try {
      source.refresh();
    } catch (RuntimeException e) {
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
