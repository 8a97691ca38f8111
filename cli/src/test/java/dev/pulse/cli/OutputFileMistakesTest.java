package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code -o} that cannot be created is a usage mistake (exit 2), told in one line before anything is
 * read: before the server is asked (here one that never answers, whose wait would come first) or the
 * store opened. A pipe or a device given to {@code backup -o} takes the backup as a stream.
 */
class OutputFileMistakesTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "output-mistakes-token-0123");

  @TempDir Path dir;

  @Test
  void anExportToAnOutputThatCannotBeCreatedIsToldBeforeTheServerIsAskedOrTheStoreOpened() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("events.ndjson");
    String told = "pulse export: cannot write " + missing + ": it or its directory does not exist; give --output a"
        + " file in a directory you may write to";
    try (Stalling.NeverAnswers server = new Stalling.NeverAnswers()) {
      PulseRun fromServer = PulseRun.run(ENV, "export", "events", "--server", server.url(), "--timeout", "1",
          "-o", missing.toString());

      assertTold(fromServer, USAGE, told);
    }
    Path noStore = Files.createDirectories(dir.resolve("no-store"));
    PulseRun fromStore = PulseRun.run(ENV, "export", "events", "--data-dir", noStore.toString(), "-o",
        missing.toString());

    assertTold(fromStore, USAGE, told);
    assertThat(dir.resolve("no-such-dir")).doesNotExist();
  }

  @Test
  void aBackupIntoADirectoryItMayNotWriteIsAUsageMistakeToldBeforeTheStoreIsCopied() throws Exception {
    Path data = dir.resolve("data");
    DuckDbStorage.open(data).close();
    Path locked = Files.createDirectories(dir.resolve("read-only"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path file = locked.resolve("backup.duckdb");
    try {
      PulseRun run =
          BoundByModes.checkedOn(locked).run(ENV, "backup", "--data-dir", data.toString(), "-o", file.toString());

      assertTold(run, USAGE, "pulse backup: cannot write " + file + ": permission denied; give --output a file in a"
          + " directory you may write to");
      assertThat(run.output()).doesNotContain("warning:", "IO Error");
      assertThat(locked).isEmptyDirectory();
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aBackupIntoADirectoryThatIsNotOneSaysWhatIsWrongAndWhatToDo() throws Exception {
    Path data = dir.resolve("data");
    DuckDbStorage.open(data).close();
    Path nowhere = dir.resolve("no-such-dir").resolve("backup.duckdb");
    Path aFile = Files.writeString(dir.resolve("a-file"), "in the way");

    PulseRun missing = PulseRun.run(ENV, "backup", "--data-dir", data.toString(), "-o", nowhere.toString());
    PulseRun underAFile = PulseRun.run(ENV, "backup", "--data-dir", data.toString(), "-o",
        aFile.resolve("backup.duckdb").toString());
    PulseRun intoADirectory = PulseRun.run(ENV, "backup", "--data-dir", data.toString(), "-o", dir.toString());

    assertTold(missing, USAGE, "pulse backup: cannot write " + nowhere + ": its directory " + nowhere.getParent()
        + " does not exist; create it, or give --output a file in a directory you may write to");
    assertTold(underAFile, USAGE, "pulse backup: cannot write " + aFile.resolve("backup.duckdb") + ": " + aFile
        + " is not a directory; give --output a file in a directory you may write to");
    assertTold(intoADirectory, USAGE, "pulse backup: " + dir + " is a directory: give --output the name of a new"
        + " file in it, such as " + dir.resolve("pulse-backup.duckdb"));
  }

  @Test
  void aBackupToAPipeGivenAsOutputIsStreamedIntoIt() throws Exception {
    Path data = dir.resolve("data");
    List<StoredEvent> stored = ExportLines.events(30).stream().map(ExportFormat::readEvent).toList();
    try (DuckDbStorage storage = DuckDbStorage.open(data)) {
      storage.events().append(RecordBatch.ofEvents(stored));
    }

    // Standard output is a pipe here: /dev/stdout names it, as >(gzip > backup.gz) names one in a shell.
    PulseRun.Started backup = PulseRun.start(null, Redirect.PIPE, ENV, "backup", "--data-dir", data.toString(),
        "-o", "/dev/stdout");
    CompletableFuture<byte[]> piped = CompletableFuture.supplyAsync(() -> {
      try {
        return backup.stdout().readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    PulseRun run = backup.await();

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).as("standard error").contains("backed up the store in " + data + " to /dev/stdout");
    Path restored = Files.createDirectories(dir.resolve("restored"));
    Files.write(restored.resolve(DuckDbEventStore.FILE_NAME), piped.get());
    List<StoredEvent> events = new ArrayList<>();
    try (DuckDbStorage storage = DuckDbStorage.open(restored)) {
      storage.events().forEachEvent(events::add);
    }
    assertThat(events).containsExactlyInAnyOrderElementsOf(stored);
  }
}
