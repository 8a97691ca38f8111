package dev.pulse.server.store.duckdb.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A journal in a test's directory: started empty, or reopened and replayed into what it held. */
final class JournalDir {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  record Seen(long firstSeq, int records, String payload) {}

  record Replayed(long last, List<Seen> seen) {}

  private JournalDir() {}

  /** Opens the journal in {@code dir} and replays it above {@code appliedSeq}. */
  static Replayed replay(Path dir, long segmentBytes, long appliedSeq) {
    List<Seen> seen = new ArrayList<>();
    try (Journal journal = Journal.open(dir, segmentBytes, CLOCK)) {
      return new Replayed(journal.replay(appliedSeq, collect(seen)), seen);
    }
  }

  static Journal started(Path dir, long segmentBytes, long appliedSeq) {
    Journal journal = Journal.open(dir, segmentBytes, CLOCK);
    long last = journal.replay(appliedSeq, (first, records, payload) -> {});
    journal.start(last + 1, appliedSeq);
    return journal;
  }

  static Path onlySegment(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      List<Path> segments = files.toList();
      assertThat(segments).hasSize(1);
      return segments.get(0);
    }
  }

  static Journal.EntryHandler collect(List<Seen> seen) {
    return (first, records, payload) ->
        seen.add(new Seen(first, records, new String(payload, StandardCharsets.UTF_8)));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
