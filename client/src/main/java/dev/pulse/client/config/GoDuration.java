package dev.pulse.client.config;

import dev.pulse.client.text.OneLine;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go's {@code time.ParseDuration} syntax ({@code 300ms}, {@code 30s}, {@code 2m}, {@code 1h30m},
 * {@code 1.5h}), so the same values work for Go and Java components. A bare number is taken as seconds.
 */
public final class GoDuration {

  private static final Pattern PART = Pattern.compile("(\\d++(?:\\.\\d*+)?+|\\.\\d++)(ns|us|µs|ms|s|m|h)");

  /** The longest duration any setting takes: 365 days. */
  public static final Duration MAX = Duration.ofDays(365);

  private GoDuration() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the problem when the text is not a duration
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (s.matches("\\d+")) {
      return s.length() > 18 ? tooLong(s) : Duration.ofSeconds(Long.parseLong(s)); // 18 digits fit a long
    }
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("negative duration: " + shown(s));
    }
    String parts = s.startsWith("+") ? s.substring(1) : s;
    Matcher m = PART.matcher(parts);
    long nanos = 0;
    int end = 0;
    // Each part where the last one ended (lookingAt, not find): linear in the text's length.
    while (end < parts.length() && m.region(end, parts.length()).lookingAt()) {
      double part = Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      if (part >= Long.MAX_VALUE - nanos) {
        return tooLong(s);
      }
      nanos += Math.round(part);
      end = m.end();
    }
    if (end == 0 || end != parts.length()) {
      throw new IllegalArgumentException("not a duration (use e.g. 30s, 2m, 24h, 1h30m): " + shown(s));
    }
    return Duration.ofNanos(nanos);
  }

  /** Why {@code text} is no setting's duration: not one, zero, or longer than {@link #MAX}; null if it is one. */
  static String problem(String text) {
    try {
      Duration duration = parse(text);
      if (duration.isZero()) {
        return "must be positive";
      }
      return duration.compareTo(MAX) > 0 ? "must be at most " + format(MAX) + " (365 days)" : null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The text as a message quotes it: on one line, and not all of a long one. */
  private static String shown(String s) {
    return OneLine.quoted(s, 40);
  }

  private static Duration tooLong(String s) {
    throw new IllegalArgumentException("too long a duration (at most " + format(MAX) + "): " + shown(s));
  }

  /** Formats in Go's style, e.g. {@code 1h30m0s}, {@code 30s}, {@code 250ms}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    StringBuilder sb = new StringBuilder();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      sb.append(m).append('m');
    }
    return sb.append(s).append('s').toString();
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
