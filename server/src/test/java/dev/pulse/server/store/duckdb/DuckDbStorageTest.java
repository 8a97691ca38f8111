package dev.pulse.server.store.duckdb;

import static dev.pulse.server.store.Records.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStorageTest {

  @TempDir Path dataDir;

  @Test
  void opensTheWholeEmbeddedStoreWithItsRollupsAndDiskReserve() throws IOException {
    long reserve = 1L << 20;
    try (Storage storage = DuckDbStorage.open(dataDir, reserve)) {
      storage.events().append(RecordBatch.ofEvents(List.of(event("a", EventType.STARTED, 1))));

      assertThat(storage.analytics().refresh()).as("the appended record is folded into the rollups").isEqualTo(1);
      assertThat(storage.analytics())
          .as("one analytics source per store, so that its refreshes serialize")
          .isSameAs(DuckDbAnalyticsSource.rollups((DuckDbEventStore) storage.events()));
      DiskSpace disk = storage.disk().orElseThrow();
      assertThat(disk.minFreeBytes()).isEqualTo(reserve);
      // Other processes write to the same disk between the two reads: equal within 256 MiB.
      assertThat(disk.freeBytes()).isCloseTo(Files.getFileStore(dataDir).getUsableSpace(), within(256L << 20));
      assertThat(disk.isLow()).isFalse();
    }
  }
}
