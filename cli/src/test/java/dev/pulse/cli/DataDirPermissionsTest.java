package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir, or a backup, that the user running pulse may not write or read (its mode says so, as
 * for a dir the server's user owns) is told as such, with what to do: not as an error of DuckDB's,
 * a failed copy, or a dir without a store.
 */
class DataDirPermissionsTest {

  private static final Map<String, String> NO_ENV = Map.of();
  private static final String ADVICE = "give --data-dir a directory you may write to";

  @TempDir Path dir;

  @Test
  void anExistingDataDirThisUserMayNotWriteIsRefusedBeforeAnyStoreIsOpened() throws Exception {
    Path readOnly = Files.createDirectory(dir.resolve("rodir"));
    Path lines = Files.write(dir.resolve("events.ndjson"), ExportLines.events(2));
    Path backup = Files.writeString(dir.resolve("b.duckdb"), "not read");
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    BoundByModes pulse = BoundByModes.checkedOn(readOnly);
    String below = readOnly.resolve("sub").toString();
    String[][] commands = {
        {"import", "events", lines.toString(), "--data-dir", readOnly.toString()},
        {"generate", "--installs", "1", "--days", "1", "--data-dir", readOnly.toString()},
        {"demo", "--installs", "1", "--port", "0", "--data-dir", readOnly.toString()},
        {"restore", backup.toString(), "--data-dir", readOnly.toString()},
        {"restore", backup.toString(), "--data-dir", below},
        {"generate", "--installs", "1", "--days", "1", "--data-dir", below}};
    for (String[] command : commands) {
      PulseRun run = pulse.run(NO_ENV, command);
      assertTold(run, USAGE, "pulse " + command[0] + ": cannot use the data dir " + command[command.length - 1]
          + ": permission denied");
      assertThat(run.output()).contains(ADVICE);
    }
    assertThat(readOnly).isEmptyDirectory();

    PulseRun serve = pulse.run(NO_ENV, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", readOnly.toString());
    assertTold(serve, USAGE, "pulse serve: cannot start: cannot use the data dir " + readOnly + ": permission denied");
    assertThat(serve.output()).contains("give a directory this user may write to (--data-dir)"); // the flag that gave it
  }

  @Test
  void aStoreThisUserMayNotReadIsToldAsSuchNotAsADataDirWithoutAStore() throws Exception {
    Path data = dir.resolve("unread");
    PulseRun.generate(data, 2, 1);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("---------"));
    BoundByModes pulse = BoundByModes.checkedOn(data);
    String[][] commands = {
        {"query", "versions"}, {"export", "events"}, {"purge", "--context-id", "abc", "--dry-run"},
        {"backup", "-o", dir.resolve("b.duckdb").toString()}};
    for (String[] command : commands) {
      String[] args = Stream.concat(Arrays.stream(command), Stream.of("--data-dir", data.toString()))
          .toArray(String[]::new);
      PulseRun run = pulse.run(NO_ENV, args);
      assertTold(run, USAGE, "pulse " + command[0] + ": cannot read the data dir " + data + ": permission denied;"
          + " run pulse as the user who owns it");
      assertThat(run.output()).doesNotContain("holds no Pulse store");
    }
    assertThat(dir.resolve("b.duckdb")).doesNotExist();

    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    Path backup = dir.resolve("unreadable.duckdb");
    assertThat(PulseRun.run(NO_ENV, "backup", "--data-dir", data.toString(), "-o", backup.toString()).exitCode())
        .isZero();
    Files.setPosixFilePermissions(backup, PosixFilePermissions.fromString("---------"));
    PulseRun restore = pulse.run(NO_ENV, "restore", backup.toString(), "--data-dir", dir.resolve("new").toString());
    assertTold(restore, USAGE, "pulse restore: cannot read " + backup + ": permission denied; make it readable");
    assertThat(restore.output()).doesNotContain("not a DuckDB database file", "not a Pulse backup");
    assertThat(dir.resolve("new")).doesNotExist();
  }

  @Test
  void aStoreFileOrJournalThisUserMayNotWriteKeepsServeFromStartingWithWhatToDo() throws Exception {
    Path data = dir.resolve("served");
    PulseRun.generate(data, 2, 1);
    Path file = data.resolve("pulse.duckdb");
    Path journal = Files.createDirectories(data.resolve("journal"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    BoundByModes pulse = BoundByModes.checkedOn(file);

    PulseRun fileDenied = pulse.run(NO_ENV, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("r-xr-xr-x"));
    PulseRun journalDenied =
        pulse.run(NO_ENV, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString());

    assertTold(fileDenied, USAGE, "pulse serve: cannot start: cannot open the store in " + data + ": permission denied"
        + " on " + file + "; run pulse as the user who owns it");
    assertTold(journalDenied, USAGE, "pulse serve: cannot start: cannot open the store in " + data + ": permission"
        + " denied on " + journal + "; run pulse as the user who owns it");
    assertThat(fileDenied.output() + journalDenied.output()).doesNotContain("IO Error", ".journal:");
  }
}
