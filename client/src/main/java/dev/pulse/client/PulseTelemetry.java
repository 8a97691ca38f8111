package dev.pulse.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.schema.EventType;

/**
 * Reports anonymous usage, errors and CLI commands of one component to a Pulse (or Otterize) telemetry
 * endpoint. Create one per process with {@link #builder()} and {@link #close()} it at exit (a shutdown
 * hook does so by default).
 *
 * <p>Every method is thread-safe, never blocks the calling thread on I/O and never throws. When
 * telemetry is off ({@code telemetry-enabled=false}, {@code DO_NOT_TRACK=1}, ...) the builder returns
 * an inert instance: no thread, no socket, no file, and each call costs nanoseconds.
 */
public interface PulseTelemetry extends AutoCloseable {

  /** The default bound on {@link #close()}. */
  Duration DEFAULT_CLOSE_DEADLINE = Duration.ofSeconds(5);

  /** A new builder. */
  static PulseTelemetryBuilder builder() {
    return new PulseTelemetryBuilder();
  }

  /**
   * Records a usage event. Within one batch interval counts are combined as the event catalog says:
   * DELTA types are summed, LEVEL types keep the latest value, HEARTBEAT types are sent once. Negative
   * counts are ignored. Allocation-free.
   */
  void send(EventType type, long count);

  /**
   * Counts {@code key} as one distinct value of {@code type} in the current window (reset every
   * {@code telemetry-reset-interval-duration}); the number of distinct keys is sent as the level.
   * Only the count leaves the process; still, pass {@link #anonymize(String) anonymized} names. At most
   * 100,000 keys (configurable) are held per type; past that the level stays at the cap.
   */
  void incrementUnique(EventType type, String key);

  /** Reports an exception (scrubbed, with its cause chain and stack) when errors are on. */
  void reportError(Throwable error);

  /** Reports an exception with metadata; keys not on the builder's allow-list are dropped. */
  void reportError(Throwable error, Map<String, String> metadata);

  /**
   * Reports a CLI command path such as {@code "otterize mapper export"}: program, noun, verb and
   * modifiers. Paths with fewer than two words after the program are not reported. Pass command names,
   * never arguments. Modifiers are reported only when the builder declared the command words ({@code
   * commandWords}); then only declared words are reported. Without it, noun and verb alone.
   */
  void reportCommand(String commandPath);

  /** {@link #reportCommand(String)} with the words already split. */
  void reportCommand(List<String> commandPath);

  /** Lowercase hex SHA-256 of salt + value, as the Go components compute it. */
  String anonymize(String value);

  /**
   * A {@code java.util.logging} handler reporting SEVERE records as errors (message patterns only,
   * never log arguments). Add it to the loggers you want reported.
   */
  Handler logHandler();

  /** Asks for an early send of what is buffered; returns at once. */
  void flush();

  /** Counters: sent, dropped by reason, retried, spooled. */
  TelemetryStats stats();

  /** The resolved settings, with the source of each. */
  TelemetrySettings settings();

  /** Whether anything can be sent (false for the inert instance). */
  boolean isActive();

  /**
   * Sends what is buffered and stops, within {@code deadline}; never waits longer. An interrupt of the
   * calling thread (set before the call, or during it) does not cut it short: it still sends within
   * the deadline, then returns with the thread interrupted again.
   *
   * @return true when everything was handled within the deadline
   */
  boolean close(Duration deadline);

  /** {@link #close(Duration)} with the builder's deadline (default 5 s). */
  @Override
  void close();
}
