package dev.pulse.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pulse.server.TestServer;
import dev.pulse.server.http.Bodies;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.ReadBack;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.Tmpfs;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code POST /api/v1/backup} on a real server: a copy taken while records arrive, restored as a store. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class BackupEndpointTest {

  private static final int EVENTS_PER_REQUEST = 40;

  @TempDir Path dataDir;
  @TempDir Path restored;

  @Test
  void aBackupTakenWhileRecordsArriveHoldsEachRecordAcknowledgedBeforeItOnceAndOpensAsAStore() throws Exception {
    long lastBackup;
    try (TestServer server = TestServer.start(dataDir)) {
      for (int i = 0; i < 20; i++) {
        assertThat(send(server, "before-" + i).statusCode()).isEqualTo(200);
      }
      assertThat(lastBackupMetric(server)).as("no backup yet").isZero();
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Map<String, Integer> refused = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        for (int i = 0; !stop.get(); i++) {
          int status = send(server, "during-" + i).statusCode();
          if (status == 200) {
            acknowledged.add("during-" + i);
          } else {
            refused.put("during-" + i, status);
          }
        }
      });

      HttpResponse<Path> backup = server.send(backupRequest(server, TestServer.ADMIN_TOKEN),
          HttpResponse.BodyHandlers.ofFile(restored.resolve(DuckDbEventStore.FILE_NAME)));
      stop.set(true);
      writer.get(30, TimeUnit.SECONDS);

      assertThat(backup.statusCode()).isEqualTo(200);
      assertThat(backup.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(backup.headers().firstValueAsLong("Content-Length"))
          .hasValue(Files.size(restored.resolve(DuckDbEventStore.FILE_NAME)));
      assertThat(backup.headers().firstValue("Content-Disposition").orElse(""))
          .matches("attachment; filename=\"pulse-backup-[0-9]{8}T[0-9]{6}Z\\.duckdb\"");
      assertThat(refused).as("ingest answered while the backup was taken").isEmpty();
      try (var left = Files.list(dataDir)) {
        assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("backup-in-progress-"));
      }
      List<StoredEvent> served = server.events();
      try (DuckDbStorage copy = DuckDbStorage.open(restored)) {
        List<StoredEvent> kept = ReadBack.events(copy.events());
        Predicate<StoredEvent> before = e -> e.component().version().startsWith("before-");
        assertThat(kept.stream().filter(before).toList()).as("every record acknowledged before, once, intact")
            .containsExactlyInAnyOrderElementsOf(served.stream().filter(before).toList());
        Map<String, Long> perRequest = kept.stream()
            .collect(Collectors.groupingBy(e -> e.component().version(), Collectors.counting()));
        assertThat(perRequest).allSatisfy((version, count) -> {
          assertThat(count).as(version + ": a request whole or not at all").isEqualTo(EVENTS_PER_REQUEST);
          assertThat(version.startsWith("before-") || acknowledged.contains(version)).as(version).isTrue();
        });
        assertThat(served).containsAll(kept);

        // The restored store goes on: new records get their own place after the copied ones.
        List<StoredEvent> more = IntStream.range(0, 5)
            .mapToObj(i -> Fixture.event("after-" + i, "ctx", Instant.now().truncatedTo(ChronoUnit.MICROS))).toList();
        copy.events().append(RecordBatch.ofEvents(more));
        assertThat(ReadBack.events(copy.events())).hasSize(kept.size() + more.size()).containsAll(more);
      }
      lastBackup = lastBackupMetric(server);
      assertThat(lastBackup).isCloseTo(Instant.now().getEpochSecond(), within(60L));
    }
    try (TestServer restarted = TestServer.start(dataDir)) {
      assertThat(lastBackupMetric(restarted)).as("the last backup's time outlives a restart").isEqualTo(lastBackup);
    }
  }

  private static long lastBackupMetric(TestServer server) {
    String line = server.get("/metrics", null).body().lines()
        .filter(l -> l.startsWith("pulse_backup_last_success_seconds ")).findFirst().orElseThrow();
    return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
  }

  @Test
  void aPostgresStoreIsToldToUseItsOwnToolsAndTheReadTokenCannotTakeABackup() {
    String readToken = "read-token-0123456789abcdef";
    try (TestServer server = TestServer.start(dataDir,
        b -> b.store(EmbeddedPostgresServer.newDatabase()).readToken(readToken))) {
      HttpResponse<String> read = server.send(backupRequest(server, readToken));
      assertThat(read.statusCode()).isEqualTo(403);
      assertThat(read.body()).contains("READ_ONLY_TOKEN");

      HttpResponse<String> postgres = server.send(backupRequest(server, TestServer.ADMIN_TOKEN));
      assertThat(postgres.statusCode()).isEqualTo(409);
      assertThat(postgres.body()).contains("NO_FILE_BACKUP", "pg_dump");
    }
  }

  @Test
  void aBackupThatWouldNotFitBesideTheDiskReserveIsRefusedAndIngestGoesOn() throws Exception {
    long reserve = 4L << 20;
    try (Tmpfs disk = Tmpfs.mount(dataDir.resolve("disk"), 64);
        TestServer server = TestServer.start(disk.dir(), b -> b.minFreeDiskBytes(reserve))) {
      for (int i = 0; i < 20; i++) {
        assertThat(send(server, "before-" + i).statusCode()).isEqualTo(200);
      }
      assertThat(server.events()).hasSize(20 * EVENTS_PER_REQUEST); // applied: the file holds them
      Path database = disk.dir().resolve(DuckDbEventStore.FILE_NAME);
      long copy = Files.size(database);
      long free = Files.getFileStore(database).getUsableSpace();
      disk.reserve("filler", Math.toIntExact(free - reserve - copy / 2)); // room for the reserve, not the copy

      HttpResponse<String> refused = server.send(backupRequest(server, TestServer.ADMIN_TOKEN));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
      assertThat(refused.body()).contains("NOT_ENOUGH_DISK", "a backup needs about", "besides the store's reserve");
      try (var left = Files.list(disk.dir())) {
        assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("backup-in-progress-"));
      }
      assertThat(send(server, "after").statusCode()).as("ingest goes on").isEqualTo(200);

      disk.delete("filler");
      HttpResponse<byte[]> taken = server.send(backupRequest(server, TestServer.ADMIN_TOKEN),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(taken.statusCode()).isEqualTo(200);
      assertThat(taken.body()).hasSizeGreaterThan(0);
    }
  }

  @Test
  void aBackupWhoseDiskFillsUpMidwayIsAnsweredWithTheDisksErrorAndTheServerGoesOn() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dataDir.resolve("disk"), 64);
        TestServer server = TestServer.start(disk.dir(), b -> b.minFreeDiskBytes(4L << 20))) {
      for (int i = 0; i < 20; i++) {
        assertThat(send(server, "before-" + i).statusCode()).isEqualTo(200);
      }
      assertThat(server.events()).hasSize(20 * EVENTS_PER_REQUEST); // applied: nothing more to write now
      disk.allowMoreFiles(1); // the copy's file, not the write-ahead log DuckDB opens beside it

      HttpResponse<String> failed = server.send(backupRequest(server, TestServer.ADMIN_TOKEN));
      assertThat(failed.statusCode()).as(failed.body()).isEqualTo(507);
      assertThat(failed.body()).contains("NOT_ENOUGH_DISK", "filled up while the backup was written",
          "No space left on device", "free some space").doesNotContain("retry later");
      try (var left = Files.list(disk.dir())) {
        assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("backup-in-progress-"));
      }
      assertThat(server.get("/healthz", null).statusCode()).as("the server kept answering").isEqualTo(200);

      disk.allowAnyNumberOfFiles();
      assertThat(send(server, "after").statusCode()).as("ingest goes on").isEqualTo(200);
      HttpResponse<byte[]> taken = server.send(backupRequest(server, TestServer.ADMIN_TOKEN),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(taken.statusCode()).isEqualTo(200);
      Path copy = Files.createDirectories(restored.resolve("data")).resolve(DuckDbEventStore.FILE_NAME);
      Files.write(copy, taken.body());
      try (DuckDbStorage store = DuckDbStorage.open(copy.getParent())) {
        assertThat(ReadBack.events(store.events()).stream().map(e -> e.component().version()).distinct())
            .hasSize(21).contains("after");
      }
    }
  }

  private static HttpResponse<String> send(TestServer server, String version) {
    String events = IntStream.range(0, EVENTS_PER_REQUEST)
        .mapToObj(i -> Bodies.event(version, "INTENTS_DISCOVERED", i, "")).collect(Collectors.joining(","));
    return server.postTelemetry(Bodies.sendTelemetries("[" + events + "]"));
  }

  static HttpRequest backupRequest(TestServer server, String token) {
    return HttpRequest.newBuilder(server.uri(BackupEndpoint.PATH))
        .header("Authorization", "Bearer " + token)
        .header("Accept-Encoding", "gzip") // as a browser or curl --compressed asks: the file comes as it is
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }
}
