package dev.pulse.cli;

import dev.pulse.server.export.ExportFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Event lines as {@code pulse export} writes them, so that an exported line equals its imported one. */
final class ExportLines {

  /**
   * The context key the lines' store is given, to import them and to serve them: a server given no key
   * refuses a store that holds records.
   */
  static final Map<String, String> KEYED = Map.of("PULSE_CONTEXT_KEY", "0f1e2d3c4b5a69780f1e2d3c4b5a6978");

  private ExportLines() {}

  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  /** {@code count} events a second apart from 2026-11-01, each of its own random install. */
  static List<String> events(int count) {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(event(START.plusMillis(1_000L * i + 1), i, random));
    }
    return lines;
  }

  /**
   * {@code perDay} events on each of {@code days} UTC days from 2026-11-01, evenly spread from the day's
   * first millisecond to its last, each of its own random install; day by day, oldest first.
   */
  static List<String> eventsOnDays(int days, int perDay) {
    Random random = new Random(11);
    long dayMillis = 86_400_000L;
    List<String> lines = new ArrayList<>(days * perDay);
    for (int d = 0; d < days; d++) {
      for (int i = 0; i < perDay; i++) {
        long offset = perDay == 1 ? 0 : i * (dayMillis - 1) / (perDay - 1);
        lines.add(event(START.plusMillis(d * dayMillis + offset), d * perDay + i, random));
      }
    }
    return lines;
  }

  private static String event(Instant receivedAt, int count, Random random) {
    return "{\"receivedAt\":\"" + ExportFormat.formatInstant(receivedAt) + "\",\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"" + new UUID(random.nextLong(), random.nextLong()) + "\",\"contextId\":\""
        + new UUID(random.nextLong(), random.nextLong()) + "\",\"version\":\"v1\",\"cloudClientId\":\"\","
        + "\"eventType\":\"ACTIVE\",\"count\":" + count + ",\"error\":\"\"}";
  }
}
