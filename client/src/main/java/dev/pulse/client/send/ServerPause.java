package dev.pulse.client.send;

import java.time.Duration;

/**
 * The quiet time a server asked for with {@code Retry-After}: until it ends the worker sends nothing at
 * all (no new batch, no retry, no flush). Written and read by the worker; read by nobody else.
 */
final class ServerPause {

  private long until;
  private boolean active;

  /** Pauses sending for {@code pause} from now (replacing any pause in force). */
  void pauseFor(Duration pause) {
    until = System.nanoTime() + pause.toNanos();
    active = true;
  }

  /** Nanoseconds left, 0 when not paused. */
  long remainingNanos() {
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
