package dev.pulse.server.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The log of requests the store refused: the first refusal at once, then at most one line an
 * interval, saying how many more there were, so that a full disk under load writes a few lines, not
 * one per request. Thread-safe.
 */
final class RefusalLog {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong lastLogged;
  private final AtomicLong unlogged = new AtomicLong();

  RefusalLog(Logger log, Duration interval) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.lastLogged = new AtomicLong(System.nanoTime() - intervalNanos);
  }

  /** Notes one refusal for {@code reason}; logs it if no line was written for an interval. */
  void refused(String reason) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last < intervalNanos || !lastLogged.compareAndSet(last, now)) {
      unlogged.incrementAndGet();
      return;
    }
    long more = unlogged.getAndSet(0);
    if (more == 0) {
      log.warn("store unavailable: {}", reason);
    } else {
      log.warn("store unavailable: {} ({} more requests refused since the last such line)", reason, more);
    }
  }
}
