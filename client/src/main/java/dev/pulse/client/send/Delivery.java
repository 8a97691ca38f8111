package dev.pulse.client.send;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Sends one request with retries (see {@link RetryPolicy}) and accounts for it: sent, retried, or,
 * after the last attempt, spooled (CLI) or dropped as failed. A 429 or 503 with {@code Retry-After}
 * instead pauses all sending ({@link ServerPause}) and hands the request back ({@link Result#PAUSED}):
 * its items are the caller's to put back. Each settlement goes through the {@link Handover}, so a
 * request the closing thread took over is not accounted for twice. With debug on, logs the payload
 * exactly as sent and each outcome. A pause of a minute or more is an INFO line (in a CLI, once a day:
 * {@link RepeatedWarnings}). In a CLI ({@code oneAttemptAtClose}), once the host closes, a request
 * gets one attempt and no backoff: a failure is kept for the next run at once ({@link Result#STOPPED}).
 * A service refused as every request to its address would be (a 404) pauses too, longer each time in a
 * row ({@link RetryPolicy#afterRefusal}). Used by the worker thread only.
 */
final class Delivery {

  private static final System.Logger LOG = System.getLogger("dev.pulse.client.send");
  /** The line about what a run whose server never answered kept: an outcome, on the drops' logger. */
  private static final System.Logger OUTCOME = System.getLogger(TelemetryStats.DROPS_LOGGER);
  /**
   * How long a request must have waited at the close deadline for its server to be left alone by the next
   * runs: one cut sooner says more of a short deadline than of the server (the JDK's client alone may take
   * a few hundred milliseconds to start).
   */
  static final Duration UNANSWERED_AFTER = Duration.ofSeconds(1);

  /** Waits that can be cut short when the host closes the SDK. */
  interface Waiter {
    /** Waits up to {@code nanos}; returns false if the wait must end early (no time left). */
    boolean await(long nanos) throws InterruptedException;

    /** The instant (System.nanoTime) past which nothing may be attempted, or Long.MAX_VALUE. */
    long deadline();

    /** Whether the host has asked the SDK to close. */
    boolean closing();
  }

  private final HttpTransport transport;
  private final RetryPolicy retry;
  private final StatsCounters stats;
  private final UnsentLedger unsent;
  private final boolean debug;
  private final Waiter waiter;
  private final ServerPause pause;
  private final Handover handover;
  private final boolean oneAttemptAtClose;
  /** Keeps the line about a long pause to once a day (a CLI), or null to show each. */
  private final RepeatedWarnings onceADay;
  /** When the attempt in flight began (System.nanoTime). */
  private volatile long attemptSince;
  /** Requests in a row refused as every request to the address would be (a service only). */
  private int refusedInARow;

  /** What became of a request. */
  enum Result {
    /** The server took it. */
    DELIVERED,
    /** Accounted for as dropped or spooled (or taken over by the closing thread). */
    GIVEN_UP,
    /** Not sent: the server asked for quiet; the caller puts it back ({@link Handover#release}). */
    PAUSED,
    /**
     * Kept or dropped after one failed attempt while closing (CLI): the caller tries nothing more, so
     * close keeps the rest without waiting.
     */
    STOPPED
  }

  Delivery(HttpTransport transport, RetryPolicy retry, StatsCounters stats, UnsentLedger unsent,
      boolean debug, Waiter waiter, ServerPause pause, Handover handover, boolean oneAttemptAtClose,
      RepeatedWarnings onceADay) {
    this.oneAttemptAtClose = oneAttemptAtClose;
    this.onceADay = onceADay;
    this.pause = pause;
    this.transport = transport;
    this.retry = retry;
    this.stats = stats;
    this.unsent = unsent;
    this.debug = debug;
    this.waiter = waiter;
    this.handover = handover;
  }

  /** Sends {@code mine}, a request started in the {@link Handover}. */
  Result deliver(String operation, Handover.Request mine) throws InterruptedException {
    return attempt(operation, mine.body(), mine.count(), mine);
  }

  private Result attempt(String operation, String body, int items, Handover.Request mine)
      throws InterruptedException {
    if (debug) {
      LOG.log(Level.INFO, "telemetry debug: POST " + transport.endpoint() + " (" + operation + ", "
          + items + " items, gzip) payload: " + body);
    }
    for (int attempt = 1; ; attempt++) {
      attemptSince = System.nanoTime();
      Attempt result = transport.post(body, remaining());
      if (result.status() != 0) {
        pause.answered();
      }
      if (result.outcome() == Attempt.Outcome.DELIVERED) {
        refusedInARow = 0;
        handover.settle(mine, () -> stats.sent.add(items));
        debug(operation + " delivered (" + result.detail() + ")");
        return Result.DELIVERED;
      }
      // Not once the closing thread took it over: then the close deadline is why it failed.
      handover.whileOwned(mine, () -> stats.lastFailure = result.detail());
      if (oneAttemptAtClose && waiter.closing() && result.outcome() == Attempt.Outcome.RETRY) {
        // A CLI's run ends: what fails now is kept for the next run, so neither a backoff nor a
        // server's Retry-After would gain anything by waiting; the next runs keep the Retry-After.
        if (result.retryAfter() != null) {
          pause.pauseFor(retry.pauseFor(result.retryAfter()));
        }
        giveUp(operation, mine, result, attempt);
        return Result.STOPPED;
      }
      if (result.outcome() == Attempt.Outcome.RETRY && result.retryAfter() != null) {
        return pauseSending(operation, result);
      }
      Duration wait = nextWait(result, attempt);
      if (wait == null || !fits(wait)) {
        giveUp(operation, mine, result, attempt);
        holdOffAfterRefusal(result);
        return Result.GIVEN_UP;
      }
      debug(operation + " attempt " + attempt + " failed (" + result.detail() + "), retrying in "
          + wait.toMillis() + " ms");
      stats.retried.increment();
      if (!waiter.await(wait.toNanos())) {
        giveUp(operation, mine, result, attempt);
        return oneAttemptAtClose && waiter.closing() ? Result.STOPPED : Result.GIVEN_UP;
      }
    }
  }

  /**
   * Records why what the closing thread took over at the deadline was not delivered: the request in
   * flight got no answer in time; else, with no failure before, there was no time to send. A CLI's
   * line about it says what became of what it had: {@code keptAny}, whether any was kept for the next
   * run, and {@code dropped}, the items dropped (pushed out of the spool, or with nowhere to keep them).
   */
  void abandoned(boolean inFlight, boolean keptAny, long dropped) {
    if (inFlight) {
      stats.lastFailure = SendFailures.cutShort(transport.endpoint());
      // A CLI whose server never answers (a firewall that drops) would be slower by the deadline on every
      // run: the next runs leave it alone for a while, and its user learns why, once a day.
      boolean waitedLong = System.nanoTime() - attemptSince >= UNANSWERED_AFTER.toNanos();
      Duration quiet = oneAttemptAtClose && waitedLong ? pause.unanswered() : Duration.ZERO;
      if (oneAttemptAtClose && onceADay != null) {
        boolean due = onceADay.due(transport.endpoint() + "\n" + stats.lastFailure);
        OUTCOME.log(due ? Level.WARNING : Level.DEBUG, "Pulse telemetry: " + stats.lastFailure + ", so this run waited"
            + " for it until then; " + keptOrDropped(keptAny, dropped, quiet)
            + ". Check api-address, or turn telemetry off (telemetry-enabled=false)" + RepeatedWarnings.ONCE_A_DAY);
      }
    } else if (stats.lastFailure.isEmpty()) {
      stats.lastFailure = "the close deadline came before they could be sent";
    }
  }

  /**
   * A service whose requests are refused as every request to the address would be (no Pulse server
   * there) sends nothing for a while, longer each time in a row, instead of a doomed request each
   * interval; what it records meanwhile waits, as during a server's pause. A CLI sends once a run anyway.
   */
  private void holdOffAfterRefusal(Attempt result) {
    if (oneAttemptAtClose || result.outcome() != Attempt.Outcome.FAIL
        || !SendFailures.refusesEveryRequest(result.status())) {
      return;
    }
    Duration quiet = retry.afterRefusal(++refusedInARow);
    pause.pauseFor(quiet);
    LOG.log(quiet.toSeconds() < 60 ? Level.DEBUG : Level.INFO, "Pulse telemetry: " + result.detail()
        + "; every request to it would be refused alike, so sending nothing for " + quiet.toSeconds()
        + " s (longer each time in a row, at most " + retry.maxRetryAfter().toSeconds() + " s)");
  }

  /** What became of a run's telemetry at a deadline its server let pass, and what the next runs do. */
  private static String keptOrDropped(boolean keptAny, long dropped, Duration quiet) {
    String later = quiet.isZero() ? ""
        : "runs in the next " + QuietMemory.inWords(quiet) + " keep theirs without trying";
    if (dropped == 0) {
      return quiet.isZero() ? "what it had is kept for the next run" : "what it had is kept, and " + later;
    }
    if (!keptAny) {
      return dropped + (dropped == 1 ? " item was" : " items were") + " dropped, as none could be kept for the next"
          + " run" + (quiet.isZero() ? "" : "; " + later);
    }
    return dropped + (dropped == 1 ? " item that did not fit the spool was" : " items that did not fit the spool were")
        + " dropped and the rest kept" + (quiet.isZero() ? " for the next run" : ", and " + later);
  }

  private Result pauseSending(String operation, Attempt result) {
    Duration quiet = retry.pauseFor(result.retryAfter());
    pause.pauseFor(quiet);
    stats.retried.increment();
    String message = "Pulse telemetry: " + result.detail() + " with Retry-After "
        + result.retryAfter().toSeconds() + " s; sending nothing for " + quiet.toSeconds()
        + " s, keeping what waits (" + operation + ")";
    if (quiet.toSeconds() < 60) {
      debug(message);
    } else if (onceADay == null) {
      LOG.log(Level.INFO, message);
    } else {
      // A CLI meets the same pause on run after run (each replays what the last kept): once a day.
      boolean due = onceADay.due(transport.endpoint() + "\n" + result.detail() + " with Retry-After");
      LOG.log(due ? Level.INFO : Level.DEBUG, message + RepeatedWarnings.ONCE_A_DAY);
    }
    return Result.PAUSED;
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

  private void giveUp(String operation, Handover.Request mine, Attempt last, int attempts) {
    handover.settle(mine, () -> {
      if (last.outcome() == Attempt.Outcome.FAIL) {
        // Refused outright (a 4xx, a GraphQL error, an untrusted certificate): a later run would be too.
        unsent.drop(mine.count());
        debug(operation + " refused (" + last.detail() + "), dropped: sending it again would not help");
      } else if (unsent.keep(List.of(mine)) == 1) {
        debug(operation + " not delivered (" + last.detail() + "), kept for the next run");
      } else {
        debug(operation + " dropped after " + attempts + " attempt(s): " + last.detail());
      }
    });
  }

  private void debug(String message) {
    if (debug) {
      LOG.log(Level.INFO, "telemetry debug: " + message);
    }
  }
}
