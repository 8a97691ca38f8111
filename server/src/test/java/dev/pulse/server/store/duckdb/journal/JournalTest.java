package dev.pulse.server.store.duckdb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private record Seen(long firstSeq, int records, String payload) {}

  @Test
  void appendedEntriesAreReplayedInOrderAfterReopening() {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 2, bytes("one"));
      journal.append(3, 1, bytes("two"));
    }
    // Nothing was applied, so close() kept the segment.
    Replayed replayed = replay(1 << 20, 0);
    assertThat(replayed.last()).isEqualTo(3);
    assertThat(replayed.seen()).containsExactly(new Seen(1, 2, "one"), new Seen(3, 1, "two"));
  }

  @Test
  void entriesAppendedUnderALocaleWithOtherDigitsAreReplayedAfterReopening() throws IOException {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("ar")); // formats numbers with Arabic-Indic digits
    try {
      try (Journal journal = started(1 << 20, 0)) {
        journal.append(1, 2, bytes("one"));
      }
      assertThat(onlySegment().getFileName().toString()).isEqualTo("00000000000000000001.journal");
      assertThat(replay(1 << 20, 0).seen()).containsExactly(new Seen(1, 2, "one"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aSegmentNamedInArabicIndicDigitsByAnEarlierVersionIsReplayedInItsPlace() throws IOException {
    try (Journal journal = started(64, 0)) { // every entry fills a segment
      journal.append(1, 1, bytes("x".repeat(60)));
      journal.append(2, 1, bytes("y".repeat(60)));
    }
    Path older = Journal.open(dir, 64, CLOCK).segments().get(0);
    Files.move(older, older.resolveSibling("\u0660".repeat(19) + "\u0661.journal"));

    assertThat(replay(64, 0).seen()).extracting(Seen::firstSeq).containsExactly(1L, 2L);
  }

  @Test
  void replaySkipsEntriesAtOrBelowTheAppliedSeq() {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 2, bytes("one"));
      journal.append(3, 1, bytes("two"));
      journal.append(4, 5, bytes("three"));
    }
    Replayed replayed = replay(1 << 20, 3);
    assertThat(replayed.last()).isEqualTo(8);
    assertThat(replayed.seen()).containsExactly(new Seen(4, 5, "three"));
  }

  @Test
  void aTornLastEntryIsCutOffAndAppendsContinueAfterTheGoodOnes() throws IOException {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 1, bytes("kept"));
      journal.append(2, 1, bytes("torn"));
    }
    Path segment = onlySegment();
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 2); // the crash came in the middle of the second entry
    }
    List<Seen> seen = new ArrayList<>();
    try (Journal journal = Journal.open(dir, 1 << 20, CLOCK)) {
      long last = journal.replay(0, collect(seen));
      assertThat(last).isEqualTo(1);
      journal.start(last + 1, 0);
      journal.append(2, 1, bytes("after"));
    }
    seen.clear();
    try (Journal journal = Journal.open(dir, 1 << 20, CLOCK)) {
      journal.replay(0, collect(seen));
    }
    assertThat(seen).containsExactly(new Seen(1, 1, "kept"), new Seen(2, 1, "after"));
  }

  @Test
  void aCorruptEntryInAnOlderSegmentFailsTheReplayNamingTheFile() throws IOException {
    try (Journal journal = started(64, 0)) { // every entry fills a segment
      journal.append(1, 1, bytes("x".repeat(60)));
      journal.append(2, 1, bytes("y".repeat(60)));
    }
    Path older = Journal.open(dir, 64, CLOCK).segments().get(0);
    try (RandomAccessFile file = new RandomAccessFile(older.toFile(), "rw")) {
      file.seek(Journal.HEADER_BYTES + 5);
      file.write('!');
    }
    assertThatThrownBy(() -> Journal.open(dir, 64, CLOCK).replay(0, (first, records, payload) -> {}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(older.getFileName().toString())
        .hasMessageContaining("fails its checksum");
  }

  @Test
  void anEntryNumberedBeforeTheOneAheadOfItFailsTheReplay() throws IOException {
    try (Journal journal = started(64, 0)) { // every entry fills a segment
      journal.append(1, 1, bytes("x".repeat(60)));
      journal.append(2, 1, bytes("y".repeat(60)));
      journal.append(3, 1, bytes("z".repeat(60)));
    }
    List<Path> segments = Journal.open(dir, 64, CLOCK).segments();
    // Entry 1, whole and with a good checksum, copied after entry 2: only its number is wrong.
    Files.write(segments.get(1), Files.readAllBytes(segments.get(0)), StandardOpenOption.APPEND);

    assertThatThrownBy(() -> Journal.open(dir, 64, CLOCK).replay(0, (first, records, payload) -> {}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(segments.get(1).getFileName().toString())
        .hasMessageContaining("an entry numbered 1+1 after seq 2");
  }

  @Test
  void aFlippedBitInTheLastEntryIsCutOffNotReplayed() throws IOException {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 1, bytes("good"));
      journal.append(2, 1, bytes("flipped"));
    }
    Path segment = onlySegment();
    byte[] content = Files.readAllBytes(segment);
    content[content.length - 1] ^= 1;
    Files.write(segment, content);
    assertThat(replay(1 << 20, 0).seen()).containsExactly(new Seen(1, 1, "good"));
  }

  @Test
  void aDamagedEntryWithWholeEntriesAfterItFailsTheReplayInsteadOfCuttingThemOff() throws IOException {
    appendEach(new Journal.Entry(1, 1, bytes("first")), new Journal.Entry(2, 1, bytes("damaged")),
        new Journal.Entry(3, 1, bytes("acknowledged after it")));
    Path segment = onlySegment();
    long damagedAt = Journal.HEADER_BYTES + "first".length();
    flipByte(segment, damagedAt + Journal.HEADER_BYTES);
    long size = Files.size(segment);

    assertThatThrownBy(() -> Journal.open(dir, 1 << 20, CLOCK).replay(0, (first, records, payload) -> {}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(segment.getFileName().toString())
        .hasMessageContaining("fails its checksum at byte " + damagedAt)
        .hasMessageContaining("truncate -s " + damagedAt);
    assertThat(Files.size(segment)).isEqualTo(size);
  }

  @Test
  void aDamagedEntryTheDatabaseAlreadyHasIsSkippedAndTheEntriesAfterItAreReplayed() throws IOException {
    appendEach(new Journal.Entry(1, 1, bytes("first")), new Journal.Entry(2, 2, bytes("damaged")),
        new Journal.Entry(4, 1, bytes("not applied yet")));
    flipByte(onlySegment(), 2 * Journal.HEADER_BYTES + "first".length());

    Replayed replayed = replay(1 << 20, 3);
    assertThat(replayed.last()).isEqualTo(4);
    assertThat(replayed.seen()).containsExactly(new Seen(4, 1, "not applied yet"));
  }

  @Test
  void aDamagedAppliedEntryInAnOlderSegmentIsSkippedToo() throws IOException {
    try (Journal journal = started(100, 0)) { // two entries of 60 bytes pass the bound
      journal.append(1, 1, bytes("x".repeat(40)));
      journal.append(2, 1, bytes("y".repeat(40)));
      journal.append(3, 1, bytes("z".repeat(40)));
    }
    List<Path> segments = Journal.open(dir, 100, CLOCK).segments();
    assertThat(segments).hasSize(2);
    flipByte(segments.get(0), Journal.HEADER_BYTES);

    Replayed replayed = replay(100, 1);
    assertThat(replayed.last()).isEqualTo(3);
    assertThat(replayed.seen()).extracting(Seen::firstSeq).containsExactly(2L, 3L);
  }

  @Test
  void segmentsRollAtTheSizeBoundAndAreDeletedOnceApplied() throws IOException {
    try (Journal journal = started(100, 0)) {
      for (int seq = 1; seq <= 6; seq++) {
        journal.append(seq, 1, bytes("x".repeat(40))); // 60 bytes an entry: two a segment
      }
      assertThat(names(journal.segments()))
          .containsExactly(name(1), name(3), name(5), name(7));
      journal.deleteAppliedThrough(3);
      // The segment from 3 also holds 4, which is not applied yet.
      assertThat(names(journal.segments())).containsExactly(name(3), name(5), name(7));
      journal.deleteAppliedThrough(6);
      assertThat(names(journal.segments())).containsExactly(name(7));
    }
  }

  @Test
  void closingWithEverythingAppliedLeavesNoSegment() throws IOException {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 3, bytes("one"));
      journal.deleteAppliedThrough(3);
    }
    assertThat(Journal.open(dir, 1 << 20, CLOCK).segments()).isEmpty();
  }

  @Test
  void startingDeletesTheReplayedSegmentsThatAreApplied() throws IOException {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 3, bytes("one"));
    }
    try (Journal journal = Journal.open(dir, 1 << 20, CLOCK)) {
      long last = journal.replay(0, (first, records, payload) -> {});
      journal.start(last + 1, last);
      assertThat(names(journal.segments())).containsExactly(name(4));
    }
  }

  @Test
  void aRemovalRollsASegmentStartedBeforeItSoItsAppliedEntriesGo() throws IOException {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 1, bytes("an erased install's record"));
      journal.deleteAppliedThrough(1);
      journal.rollIfStartedBefore(CLOCK.instant().minusSeconds(1));
      assertThat(names(journal.segments())).containsExactly(name(1));
      journal.rollIfStartedBefore(CLOCK.instant().plusSeconds(1));
      assertThat(names(journal.segments())).containsExactly(name(2));
    }
  }

  @Test
  void anEntryThatDoesNotFollowTheLastIsRefused() {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 2, bytes("one"));
      assertThatThrownBy(() -> journal.append(2, 1, bytes("overlaps")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aGroupAppendedInOneCallIsReplayedEntryByEntry() {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(List.of(
          new Journal.Entry(1, 2, bytes("one")),
          new Journal.Entry(3, 1, bytes("two")),
          new Journal.Entry(4, 4, bytes("three"))));
      journal.append(8, 1, bytes("after"));
    }
    Replayed replayed = replay(1 << 20, 0);
    assertThat(replayed.last()).isEqualTo(8);
    assertThat(replayed.seen()).containsExactly(
        new Seen(1, 2, "one"), new Seen(3, 1, "two"), new Seen(4, 4, "three"), new Seen(8, 1, "after"));
  }

  @Test
  void aGroupWhoseEntriesDoNotFollowEachOtherIsRefusedWhole() {
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 1, bytes("kept"));
      assertThatThrownBy(() -> journal.append(List.of(
              new Journal.Entry(2, 2, bytes("fine")), new Journal.Entry(3, 1, bytes("overlaps")))))
          .isInstanceOf(IllegalArgumentException.class);
      journal.append(2, 1, bytes("next"));
    }
    assertThat(replay(1 << 20, 0).seen()).containsExactly(new Seen(1, 1, "kept"), new Seen(2, 1, "next"));
  }

  @Test
  void aGroupPastTheSegmentSizeStaysInOneSegmentAndTheNextStartsANewOne() throws IOException {
    try (Journal journal = started(100, 0)) {
      journal.append(List.of(
          new Journal.Entry(1, 1, bytes("x".repeat(40))),
          new Journal.Entry(2, 1, bytes("y".repeat(40))),
          new Journal.Entry(3, 1, bytes("z".repeat(40))))); // 180 bytes
      journal.append(4, 1, bytes("w"));
      assertThat(names(journal.segments())).containsExactly(name(1), name(4));
    }
  }

  @Test
  void filesThatAreNotSegmentsAreLeftAlone() throws IOException {
    Files.createDirectories(dir);
    Path stray = Files.writeString(dir.resolve("notes.journal"), "not a segment");
    try (Journal journal = started(1 << 20, 0)) {
      journal.append(1, 1, bytes("one"));
      journal.deleteAppliedThrough(1);
    }
    assertThat(stray).exists();
  }

  private static void flipByte(Path segment, long at) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(at);
      int value = file.read();
      file.seek(at);
      file.write(value ^ 0x40);
    }
  }

  private record Replayed(long last, List<Seen> seen) {}

  /** Opens the journal in {@code dir} and replays it above {@code appliedSeq}. */
  private Replayed replay(long segmentBytes, long appliedSeq) {
    List<Seen> seen = new ArrayList<>();
    try (Journal journal = Journal.open(dir, segmentBytes, CLOCK)) {
      return new Replayed(journal.replay(appliedSeq, collect(seen)), seen);
    }
  }

  /** Appends each entry on its own, as separate requests would, to a new journal in {@code dir}. */
  private void appendEach(Journal.Entry... entries) {
    try (Journal journal = started(1 << 20, 0)) {
      for (Journal.Entry entry : entries) {
        journal.append(entry.firstSeq(), entry.records(), entry.payload());
      }
    }
  }

  private Journal started(long segmentBytes, long appliedSeq) {
    Journal journal = Journal.open(dir, segmentBytes, CLOCK);
    long last = journal.replay(appliedSeq, (first, records, payload) -> {});
    journal.start(last + 1, appliedSeq);
    return journal;
  }

  private Path onlySegment() throws IOException {
    try (var files = Files.list(dir)) {
      List<Path> segments = files.toList();
      assertThat(segments).hasSize(1);
      return segments.get(0);
    }
  }

  private static Journal.EntryHandler collect(List<Seen> seen) {
    return (first, records, payload) ->
        seen.add(new Seen(first, records, new String(payload, StandardCharsets.UTF_8)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(path -> path.getFileName().toString()).toList();
  }

  private static String name(long firstSeq) {
    return String.format("%020d.journal", firstSeq);
  }
}
