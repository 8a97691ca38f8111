package dev.pulse.server.http;

import dev.pulse.server.ingest.IngestLimits;
import java.time.Duration;
import java.util.function.Function;

/**
 * What the server grants one HTTP client, so that slow or idle clients cannot hold what others need.
 * Defaults ({@link #defaults()}):
 *
 * <ul>
 *   <li>{@code minRequestDataRate} 1024 bytes/s: a request body arriving slower than this (measured
 *       from its first byte, after a one-second grace) is answered 408 and its connection
 *       closed; 0 turns the check off and leaves only the deadline ({@code
 *       PULSE_MIN_REQUEST_DATA_RATE});
 *   <li>{@code bodyTimeout} 30 s: a request body not complete this long after its headers is answered
 *       408 and its connection closed ({@code PULSE_BODY_TIMEOUT_SECONDS});
 *   <li>{@code headerTimeout} 10 s: a connection whose request line and headers have begun but are not
 *       complete this long after is closed, so that a client dripping its headers holds no connection
 *       for long ({@code PULSE_HEADER_TIMEOUT_SECONDS});
 *   <li>{@code idleTimeout} 30 s: a connection with nothing to read or write for this long is closed,
 *       keep-alive connections included ({@code PULSE_IDLE_TIMEOUT_SECONDS});
 *   <li>{@code maxConnections} 4096: past this many open connections the server stops accepting
 *       new ones until some close; they wait in the listen backlog ({@code PULSE_MAX_CONNECTIONS}).
 *   <li>{@code maxBufferedBodyBytes} a quarter of the JVM's maximum heap, at least {@link
 *       #MIN_BUFFERED_BODY_BYTES}: the telemetry bodies that
 *       are arriving or being ingested hold at most this many bytes together; a body that would go
 *       past it is answered 503 with {@code Retry-After}, so that many clients each announcing a
 *       large body cannot run the server out of memory ({@code PULSE_MAX_BUFFERED_BODY_BYTES}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public record ClientLimits(
    long minRequestDataRate, Duration bodyTimeout, Duration headerTimeout, Duration idleTimeout, int maxConnections,
    long maxBufferedBodyBytes) {

  /** The settings read by {@link #fromSettings}, in the order of the record's fields. */
  public static final String MIN_REQUEST_DATA_RATE = "PULSE_MIN_REQUEST_DATA_RATE";

  public static final String BODY_TIMEOUT_SECONDS = "PULSE_BODY_TIMEOUT_SECONDS";
  public static final String HEADER_TIMEOUT_SECONDS = "PULSE_HEADER_TIMEOUT_SECONDS";
  public static final String IDLE_TIMEOUT_SECONDS = "PULSE_IDLE_TIMEOUT_SECONDS";
  public static final String MAX_CONNECTIONS = "PULSE_MAX_CONNECTIONS";
  public static final String MAX_BUFFERED_BODY_BYTES = "PULSE_MAX_BUFFERED_BODY_BYTES";

  /**
   * The least {@link #MAX_BUFFERED_BODY_BYTES} takes: what the largest telemetry body holds, as sent
   * and as inflated ({@link IngestLimits#defaults()}). With less, such a body could never be taken,
   * and its client would be told to retry forever.
   */
  public static final long MIN_BUFFERED_BODY_BYTES =
      IngestLimits.defaults().maxCompressedBodyBytes() + IngestLimits.defaults().maxBodyBytes();

  /** The most any of the timeouts takes, in seconds: a day (more would wait on a client for nothing). */
  public static final long MAX_TIMEOUT_SECONDS = 86_400;

  /** Checks every value; the message names the field. */
  public ClientLimits {
    if (minRequestDataRate < 0) {
      throw new IllegalArgumentException(
          "minRequestDataRate must not be negative (0 turns it off), got " + minRequestDataRate);
    }
    positive("bodyTimeout", bodyTimeout);
    positive("headerTimeout", headerTimeout);
    positive("idleTimeout", idleTimeout);
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
    }
    if (maxBufferedBodyBytes < 1) {
      throw new IllegalArgumentException("maxBufferedBodyBytes must be positive, got " + maxBufferedBodyBytes);
    }
  }

  /** The defaults listed in the class comment. */
  public static ClientLimits defaults() {
    return new ClientLimits(1024, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), 4096,
        Math.max(MIN_BUFFERED_BODY_BYTES, Runtime.getRuntime().maxMemory() / 4));
  }

  /**
   * The defaults, overridden by the settings that are set ({@code PULSE_MIN_REQUEST_DATA_RATE},
   * {@code PULSE_BODY_TIMEOUT_SECONDS}, {@code PULSE_HEADER_TIMEOUT_SECONDS}, {@code
   * PULSE_IDLE_TIMEOUT_SECONDS}, {@code
   * PULSE_MAX_CONNECTIONS}, {@code PULSE_MAX_BUFFERED_BODY_BYTES}), e.g.
   * {@code ClientLimits.fromSettings(System::getenv)}.
   *
   * @throws IllegalArgumentException naming the setting, when one is not a whole number in range
   *     (its least value and unit told)
   */
  public static ClientLimits fromSettings(Function<String, String> settings) {
    ClientLimits d = defaults();
    long rate = number(settings, MIN_REQUEST_DATA_RATE, d.minRequestDataRate(), 0, Long.MAX_VALUE,
        "bytes a second; 0 turns it off");
    long body = seconds(settings, BODY_TIMEOUT_SECONDS, d.bodyTimeout());
    long header = seconds(settings, HEADER_TIMEOUT_SECONDS, d.headerTimeout());
    long idle = seconds(settings, IDLE_TIMEOUT_SECONDS, d.idleTimeout());
    long connections = number(settings, MAX_CONNECTIONS, d.maxConnections(), 1, Integer.MAX_VALUE, "connections");
    long buffered = number(settings, MAX_BUFFERED_BODY_BYTES, d.maxBufferedBodyBytes(), MIN_BUFFERED_BODY_BYTES,
        Long.MAX_VALUE, "bytes, so that the largest telemetry body fits, as sent and inflated");
    return new ClientLimits(rate, Duration.ofSeconds(body), Duration.ofSeconds(header), Duration.ofSeconds(idle),
        (int) connections, buffered);
  }

  /** A copy with other body-arrival bounds. */
  public ClientLimits withBodyArrival(long minRequestDataRate, Duration bodyTimeout) {
    return new ClientLimits(minRequestDataRate, bodyTimeout, headerTimeout, idleTimeout, maxConnections,
        maxBufferedBodyBytes);
  }

  /** A copy with another deadline for a request's line and headers. */
  public ClientLimits withHeaderTimeout(Duration headerTimeout) {
    return new ClientLimits(minRequestDataRate, bodyTimeout, headerTimeout, idleTimeout, maxConnections,
        maxBufferedBodyBytes);
  }

  /** A copy with another time a connection may have nothing to read or write. */
  public ClientLimits withIdleTimeout(Duration idleTimeout) {
    return new ClientLimits(minRequestDataRate, bodyTimeout, headerTimeout, idleTimeout, maxConnections,
        maxBufferedBodyBytes);
  }

  /** A copy with another bound on the bytes of the bodies in flight. */
  public ClientLimits withMaxBufferedBodyBytes(long maxBufferedBodyBytes) {
    return new ClientLimits(minRequestDataRate, bodyTimeout, headerTimeout, idleTimeout, maxConnections,
        maxBufferedBodyBytes);
  }

  private static long seconds(Function<String, String> settings, String name, Duration fallback) {
    return number(settings, name, fallback.toSeconds(), 1, MAX_TIMEOUT_SECONDS, "seconds");
  }

  private static long number(Function<String, String> settings, String name, long fallback, long least, long most,
      String unit) {
    String value = settings.apply(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long number;
    try {
      number = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      if (value.strip().matches("-?\\d+")) { // a whole number past what a long holds
        throw new IllegalArgumentException(name + " must be " + (value.strip().startsWith("-") ? "at least " + least
            : "at most " + most) + " (" + unit + "), not " + value.strip(), e);
      }
      throw new IllegalArgumentException(name + " must be a whole number: " + value, e);
    }
    if (number < least) {
      throw new IllegalArgumentException(name + " must be at least " + least + " (" + unit + "), not " + number);
    }
    if (number > most) {
      throw new IllegalArgumentException(name + " must be at most " + most + " (" + unit + "), not " + number);
    }
    return number;
  }

  private static void positive(String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }
}
