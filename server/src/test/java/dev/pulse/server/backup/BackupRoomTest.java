package dev.pulse.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.http.Bodies;
import dev.pulse.server.store.Tmpfs;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The room a backup of a running server needs, on a real tmpfs: never estimated below what the copy
 * takes, also for a young store whose records are all in DuckDB's WAL beside a 12 KiB file; and the
 * refusal says what helps, the copy being made in the data dir whatever disk the client writes to.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class BackupRoomTest {

  private static final Pattern NEEDED = Pattern.compile("a backup needs about ([0-9.]+) MB free");
  private static final int MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void aYoungStoreIsNotEstimatedSmallerThanItsCopyAndTheRefusalSaysWhatHelps() throws Exception {
    long reserve = 4L * MIB;
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 64);
        TestServer server = TestServer.start(disk.dir(), b -> b.minFreeDiskBytes(reserve))) {
      for (int i = 0; i < 5; i++) {
        String events = IntStream.range(0, 20).mapToObj(n -> Bodies.event("v" + n, "INTENTS_DISCOVERED", n, ""))
            .collect(Collectors.joining(","));
        assertThat(server.postTelemetry(Bodies.sendTelemetries("[" + events + "]")).statusCode()).isEqualTo(200);
      }
      assertThat(server.events()).hasSize(100); // applied
      Path database = disk.dir().resolve(DuckDbEventStore.FILE_NAME);
      Path wal = disk.dir().resolve(DuckDbEventStore.FILE_NAME + ".wal");
      assertThat(Files.size(database) + (Files.exists(wal) ? Files.size(wal) : 0))
          .as("the store as it is on disk: small beside any copy of it").isLessThan(MIB / 4);
      long free = Files.getFileStore(database).getUsableSpace();
      disk.reserve("filler", Math.toIntExact(free - reserve - MIB)); // 1 MiB beyond the reserve

      HttpResponse<String> refused = server.send(BackupEndpointTest.backupRequest(server, TestServer.ADMIN_TOKEN));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
      Matcher needed = NEEDED.matcher(refused.body());
      assertThat(needed.find()).as(refused.body()).isTrue();
      assertThat(refused.body()).contains("NOT_ENOUGH_DISK", "the server writes the copy into its data dir before it"
          + " sends it", "free some space there", "pulse backup --data-dir").doesNotContain("back up to another disk");

      disk.delete("filler");
      HttpResponse<byte[]> taken = server.send(BackupEndpointTest.backupRequest(server, TestServer.ADMIN_TOKEN),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(taken.statusCode()).isEqualTo(200);
      assertThat((double) taken.body().length).as("the copy, against the estimate " + needed.group(1) + " MB")
          .isLessThanOrEqualTo(Double.parseDouble(needed.group(1)) * 1e6);
    }
  }
}
