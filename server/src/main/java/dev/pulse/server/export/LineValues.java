package dev.pulse.server.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.analytics.UtcDays;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The values of an export line that are not plain text, checked as an import reads them: what no
 * server could have written is refused with the reason, never stored changed or left for the
 * analyses to trip on later.
 */
final class LineValues {

  /** How far past this machine's clock a record may have been received (another server's clock). */
  static final Duration CLOCK_SKEW = Duration.ofDays(1);

  private static final Instant EARLIEST = UtcDays.FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();

  private LineValues() {}

  /** {@code receivedAt}: an instant from 1970 up to a day past this machine's clock. */
  static Instant receivedAt(String text) {
    Instant at;
    try {
      at = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"receivedAt\" is " + BadParameterException.quoted(text)
          + ", not an instant such as 2026-12-01T09:30:00.000Z");
    }
    if (at.isBefore(EARLIEST)) {
      throw new IllegalArgumentException("\"receivedAt\" " + text + " is before " + UtcDays.FIRST
          + "; no record was received then");
    }
    if (at.isAfter(Instant.now().plus(CLOCK_SKEW))) {
      throw new IllegalArgumentException("\"receivedAt\" " + text + " is more than a day after this server's"
          + " clock; a record is received in the past (check the clock of the server that exported it)");
    }
    return at;
  }

  /**
   * {@code count}: a whole, non-negative number of the wire's {@code Int}; absent or null is 0, as
   * ingestion takes it.
   */
  static int count(JsonNode node) {
    JsonNode count = node.get("count");
    if (count == null || count.isNull()) {
      return 0;
    }
    if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
      throw new IllegalArgumentException("\"count\" is " + BadParameterException.quoted(count.toString())
          + ", not a whole number from 0 to " + Integer.MAX_VALUE);
    }
    return count.intValue();
  }
}
