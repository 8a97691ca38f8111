package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.FileBackup;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's backup copy when its disk fails midway: nothing left behind, the store goes on. */
class DuckDbBackupTest {

  @TempDir Path base;

  @Test
  void aCopyWhoseDiskFillsUpMidwayLeavesNothingAndTheStoreGoesOnServingAndBackingUp() throws Exception {
    List<StoredEvent> sent = new ArrayList<>();
    try (DuckDbStorage storage = DuckDbStorage.open(base.resolve("data"));
        // Room for the copy's bytes, but for one file only: DuckDB's write-ahead log beside it fails.
        Tmpfs disk = Tmpfs.mount(base.resolve("backups"), 64, 2)) {
      append(storage, sent, "before");
      Path copy = disk.dir().resolve("copy.duckdb");

      assertThatThrownBy(() -> storage.backup().orElseThrow().writeTo(copy))
          .isInstanceOf(FileBackup.NotEnoughDiskException.class)
          .hasMessageContaining("filled up while the backup was written").hasMessageContaining("No space left on device");

      try (var left = Files.list(disk.dir())) {
        assertThat(left).as("nothing left of the failed copy").isEmpty();
      }
      append(storage, sent, "after");
      assertThat(events(storage)).containsExactlyInAnyOrderElementsOf(sent);
      Path second = base.resolve("second.duckdb");
      storage.backup().orElseThrow().writeTo(second);
      Path restored = Files.createDirectories(base.resolve("restored"));
      Files.move(second, restored.resolve(DuckDbEventStore.FILE_NAME));
      try (DuckDbStorage copyOfIt = DuckDbStorage.open(restored)) {
        assertThat(events(copyOfIt)).containsExactlyInAnyOrderElementsOf(sent);
      }
    }
  }

  private static void append(DuckDbStorage storage, List<StoredEvent> sent, String id) {
    List<StoredEvent> batch = IntStream.range(0, 200)
        .mapToObj(i -> Records.event(id + "-" + i, EventType.values()[i % EventType.values().length], i)).toList();
    storage.events().append(RecordBatch.ofEvents(batch));
    sent.addAll(batch);
  }

  private static List<StoredEvent> events(DuckDbStorage storage) {
    List<StoredEvent> events = new ArrayList<>();
    storage.events().forEachEvent(events::add);
    return events;
  }
}
