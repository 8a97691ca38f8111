package dev.pulse.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.store.Await;
import dev.pulse.server.store.Tmpfs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import into a server whose data dir's disk is below its free-space reserve, on a real tmpfs: the
 * refusal names the disk, not a store that is busy, and says a retry helps only once space is freed.
 */
class ImportDiskReserveTest {

  private static final String LINE = "{\"receivedAt\":\"2026-11-05T10:00:00.000Z\",\"componentType\":\"NETWORK_MAPPER\","
      + "\"componentInstanceId\":\"i-1\",\"contextId\":\"ctx\",\"version\":\"v1\",\"cloudClientId\":\"\","
      + "\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}\n";

  @TempDir Path dir;

  @Test
  void anImportBelowTheReserveIsRefusedNamingTheDiskAndImportsNothingUntilSpaceIsFreed() throws Exception {
    long reserve = 4L << 20;
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 64);
        TestServer server = TestServer.start(disk.dir(), b -> b.minFreeDiskBytes(reserve))) {
      long free = Files.getFileStore(disk.dir()).getUsableSpace();
      disk.reserve("filler", Math.toIntExact(free - reserve + (1 << 20))); // 1 MiB into the reserve
      Await.until("the reserve refusing", () -> server.server().scrapeMetrics().lines().anyMatch("pulse_store_disk_low 1.0"::equals));

      HttpResponse<String> refused = importEvents(server);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.body()).contains("--min-free-disk", "bytes free", "nothing of this request was stored",
          "once space is freed")
          .doesNotContain("cannot answer now", "applying records", "Exception");
      assertThat(server.events()).isEmpty();

      disk.delete("filler");
      Await.until("the reserve accepting", () -> server.server().scrapeMetrics().lines().anyMatch("pulse_store_disk_low 0.0"::equals));
      HttpResponse<String> imported = importEvents(server);
      assertThat(imported.body()).isEqualTo("{\"imported\":1,\"skipped\":0}");
      assertThat(server.events()).hasSize(1);
    }
  }

  private static HttpResponse<String> importEvents(TestServer server) {
    return server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(LINE)).build());
  }
}
