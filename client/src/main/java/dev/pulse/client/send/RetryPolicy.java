package dev.pulse.client.send;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed request is retried: on connection errors, timeouts, 429 and 5xx, up to {@code
 * maxAttempts} attempts in all, waiting an exponential backoff with jitter (between half and all of
 * {@code initialBackoff * 2^(attempt-1)}, capped at {@code maxBackoff}), or the server's {@code
 * Retry-After} when it sends one. A Retry-After longer than {@code maxRetryAfter} is not waited for: the
 * batch is dropped and counted. Immutable.
 *
 * @param maxAttempts attempts in all, at least 1 (default 4)
 * @param initialBackoff the first wait (default 1 s)
 * @param maxBackoff the longest computed wait (default 30 s)
 * @param maxRetryAfter the longest server-requested wait honoured (default 60 s)
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** 4 attempts, 1 s doubling to 30 s, Retry-After up to 60 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(maxRetryAfter, "maxRetryAfter");
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts. */
  public Duration backoff(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(Math.max(base, 1), maxBackoff.toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
