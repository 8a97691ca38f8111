package dev.pulse.client.send;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one body with retries (see {@link RetryPolicy}) and accounts for it: sent, retried, or, after
 * the last attempt, spooled (CLI) or dropped as failed. A 429 or 503 with {@code Retry-After} instead
 * pauses all sending ({@link ServerPause}) and hands the body back ({@link Result#PAUSED}): its items
 * are the caller's to keep. With debug on, logs the payload exactly as sent and each outcome. Used by
 * the worker thread only.
 */
final class Delivery {

  private static final System.Logger LOG = System.getLogger("dev.pulse.client.send");

  /** Waits that can be cut short when the host closes the SDK. */
  interface Waiter {
    /** Waits up to {@code nanos}; returns false if the wait must end early (no time left). */
    boolean await(long nanos) throws InterruptedException;

    /** The instant (System.nanoTime) past which nothing may be attempted, or Long.MAX_VALUE. */
    long deadline();
  }

  private final HttpTransport transport;
  private final RetryPolicy retry;
  private final StatsCounters stats;
  private final UnsentStore unsentStore;
  private final boolean debug;
  private final Waiter waiter;
  private final ServerPause pause;
  private final AtomicReference<InFlight> inFlight = new AtomicReference<>();

  /** A body being sent now, for the closing thread to spool if the worker runs out of time. */
  record InFlight(String body, int items) {}

  /** What became of a body. */
  enum Result {
    /** The server took it. */
    DELIVERED,
    /** Accounted for as dropped or spooled (or taken over by the closing thread). */
    GIVEN_UP,
    /** Not sent: the server asked for quiet; the caller keeps the items and sends them later. */
    PAUSED
  }

  Delivery(HttpTransport transport, RetryPolicy retry, StatsCounters stats, UnsentStore unsentStore,
      boolean debug, Waiter waiter, ServerPause pause) {
    this.pause = pause;
    this.transport = transport;
    this.retry = retry;
    this.stats = stats;
    this.unsentStore = unsentStore;
    this.debug = debug;
    this.waiter = waiter;
  }

  /** Sends {@code body} carrying {@code items} items. */
  Result deliver(String operation, String body, int items) throws InterruptedException {
    InFlight mine = new InFlight(body, items);
    inFlight.set(mine);
    try {
      return attempt(operation, body, items, mine);
    } finally {
      inFlight.compareAndSet(mine, null);
    }
  }

  /** Takes the body in flight, if any, so exactly one party accounts for it. */
  InFlight takeInFlight() {
    return inFlight.getAndSet(null);
  }

  private Result attempt(String operation, String body, int items, InFlight mine) throws InterruptedException {
    if (debug) {
      LOG.log(Level.INFO, "telemetry debug: POST " + transport.endpoint() + " (" + operation + ", "
          + items + " items, gzip) payload: " + body);
    }
    for (int attempt = 1; ; attempt++) {
      Attempt result = transport.post(body, remaining());
      if (result.outcome() == Attempt.Outcome.DELIVERED) {
        stats.sent.add(items);
        debug(operation + " delivered (" + result.detail() + ")");
        return Result.DELIVERED;
      }
      stats.lastFailure = result.detail();
      if (result.outcome() == Attempt.Outcome.RETRY && result.retryAfter() != null) {
        return pauseSending(operation, mine, result);
      }
      Duration wait = nextWait(result, attempt);
      if (wait == null || !fits(wait)) {
        giveUp(operation, mine, result, attempt);
        return Result.GIVEN_UP;
      }
      debug(operation + " attempt " + attempt + " failed (" + result.detail() + "), retrying in "
          + wait.toMillis() + " ms");
      stats.retried.increment();
      if (!waiter.await(wait.toNanos())) {
        giveUp(operation, mine, result, attempt);
        return Result.GIVEN_UP;
      }
    }
  }

  private Result pauseSending(String operation, InFlight mine, Attempt result) {
    Duration quiet = retry.pauseFor(result.retryAfter());
    pause.pauseFor(quiet);
    stats.retried.increment();
    String message = "Pulse telemetry: " + result.detail() + " with Retry-After "
        + result.retryAfter().toSeconds() + " s; sending nothing for " + quiet.toSeconds()
        + " s, keeping what waits (" + operation + ")";
    if (quiet.toSeconds() >= 60) {
      LOG.log(Level.INFO, message);
    } else {
      debug(message);
    }
    // The closing thread may have taken the body over (and accounted for it) meanwhile.
    return inFlight.compareAndSet(mine, null) ? Result.PAUSED : Result.GIVEN_UP;
  }

  private Duration nextWait(Attempt result, int attempt) {
    if (result.outcome() == Attempt.Outcome.FAIL || attempt >= retry.maxAttempts()) {
      return null;
    }
    return retry.backoff(attempt);
  }

  private boolean fits(Duration wait) {
    long deadline = waiter.deadline();
    return deadline == Long.MAX_VALUE || System.nanoTime() + wait.toNanos() < deadline;
  }

  private Duration remaining() {
    long deadline = waiter.deadline();
    if (deadline == Long.MAX_VALUE) {
      return Duration.ofDays(1);
    }
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private void giveUp(String operation, InFlight mine, Attempt last, int attempts) {
    if (!inFlight.compareAndSet(mine, null)) {
      return; // the closing thread took it over and accounted for it
    }
    String body = mine.body();
    int items = mine.items();
    if (unsentStore != null && unsentStore.keep(List.of(body)) == 1) {
      stats.spooled.add(items);
      debug(operation + " not delivered (" + last.detail() + "), kept for the next run");
      return;
    }
    stats.droppedFailed.add(items);
    debug(operation + " dropped after " + attempts + " attempt(s): " + last.detail());
  }

  private void debug(String message) {
    if (debug) {
      LOG.log(Level.INFO, "telemetry debug: " + message);
    }
  }
}
