package dev.pulse.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Event lines as {@code pulse export} writes them, so that an exported line equals its imported one. */
final class ExportLines {

  private ExportLines() {}

  /** {@code count} events a second apart from 2026-11-01, each of its own random install. */
  static List<String> events(int count) {
    Random random = new Random(7);
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add("{\"receivedAt\":\"" + start.plusMillis(1_000L * i + 1) + "\",\"componentType\":\"NETWORK_MAPPER\","
          + "\"componentInstanceId\":\"" + new UUID(random.nextLong(), random.nextLong()) + "\",\"contextId\":\""
          + new UUID(random.nextLong(), random.nextLong()) + "\",\"version\":\"v1\",\"cloudClientId\":\"\","
          + "\"eventType\":\"ACTIVE\",\"count\":" + i + ",\"error\":\"\"}");
    }
    return lines;
  }
}
