package dev.pulse.server.http;

import dev.pulse.server.web.HttpProblem;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that telemetry requests in flight may hold together for their bodies, as sent and as
 * inflated ({@link ClientLimits#maxBufferedBodyBytes}). Each request holds its part through a {@link
 * Hold}, taken as its buffers grow and given back once it is answered. Thread-safe.
 */
final class BodyBudget {

  private final long limit;
  private final AtomicLong held = new AtomicLong();

  BodyBudget(long limit) {
    this.limit = limit;
  }

  /** What one request holds; give it all back with {@link Hold#release}. */
  Hold hold() {
    return new Hold();
  }

  /** The answer to a request the budget has no room for: nothing of it was kept. */
  HttpProblem full() {
    return new HttpProblem(
        503,
        "SERVER_BUSY",
        "the request bodies in flight hold all the memory they may ("
            + (limit >= 1 << 20 ? (limit >> 20) + " MiB" : limit + " bytes")
            + ", maxBufferedBodyBytes); nothing of this request was kept, retry later");
  }

  /** The bytes held now. */
  long held() {
    return held.get();
  }

  private boolean take(long bytes) {
    long now;
    do {
      now = held.get();
      if (now + bytes > limit) {
        return false;
      }
    } while (!held.compareAndSet(now, now + bytes));
    return true;
  }

  /**
   * One request's part of the budget. Thread-safe: a body's bytes arrive on one thread, its deadline
   * fires on another.
   */
  final class Hold {

    private long taken;
    private boolean released;

    private Hold() {}

    /** Takes {@code bytes} if the requests in flight stay within the limit with them; whether it did. */
    synchronized boolean take(long bytes) {
      if (released || !BodyBudget.this.take(bytes)) {
        return false;
      }
      taken += bytes;
      return true;
    }

    /** Gives back part of what was taken (a buffer no longer needed). */
    synchronized void give(long bytes) {
      if (!released) {
        taken -= bytes;
        held.addAndGet(-bytes);
      }
    }

    /** The answer when this request finds no room. */
    HttpProblem full() {
      return BodyBudget.this.full();
    }

    /** Gives back everything; nothing more can be taken after it. */
    synchronized void release() {
      if (!released) {
        released = true;
        held.addAndGet(-taken);
      }
    }
  }
}
