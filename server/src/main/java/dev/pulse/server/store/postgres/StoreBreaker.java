package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker in front of the store's writes, so that an outage costs each request a quick
 * refusal instead of a wait for a connection that will not come.
 *
 * <p>Closed (writes go through) until {@link #trip} is told of a {@link StoreUnavailableException};
 * then open: {@link #check} refuses at once, without touching the store, while one background thread
 * probes the store every {@code probeInterval}; the first probe that succeeds closes the breaker
 * (there is no half-open state letting trial requests through: the probe is the trial). One WARN is
 * logged when it opens and one INFO when it closes, whatever the number of requests in between.
 *
 * <p>Thread-safe.
 */
final class StoreBreaker implements AutoCloseable {

  /** The default time between two probes of an unreachable store. */
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(StoreBreaker.class);

  private final BooleanSupplier probe;
  private final long probeIntervalMillis;
  private volatile Outage outage;
  private volatile boolean closed;
  private volatile Thread prober;

  /**
   * @param probe whether the store can be written now; may block briefly, must not throw
   */
  public StoreBreaker(BooleanSupplier probe, Duration probeInterval) {
    if (probeInterval.isNegative() || probeInterval.isZero()) {
      throw new IllegalArgumentException("probeInterval must be positive: " + probeInterval);
    }
    this.probe = probe;
    this.probeIntervalMillis = probeInterval.toMillis();
  }

  /** Whether writes are refused now. */
  public boolean isOpen() {
    return outage != null;
  }

  /**
   * Refuses when open.
   *
   * @throws StoreUnavailableException while the store is known to be unreachable
   */
  public void check() {
    StoreUnavailableException refused = refusal();
    if (refused != null) {
      throw refused;
    }
  }

  /** The failure to give a write refused now, counted as refused; null when the breaker is closed. */
  public StoreUnavailableException refusal() {
    Outage current = outage;
    return current == null ? null : current.refusal();
  }

  /** Opens the breaker after {@code failure}, unless already open; starts the probe. */
  public void trip(StoreUnavailableException failure) {
    synchronized (this) {
      if (outage != null || closed) {
        return;
      }
      outage = new Outage(System.nanoTime(), failure);
    }
    LOG.warn(
        "store unreachable, refusing writes until it answers again (probed every {} ms): {}",
        probeIntervalMillis,
        failure.getMessage());
    Thread thread = new Thread(this::probeUntilReachable, "pulse-store-probe");
    thread.setDaemon(true);
    prober = thread;
    thread.start();
  }

  private void probeUntilReachable() {
    while (!closed) {
      try {
        Thread.sleep(probeIntervalMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (probe.getAsBoolean()) {
        Outage ended = outage;
        outage = null;
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended.since);
        LOG.info(
            "store reachable again after {} ms; {} writes were refused meanwhile",
            millis,
            ended.refused.get());
        return;
      }
    }
  }

  /** Stops probing; a breaker left open stays open. */
  @Override
  public void close() {
    closed = true;
    Thread thread = prober;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private static final class Outage {
    final long since;
    final StoreUnavailableException cause;
    final AtomicLong refused = new AtomicLong();

    Outage(long since, StoreUnavailableException cause) {
      this.since = since;
      this.cause = cause;
    }

    StoreUnavailableException refusal() {
      refused.incrementAndGet();
      return new StoreUnavailableException(
          "the store is unreachable (" + cause.getMessage() + ")", null, false);
    }
  }
}
