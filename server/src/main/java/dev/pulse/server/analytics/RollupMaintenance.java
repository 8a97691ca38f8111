package dev.pulse.server.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task that keeps rollups fresh and raw records within their retention: every
 * {@code refreshInterval} it folds new raw records into the rollups; every {@code pruneInterval} it
 * deletes raw records received before the start of the UTC day {@code rawRetentionDays} ago (rollups
 * are kept). One daemon thread; a failed run is logged and retried on the next tick, never thrown.
 */
public final class RollupMaintenance implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RollupMaintenance.class);

  /**
   * @param refreshInterval how often new raw records are folded in (default 1 minute)
   * @param pruneInterval how often raw records past retention are deleted (default 1 hour)
   * @param rawRetentionDays how many UTC days of raw records are kept (default 90)
   */
  public record Settings(Duration refreshInterval, Duration pruneInterval, int rawRetentionDays) {

    public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(1), Duration.ofHours(1), 90);

    public Settings {
      Objects.requireNonNull(refreshInterval, "refreshInterval");
      Objects.requireNonNull(pruneInterval, "pruneInterval");
      if (refreshInterval.isNegative() || refreshInterval.isZero()) {
        throw new IllegalArgumentException("refreshInterval must be positive: " + refreshInterval);
      }
      if (pruneInterval.isNegative() || pruneInterval.isZero()) {
        throw new IllegalArgumentException("pruneInterval must be positive: " + pruneInterval);
      }
      if (rawRetentionDays < 1) {
        throw new IllegalArgumentException("rawRetentionDays must be at least 1: " + rawRetentionDays);
      }
    }
  }

  private final AnalyticsSource source;
  private final Settings settings;
  private final Clock clock;
  private final ScheduledExecutorService executor;

  private RollupMaintenance(AnalyticsSource source, Settings settings, Clock clock) {
    this.source = source;
    this.settings = settings;
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "pulse-rollups");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the task: a refresh and a prune right away, then on their intervals. */
  public static RollupMaintenance start(AnalyticsSource source, Settings settings, Clock clock) {
    RollupMaintenance maintenance = new RollupMaintenance(source, settings, clock);
    maintenance.executor.scheduleWithFixedDelay(maintenance::prune, 0,
        settings.pruneInterval().toMillis(), TimeUnit.MILLISECONDS);
    maintenance.executor.scheduleWithFixedDelay(maintenance::refresh,
        settings.refreshInterval().toMillis(), settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    return maintenance;
  }

  /** The first instant whose raw records are kept at {@code now}. */
  public static Instant retentionCutoff(Instant now, int rawRetentionDays) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return today.minusDays(rawRetentionDays).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Runs a prune now (refreshing first), on the caller's thread; returns raw records deleted. */
  public long pruneNow() {
    long deleted = source.pruneRawBefore(retentionCutoff(clock.instant(), settings.rawRetentionDays()));
    if (deleted > 0) {
      LOG.info("pruned {} raw records older than {} days (rollups kept)", deleted, settings.rawRetentionDays());
    }
    return deleted;
  }

  private void refresh() {
    try {
      source.refresh();
    } catch (RuntimeException e) {
      LOG.warn("rollup refresh failed; retrying in {} s", settings.refreshInterval().toSeconds(), e);
    }
  }

  private void prune() {
    try {
      pruneNow();
    } catch (RuntimeException e) {
      LOG.warn("pruning raw records failed; retrying in {} s", settings.pruneInterval().toSeconds(), e);
    }
  }

  /** Stops the task, letting a running refresh or prune finish. */
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
