package dev.pulse.client.send;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The quiet time a server asked for with {@code Retry-After}, or that a CLI keeps after its server did
 * not answer: until it ends the worker sends nothing at all (no new batch, no retry, no flush). A CLI's
 * quiet outlives the run in its {@link QuietMemory}, so the next run starts quiet too. Written and read
 * by the worker; the memory also by the closing thread.
 */
final class ServerPause {

  private static final System.Logger LOG = System.getLogger("dev.pulse.client.send");

  private final QuietMemory memory;
  private long until;
  private boolean active;
  /** Whether the memory may hold something for this server, so that an answer must clear it. */
  private boolean remembering;
  /** Whether the server answered in this run: then it is slow at worst, not silent. */
  private boolean answeredHere;

  /** A pause remembered in {@code memory} across runs, or only in this process when it is null. */
  ServerPause(QuietMemory memory) {
    this.memory = memory;
  }

  /**
   * Takes up the quiet an earlier run left, if any, unless {@code tryAnyway}; returns whether sending is
   * paused. With {@code debug}, says what it would have waited for.
   */
  synchronized boolean resumeRemembered(boolean tryAnyway, boolean debug) {
    Duration left = memory == null ? null : memory.remembered();
    remembering = left != null;
    if (left == null || left.isZero()) {
      return false;
    }
    if (tryAnyway) {
      if (debug) {
        LOG.log(Level.INFO, "telemetry debug: an earlier run left this server alone for another " + left.toSeconds()
            + " s; trying it anyway");
      }
      return false;
    }
    LOG.log(Level.DEBUG, "Pulse telemetry: an earlier run left this server alone for another " + left.toSeconds()
        + " s; this run keeps what it has for a later one without trying");
    pauseHere(left);
    return true;
  }

  /** Pauses sending for {@code pause} from now (replacing any pause in force), remembered across runs. */
  synchronized void pauseFor(Duration pause) {
    pauseHere(pause);
    if (memory != null) {
      memory.pausedFor(pause);
      remembering = true;
    }
  }

  /**
   * The server took a request and gave no answer before the run ended: the next runs stay quiet for
   * the duration returned; zero when there is no memory across runs, or when the server answered
   * another request of this run (before this call or after it: an answer clears the quiet).
   */
  synchronized Duration unanswered() {
    if (memory == null || answeredHere) {
      return Duration.ZERO;
    }
    remembering = true;
    return memory.unanswered();
  }

  /** The server answered: what earlier runs remembered of it no longer holds. */
  synchronized void answered() {
    answeredHere = true;
    if (remembering) {
      memory.forget();
      remembering = false;
    }
  }

  private void pauseHere(Duration pause) {
    until = System.nanoTime() + pause.toNanos();
    active = true;
  }

  /** Nanoseconds left, 0 when not paused. */
  synchronized long remainingNanos() {
    if (!active) {
      return 0;
    }
    long left = until - System.nanoTime();
    if (left <= 0) {
      active = false;
      return 0;
    }
    return left;
  }

  /** Whether sending is paused now. */
  boolean active() {
    return remainingNanos() > 0;
  }
}
