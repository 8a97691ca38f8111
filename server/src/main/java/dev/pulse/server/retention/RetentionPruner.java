package dev.pulse.server.retention;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.RecordPruner;
import dev.pulse.server.store.RetentionPeers;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.threads.BackgroundThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one job that deletes raw records for their age: those past their {@link RetentionPolicy}, through
 * the store's prune door ({@link RecordPruner}), which keeps what the rollups say. In the background: on
 * a daemon thread, every
 * {@code interval}, each kind in chunks of {@code chunkSize} records, one short transaction per
 * chunk with a pause in between. On DuckDB a chunk holds the writer lock that appends share, so
 * small chunks and the pause are what keep ingestion flowing while a large backlog is pruned.
 *
 * <p>Never throws into the host: a failed run is logged, counted in {@code pulse_retention_runs_total{outcome}}
 * and tried again at the next run; {@code pulse_retention_last_success_seconds} tells when one last
 * succeeded. Thread-safe.
 */
public final class RetentionPruner implements AutoCloseable {

  /** How often pruning runs by default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  /** Records per delete transaction by default. */
  public static final int DEFAULT_CHUNK_SIZE = 5_000;

  /** The pause between chunks by default. */
  public static final Duration DEFAULT_PAUSE = Duration.ofMillis(20);

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);

  private final RecordPruner store;
  private final RetentionPeers peers;
  /** This server among those sharing the store, for as long as it runs. */
  private final String server = UUID.randomUUID().toString();
  private final RetentionPolicy policy;
  private final Clock clock;
  private final int chunkSize;
  private final Duration pause;
  private final ScheduledExecutorService scheduler;
  /** When a scheduled run last succeeded, in seconds since the epoch; 0 before the first. */
  private final AtomicLong lastSuccess = new AtomicLong();
  /** The retention last pruned at, when another server's made it longer than this one's; told once. */
  private final AtomicReference<Map<RecordKind, Integer>> told = new AtomicReference<>(Map.of());

  private RetentionPruner(RecordPruner store, RetentionPeers peers, RetentionPolicy policy, Clock clock,
      int chunkSize, Duration pause) {
    this.store = Objects.requireNonNull(store, "store");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
    }
    if (pause.isNegative()) {
      throw new IllegalArgumentException("pause must be non-negative: " + pause);
    }
    this.chunkSize = chunkSize;
    this.pause = pause;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.factory("pulse-retention"));
  }

  /** A pruner with the defaults that has not been scheduled: call {@link #pruneNow} yourself. */
  public static RetentionPruner create(RecordPruner store, RetentionPolicy policy, Clock clock) {
    return create(store, RetentionPeers.ALONE, policy, clock);
  }

  /**
   * As {@link #create(RecordPruner, RetentionPolicy, Clock)}, for a store {@code peers} share: records
   * are pruned at the longest retention any server sharing it keeps.
   */
  public static RetentionPruner create(RecordPruner store, RetentionPeers peers, RetentionPolicy policy, Clock clock) {
    return new RetentionPruner(store, peers, policy, clock, DEFAULT_CHUNK_SIZE, DEFAULT_PAUSE);
  }

  /** As {@link #create}, with the chunk size and pause between chunks given. */
  public static RetentionPruner create(
      RecordPruner store, RetentionPolicy policy, Clock clock, int chunkSize, Duration pause) {
    return new RetentionPruner(store, RetentionPeers.ALONE, policy, clock, chunkSize, pause);
  }

  /**
   * Starts pruning every {@code interval}, the first run one minute from now (not at start-up,
   * when the server has better things to do); each run's outcome is counted in {@code meters}.
   */
  public RetentionPruner schedule(Duration interval, MeterRegistry meters) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    Counter succeeded = runs(meters, "succeeded");
    Counter failed = runs(meters, "failed");
    Gauge.builder("pulse.retention.last.success", lastSuccess, AtomicLong::get).baseUnit("seconds")
        .description("When a retention run last succeeded, seconds since the epoch; 0 before the first")
        .register(meters);
    long period = interval.toMillis();
    scheduler.scheduleWithFixedDelay(() -> {
      boolean ran = pruneQuietly();
      if (Thread.currentThread().isInterrupted()) {
        return; // cut short by close(): neither a success nor a failure
      }
      if (ran) {
        lastSuccess.set(clock.instant().getEpochSecond());
        succeeded.increment();
      } else {
        failed.increment();
      }
    }, Math.min(60_000, period), period, TimeUnit.MILLISECONDS);
    // Plain numbers, not toString() of Java objects: log lines are read by people and parsers.
    LOG.info("retention: events {}, CLI commands {}, errors {}; pruned every {} s", days(policy, RecordKind.EVENTS),
        days(policy, RecordKind.CLI_COMMANDS), days(policy, RecordKind.ERRORS), interval.toSeconds());
    return this;
  }

  /** "90 days", "1 day": how long the policy keeps records of {@code kind}. */
  private static String days(RetentionPolicy policy, RecordKind kind) {
    int days = policy.days(kind);
    return days + (days == 1 ? " day" : " days");
  }

  /**
   * Prunes every kind now, on the calling thread, and returns how many records of each kind were
   * deleted.
   *
   * @throws dev.pulse.server.store.StoreException when a delete fails (earlier chunks stay deleted)
   */
  public Map<RecordKind, Long> pruneNow() {
    Instant now = clock.instant();
    Map<RecordKind, Integer> own = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      own.put(kind, policy.days(kind));
    }
    Map<RecordKind, Integer> kept = peers.longest(server, own);
    tellIfLonger(own, kept);
    Map<RecordKind, Long> deleted = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      deleted.put(kind, pruneKind(kind, now.minus(Duration.ofDays(kept.get(kind)))));
    }
    return deleted;
  }

  /** Says once, while it lasts, that another server sharing the store keeps a kind longer than this one. */
  private void tellIfLonger(Map<RecordKind, Integer> own, Map<RecordKind, Integer> kept) {
    Map<RecordKind, Integer> longer = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      if (kept.get(kind) > own.get(kind)) {
        longer.put(kind, kept.get(kind));
      }
    }
    if (longer.equals(told.getAndSet(longer)) || longer.isEmpty()) {
      return;
    }
    for (Map.Entry<RecordKind, Integer> kind : longer.entrySet()) {
      LOG.warn("retention: another server sharing this store keeps {} {} days, this one {}: they are pruned at {}"
          + " days, the longest, until every server sets {} alike", kind.getKey().plural(), kind.getValue(),
          own.get(kind.getKey()), kind.getValue(), RetentionPolicy.settingName(kind.getKey()));
    }
  }

  private long pruneKind(RecordKind kind, Instant cutoff) {
    long total = 0;
    long deleted;
    do {
      if (Thread.currentThread().isInterrupted()) {
        return total;
      }
      deleted = store.pruneOlderThan(kind, cutoff, chunkSize);
      total += deleted;
      if (deleted >= chunkSize && !pause.isZero()) {
        // Lets waiting appends take the writer lock before the next chunk does.
        LockSupport.parkNanos(pause.toNanos());
      }
    } while (deleted >= chunkSize);
    return total;
  }

  private static Counter runs(MeterRegistry meters, String outcome) {
    return Counter.builder("pulse.retention.runs").tag("outcome", outcome)
        .description("Scheduled retention runs by outcome").register(meters);
  }

  /** One run; false when it failed (logged here). */
  private boolean pruneQuietly() {
    try {
      Map<RecordKind, Long> deleted = pruneNow();
      if (deleted.values().stream().anyMatch(n -> n > 0)) {
        LOG.info("retention: deleted {} events, {} CLI commands, {} errors",
            deleted.getOrDefault(RecordKind.EVENTS, 0L), deleted.getOrDefault(RecordKind.CLI_COMMANDS, 0L),
            deleted.getOrDefault(RecordKind.ERRORS, 0L));
      }
      return true;
    } catch (StoreException e) {
      // The store refused (its disk full, an outage), which its own lines and metrics say: one line
      // here; the trace is for a bug report.
      LOG.warn("retention: pruning failed, will retry at the next run: {}", e.getMessage());
      LOG.debug("retention: the failure in full", e);
    } catch (RuntimeException e) {
      LOG.warn("retention: pruning failed, will retry at the next run: {}", e.getMessage(), e);
    }
    return false;
  }

  /** Stops the schedule; a run in progress stops after its current chunk. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    peers.leave(server); // what this server keeps no longer holds the others back
  }
}
