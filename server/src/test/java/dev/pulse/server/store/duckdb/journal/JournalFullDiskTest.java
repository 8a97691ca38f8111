package dev.pulse.server.store.duckdb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.Tmpfs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real tmpfs that fills up mid-entry. */
class JournalFullDiskTest {

  private static final int ENTRY_BYTES = 50_000;

  @TempDir Path base;

  @Test
  void anAppendCutShortByAFullDiskLeavesNoTornEntryAndTheNextFollowsTheLastWholeOne() throws Exception {
    List<byte[]> acknowledged = new ArrayList<>();
    try (Tmpfs disk = Tmpfs.mount(base.resolve("journal"), 2)) {
      disk.reserve("slack", 256 << 10);
      long seq = 1;
      try (Journal journal = Journal.open(disk.dir(), 64 << 20, Clock.systemUTC())) {
        journal.replay(0, (first, records, payload) -> {});
        journal.start(1, 0);
        while (true) {
          byte[] payload = payload(seq);
          try {
            journal.append(seq, 1, payload);
          } catch (StoreException e) {
            assertThat(e).hasMessageContaining("No space left");
            break;
          }
          acknowledged.add(payload);
          seq++;
          assertThat(seq).as("the 2 MB disk filled up").isLessThan(100);
        }
        assertThat(journal.isBroken()).isFalse();
        long refused = seq;
        assertThatThrownBy(() -> journal.append(refused, 1, payload(refused))).isInstanceOf(StoreException.class);

        disk.delete("slack");
        journal.append(seq, 1, payload(seq));
        acknowledged.add(payload(seq));
      }
      List<byte[]> replayed = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      try (Journal journal = Journal.open(disk.dir(), 64 << 20, Clock.systemUTC())) {
        assertThat(journal.replay(0, (first, records, payload) -> {
          seqs.add(first);
          replayed.add(payload);
        })).isEqualTo(seq);
      }
      assertThat(seqs).hasSize(acknowledged.size()).doesNotHaveDuplicates().isSorted();
      for (int i = 0; i < acknowledged.size(); i++) {
        assertThat(Arrays.equals(replayed.get(i), acknowledged.get(i))).as("entry " + i + " intact").isTrue();
      }
    }
  }

  private static byte[] payload(long seq) {
    byte[] payload = new byte[ENTRY_BYTES];
    Arrays.fill(payload, (byte) seq);
    return payload;
  }
}
