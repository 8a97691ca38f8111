package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code pulse export -o} and {@code pulse backup -o} leave when their process is stopped midway,
 * in real processes against a real server whose answer a relay holds: a signal deletes the part file;
 * after a kill, the next run into that directory deletes it, and never a file another run is writing.
 */
class PartFileLeftoversTest {

  private static final int RECORDS = 5_000;
  private static final String TOKEN = "part-file-admin-token";
  private static final long HELD_AFTER = 16 << 10;

  @TempDir static Path shared;
  private static ServeProcess server;

  @TempDir Path out;

  @BeforeAll
  static void serverWithRecords() throws Exception {
    Path file = shared.resolve("events.ndjson");
    Files.write(file, ExportLines.events(RECORDS));
    Path data = shared.resolve("data");
    PulseRun imported = PulseRun.run(ExportLines.KEYED, "import", file.toString(), "--kind", "events", "--data-dir",
        data.toString());
    assertThat(imported.exitCode()).as(imported.output()).isZero();
    Map<String, String> env = new java.util.HashMap<>(ExportLines.KEYED);
    env.put("PULSE_ADMIN_TOKEN", TOKEN);
    server = ServeProcess.start(data, env);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void anExportKilledMidwayLeavesItsPartFileAndTheNextExportIntoThatDirectoryDeletesIt() throws Exception {
    Path part = killedMidway(url -> export(url, out.resolve("first.ndjson")));
    assertThat(part).as("a killed run cannot delete its part file").exists();
    Path someoneElses = Files.writeString(out.resolve(".video.mp4.part"), "a browser's download");
    Path unlikeOurs = Files.writeString(out.resolve(".notes.2026.part"), "not pulse's");
    // Killed between creating its file and locking it, an hour ago; and one being created now.
    Path killedBeforeItsLock = Files.createFile(out.resolve(".old.ndjson.pulse-42.new"));
    Files.setLastModifiedTime(killedBeforeItsLock, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    Path beingCreated = Files.createFile(out.resolve(".other.ndjson.pulse-43.new"));

    PulseRun next = export(server.uri("").toString(), out.resolve("second.ndjson")).await();

    assertThat(next.exitCode()).as(next.output()).isZero();
    assertThat(files()).containsExactlyInAnyOrder("second.ndjson", someoneElses.getFileName().toString(),
        unlikeOurs.getFileName().toString(), beingCreated.getFileName().toString());
    assertThat(Files.readAllLines(out.resolve("second.ndjson"))).hasSize(RECORDS);
  }

  @Test
  void anExportStoppedBySigtermDeletesItsPartFile() throws Exception {
    try (CuttingRelay relay = CuttingRelay.holding(server.uri("/").getPort(), HELD_AFTER)) {
      PulseRun.Started export = export(relay.url(), out.resolve("events.ndjson"));
      awaitPartFile();

      export.process().toHandle().destroy();
      PulseRun run = export.await();

      assertThat(run.exitCode()).as(run.output()).isNotZero();
    }
    assertThat(files()).as("no part file, and no events.ndjson").isEmpty();
  }

  @Test
  void aPartFileAnotherRunIsWritingIsLeftAloneAndCompletes() throws Exception {
    try (CuttingRelay relay = CuttingRelay.holding(server.uri("/").getPort(), HELD_AFTER)) {
      PulseRun.Started slow = export(relay.url(), out.resolve("slow.ndjson"));
      Path part = awaitPartFile();

      PulseRun fast = export(server.uri("").toString(), out.resolve("fast.ndjson")).await();
      assertThat(fast.exitCode()).as(fast.output()).isZero();
      assertThat(part).as("held by a live run").exists();

      relay.release();
      PulseRun slowRun = slow.await();
      assertThat(slowRun.exitCode()).as(slowRun.output()).isZero();
    }
    assertThat(files()).containsExactlyInAnyOrder("slow.ndjson", "fast.ndjson");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("slow.ndjson"))))
        .as("the store's records, for their owner alone").isEqualTo("rw-------");
    assertThat(Files.readAllLines(out.resolve("slow.ndjson")))
        .containsExactlyInAnyOrderElementsOf(Files.readAllLines(out.resolve("fast.ndjson"))).hasSize(RECORDS);
  }

  @Test
  void aBackupKilledMidwayLeavesNothingAfterTheNextNightsBackup() throws Exception {
    Path part = killedMidway(url -> backup(url, out.resolve("pulse-20261204T030000Z.duckdb")));
    assertThat(part).exists();

    PulseRun next = backup(server.uri("").toString(), out.resolve("pulse-20261205T030000Z.duckdb")).await();

    assertThat(next.exitCode()).as(next.output()).isZero();
    assertThat(files()).containsExactly("pulse-20261205T030000Z.duckdb");
  }

  private static PulseRun.Started export(String url, Path file) throws Exception {
    return PulseRun.start(null, Map.of(), "export", "events", "--server", url, "--token", TOKEN, "-o", file.toString());
  }

  private static PulseRun.Started backup(String url, Path file) throws Exception {
    return PulseRun.start(null, Map.of(), "backup", "--server", url, "--token", TOKEN, "-o", file.toString());
  }

  /** A run started against the server's URL. */
  private interface Run {
    PulseRun.Started start(String url) throws Exception;
  }

  /** Starts a run through a relay that holds the answer midway, SIGKILLs it once its part file is there. */
  private Path killedMidway(Run run) throws Exception {
    try (CuttingRelay relay = CuttingRelay.holding(server.uri("/").getPort(), HELD_AFTER)) {
      PulseRun.Started started = run.start(relay.url());
      Path part = awaitPartFile();
      started.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(started.await().exitCode()).isEqualTo(137);
      return part;
    }
  }

  /** Polls until a run's part file is there (it is renamed to its .part name once locked). */
  private Path awaitPartFile() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Stream<Path> files = Files.list(out)) {
        List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        if (!parts.isEmpty()) {
          return parts.get(0);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no part file appeared in " + out + " within 60 s");
      }
      Thread.sleep(5); // polling interval, not synchronization
    }
  }

  private List<String> files() throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
