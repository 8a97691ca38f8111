package dev.pulse.client.send;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed request is retried: on connection errors, timeouts, 408, 429 and 5xx, up to {@code
 * maxAttempts} attempts in all, waiting an exponential backoff with jitter (between half and all of
 * {@code initialBackoff * 2^(attempt-1)}, capped at {@code maxBackoff}). A 429 or 503 with a {@code
 * Retry-After} is different: the server asked for quiet, so ALL sending pauses until then (at most
 * {@code maxRetryAfter}, at least {@code initialBackoff}) and the request's items wait in the SDK's
 * buffers; that does not use up attempts. Immutable.
 *
 * @param maxAttempts attempts in all, at least 1 (default 4)
 * @param initialBackoff the first wait, and the shortest pause a Retry-After imposes (default 1 s)
 * @param maxBackoff the longest computed wait (default 30 s)
 * @param maxRetryAfter the longest pause a server's Retry-After imposes (default 1 h)
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** 4 attempts, 1 s doubling to 30 s; a Retry-After pauses sending for at most 1 h. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1));

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

  /** How long a server's Retry-After pauses sending: within [initialBackoff, maxRetryAfter]. */
  public Duration pauseFor(Duration retryAfter) {
    if (retryAfter.compareTo(maxRetryAfter) > 0) {
      return maxRetryAfter;
    }
    return retryAfter.compareTo(initialBackoff) < 0 ? initialBackoff : retryAfter;
  }

  /**
   * How long a service sends nothing after {@code inARow} requests in a row were refused as every request
   * to that address would be (a 404, a 401): twice {@code maxBackoff}, doubling each time, at most
   * {@code maxRetryAfter} (by default 1 min, 2 min, … at most 1 h).
   */
  public Duration afterRefusal(int inARow) {
    long millis = maxBackoff.toMillis() << Math.min(Math.max(inARow, 1), 20);
    return millis <= 0 || millis > maxRetryAfter.toMillis() ? maxRetryAfter : Duration.ofMillis(millis);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
