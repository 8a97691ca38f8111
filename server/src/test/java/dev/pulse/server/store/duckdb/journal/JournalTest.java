package dev.pulse.server.store.duckdb.journal;

import static dev.pulse.server.store.duckdb.journal.JournalDir.CLOCK;
import static dev.pulse.server.store.duckdb.journal.JournalDir.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.duckdb.journal.JournalDir.Replayed;
import dev.pulse.server.store.duckdb.journal.JournalDir.Seen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Entries appended and replayed in order; segments rolled at their size, deleted once applied. */
@Isolated
class JournalTest {

  @TempDir Path dir;

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

  private Journal started(long segmentBytes, long appliedSeq) {
    return JournalDir.started(dir, segmentBytes, appliedSeq);
  }

  private Replayed replay(long segmentBytes, long appliedSeq) {
    return JournalDir.replay(dir, segmentBytes, appliedSeq);
  }

  private Path onlySegment() throws IOException {
    return JournalDir.onlySegment(dir);
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(path -> path.getFileName().toString()).toList();
  }

  private static String name(long firstSeq) {
    return String.format("%020d.journal", firstSeq);
  }
}
