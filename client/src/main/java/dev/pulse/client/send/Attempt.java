package dev.pulse.client.send;

import dev.pulse.client.text.OneLine;
import java.time.Duration;

/**
 * The result of one HTTP attempt.
 *
 * @param outcome what to do next
 * @param status the HTTP status, or 0 when there was no response
 * @param retryAfter the server's Retry-After, or null
 * @param detail a short description for logs, on one line
 */
record Attempt(Outcome outcome, int status, Duration retryAfter, String detail) {

  /** The detail is one line whatever it quotes: it goes into WARNING lines and {@code lastFailure}. */
  Attempt {
    detail = OneLine.of(detail);
  }

  enum Outcome {
    DELIVERED,
    RETRY,
    FAIL
  }
}
