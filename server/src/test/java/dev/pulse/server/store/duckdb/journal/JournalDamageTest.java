package dev.pulse.server.store.duckdb.journal;

import static dev.pulse.server.store.duckdb.journal.JournalDir.CLOCK;
import static dev.pulse.server.store.duckdb.journal.JournalDir.bytes;
import static dev.pulse.server.store.duckdb.journal.JournalDir.collect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.duckdb.journal.JournalDir.Replayed;
import dev.pulse.server.store.duckdb.journal.JournalDir.Seen;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import dev.pulse.server.http.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.io.TempDir;

/** Damaged segments: the last entry cut off, an applied one skipped, another failing the replay. */
class JournalDamageTest {

  @TempDir Path dir;

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void aTornLastEntryIsCutOffAndToldAndAppendsContinueAfterTheGoodOnes() throws IOException {
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
    try (CapturedLog log = CapturedLog.start(); Journal journal = Journal.open(dir, 1 << 20, CLOCK)) {
      long last = journal.replay(0, collect(seen));
      assertThat(last).isEqualTo(1);
      assertThat(log.text()).as("the cut is told, with what and where").contains("the last stop was not clean",
          "ended in an entry cut short, an append never acknowledged; cut off its", "from byte " + Files.size(segment));
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

  private static void flipByte(Path segment, long at) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(at);
      int value = file.read();
      file.seek(at);
      file.write(value ^ 0x40);
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
    return JournalDir.started(dir, segmentBytes, appliedSeq);
  }

  private Path onlySegment() throws IOException {
    return JournalDir.onlySegment(dir);
  }

  private Replayed replay(long segmentBytes, long appliedSeq) {
    return JournalDir.replay(dir, segmentBytes, appliedSeq);
  }
}
