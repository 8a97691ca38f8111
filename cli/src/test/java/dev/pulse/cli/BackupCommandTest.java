package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.privacy.ContextKeyAgreement;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse backup} and {@code pulse restore}, real processes: from a running server, from a stopped
 * server's data dir, and back into an empty one.
 */
class BackupCommandTest {

  private static final String TOKEN = "backup-command-test-token-0123";

  @TempDir Path dir;

  @Test
  void aBackupOfARunningServerOpensAsAStoreHoldingItsRecords() throws Exception {
    Path file = dir.resolve("backup.duckdb");
    List<StoredEvent> served;
    PulseServer server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dir.resolve("server")).adminToken(TOKEN).build());
    try {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + WireOperations.PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(TelemetryBodies.tenEvents("instance-" + i))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      }

      PulseRun run = PulseRun.run(Map.of(), "backup", "--server", "http://127.0.0.1:" + server.port(),
          "--token", TOKEN, "-o", file.toString());

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("backed up the server at", file.toString(), "same context key");

      Path piped = dir.resolve("piped.duckdb");
      PulseRun toStdout = PulseRun.start(null, Redirect.to(piped.toFile()), Map.of(), "backup", "--server",
          "http://127.0.0.1:" + server.port(), "--token", TOKEN, "-o", "-").await();
      assertThat(toStdout.exitCode()).as(toStdout.output()).isZero();
      assertThat(toStdout.output()).as("standard error").contains("backed up the server at", "to standard output");
      served = events(server.store());
      assertThat(restored(piped)).containsExactlyInAnyOrderElementsOf(served);
    } finally {
      server.close();
    }
    assertThat(served).hasSize(5 * TelemetryBodies.EVENTS);
    assertThat(restored(file)).containsExactlyInAnyOrderElementsOf(served);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
  }

  @Test
  void aStoppedServersDataDirIsBackedUpFromTheFile() throws Exception {
    Path data = dir.resolve("data");
    List<StoredEvent> stored = ExportLines.events(30).stream().map(ExportFormat::readEvent).toList();
    try (DuckDbStorage storage = DuckDbStorage.open(data)) {
      storage.events().append(RecordBatch.ofEvents(stored));
    }
    Path file = dir.resolve("offline.duckdb");

    long before = Instant.now().getEpochSecond();
    PulseRun run = PulseRun.run(Map.of(), "backup", "--data-dir", data.toString(), "-o", file.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("backed up the store in " + data);
    assertThat(Long.parseLong(Files.readString(data.resolve("backup.last")).strip()))
        .as("kept as a server keeps the backups it sends, for its metric and alert")
        .isBetween(before, Instant.now().getEpochSecond());

    Path restoredDir = dir.resolve("restored");
    PulseRun restore = PulseRun.run(Map.of(), "restore", file.toString(), "--data-dir", restoredDir.toString());

    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(restore.output()).contains("restored 30 events, 0 CLI commands and 0 errors into " + restoredDir)
        .contains("has no context.key: start the server with the context key of the server the backup came from");
    try (DuckDbStorage storage = DuckDbStorage.open(restoredDir)) {
      assertThat(events(storage.events())).containsExactlyInAnyOrderElementsOf(stored);
    }
  }

  @Test
  void restoreRefusesADataDirHoldingAStoreAndAFileThatIsNoBackupChangingNothing() throws Exception {
    Path data = dir.resolve("data");
    DuckDbStorage.open(data).close();
    byte[] before = Files.readAllBytes(data.resolve(DuckDbEventStore.FILE_NAME));
    Path backup = dir.resolve("backup.duckdb");
    Files.copy(data.resolve(DuckDbEventStore.FILE_NAME), backup);
    Path notes = Files.writeString(dir.resolve("notes.duckdb"), "not a database");
    List<Path> files = listed(dir);

    PulseRun intoAStore = PulseRun.run(Map.of(), "restore", backup.toString(), "--data-dir", data.toString());
    PulseRun notABackup = PulseRun.run(Map.of(), "restore", notes.toString(), "--data-dir",
        dir.resolve("empty").toString());

    assertTold(intoAStore, USAGE, "holds a store already: restore into an empty data dir");
    assertThat(Files.readAllBytes(data.resolve(DuckDbEventStore.FILE_NAME))).isEqualTo(before);
    assertTold(notABackup, USAGE, "is not a Pulse backup: a backup is a DuckDB database file");
    assertThat(dir.resolve("empty").resolve(DuckDbEventStore.FILE_NAME)).doesNotExist();
    assertThat(listed(dir)).as("nothing created beside the files").isEqualTo(files);
  }

  @Test
  void restoreRefusesABackupKeyedWithAnotherContextKeyThanTheOneSetBeforeCopyingIt() throws Exception {
    String keyOfBackup = "a1".repeat(32);
    String otherKey = "b2".repeat(32);
    Path data = dir.resolve("data");
    try (DuckDbStorage storage = DuckDbStorage.open(data)) {
      ContextKeyAgreement.verify(storage.claims(), ContextKeyFile.configured(keyOfBackup)); // as its server did
      storage.events().append(RecordBatch.ofEvents(ExportLines.events(3).stream().map(ExportFormat::readEvent)
          .toList()));
    }
    Path backup = dir.resolve("keyed.duckdb");
    Files.copy(data.resolve(DuckDbEventStore.FILE_NAME), backup);
    Path bySetting = dir.resolve("by-setting");
    Path byFile = Files.createDirectories(dir.resolve("by-file"));
    Files.writeString(byFile.resolve(ContextKeyFile.FILE_NAME), otherKey);
    Path sameKey = dir.resolve("same-key");

    PulseRun setting = PulseRun.run(Map.of("PULSE_CONTEXT_KEY", otherKey), "restore", backup.toString(),
        "--data-dir", bySetting.toString());
    PulseRun file = PulseRun.run(Map.of(), "restore", backup.toString(), "--data-dir", byFile.toString());
    PulseRun same = PulseRun.run(Map.of("PULSE_CONTEXT_KEY", keyOfBackup), "restore", backup.toString(),
        "--data-dir", sameKey.toString());
    PulseRun tooShort = PulseRun.run(Map.of("PULSE_CONTEXT_KEY", "abc"), "restore", backup.toString(),
        "--data-dir", bySetting.toString());

    assertTold(setting, USAGE, "pulse restore: " + backup + " holds records keyed with another context key than"
        + " PULSE_CONTEXT_KEY (or context-key), which the server of " + bySetting + " would refuse: give the key of"
        + " the server the backup came from");
    assertThat(bySetting).as("nothing restored").doesNotExist();
    assertTold(file, USAGE, "keyed with another context key than " + byFile.resolve(ContextKeyFile.FILE_NAME));
    assertThat(byFile.resolve(DuckDbEventStore.FILE_NAME)).as("nothing restored").doesNotExist();
    assertTold(tooShort, USAGE, "PULSE_CONTEXT_KEY: the context key must be at least 16 bytes");
    assertThat(bySetting).as("nothing restored").doesNotExist();
    assertThat(same.exitCode()).as(same.output()).isZero();
    assertThat(same.output()).contains("restored 3 events").doesNotContain("context key");
  }

  private static List<Path> listed(Path directory) throws java.io.IOException {
    try (var files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void aBackupToAFullDeviceFailsSayingItIsIncompleteAndLeavesNoCopyBehind() throws Exception {
    File full = new File("/dev/full");
    Assumptions.assumeTrue(full.exists() || "true".equals(System.getenv("CI")), "no /dev/full on this system");
    Path data = dir.resolve("data");
    DuckDbStorage.open(data).close();

    PulseRun run = PulseRun.start(null, Redirect.to(full), Map.of(), "backup", "--data-dir", data.toString(),
        "-o", "-").await();

    assertTold(run, FAILURE, "writing the backup to standard output failed (No space left on device); the output"
        + " is incomplete");
    try (var left = Files.list(data)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("backup-in-progress-"));
    }
  }

  @Test
  void anOutputFileThatExistsIsAUsageErrorAndIsLeftAsItWas() throws Exception {
    Path file = Files.writeString(dir.resolve("kept.duckdb"), "not to be overwritten");

    PulseRun run = PulseRun.run(Map.of(), "backup", "--data-dir", dir.toString(), "-o", file.toString());

    assertTold(run, USAGE, "exists: give --output a new file (a backup never overwrites one)");
    assertThat(Files.readString(file)).isEqualTo("not to be overwritten");
  }

  /** The events of a backup file, opened as the data dir of a server would hold it. */
  private List<StoredEvent> restored(Path file) throws Exception {
    Path restoredDir = Files.createDirectories(dir.resolve("restored-" + file.getFileName()));
    Files.copy(file, restoredDir.resolve(DuckDbEventStore.FILE_NAME));
    try (DuckDbStorage storage = DuckDbStorage.open(restoredDir)) {
      return events(storage.events());
    }
  }

  private static List<StoredEvent> events(EventStore store) {
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    return events;
  }
}
