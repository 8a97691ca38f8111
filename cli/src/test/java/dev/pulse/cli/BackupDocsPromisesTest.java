package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/cli.md (Backups) promises of {@code pulse backup} and {@code pulse restore} without a
 * server, real processes: a backup file its owner's alone whatever the umask, a PostgreSQL store told
 * to use its own tools without being connected to, and a file that is no backup told as such in words.
 */
class BackupDocsPromisesTest {

  @TempDir Path dir;

  @Test
  void aBackupFromADataDirIsReadableByItsOwnerAloneWhateverTheUmask() throws Exception {
    Path data = dir.resolve("data");
    DuckDbStorage.open(data).close();
    Path file = dir.resolve("offline.duckdb");

    // A umask that leaves new files readable by everyone, as most systems' default does.
    PulseRun run = PulseRun.runThrough(List.of("sh", "-c", "umask 022 && exec \"$0\" \"$@\""), Map.of(),
        "backup", "--data-dir", data.toString(), "-o", file.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aPostgresStoreIsToldToUseItsOwnToolsWithoutBeingConnectedTo() throws Exception {
    // Nothing listens there: a backup that connected first failed with "cannot open the store" (exit 1).
    String store = "postgresql://127.0.0.1:" + Mistakes.closedPort() + "/pulse?user=u&password=x";
    Path file = dir.resolve("backup.duckdb");

    PulseRun run = PulseRun.run(Map.of(), "backup", "--store", store, "-o", file.toString());

    assertTold(run, USAGE, "--store names PostgreSQL, which has no file to copy: back it up with PostgreSQL's"
        + " tools (pg_dump");
    assertThat(run.output()).doesNotContain("cannot open the store", "refused");
    assertThat(file).doesNotExist();

    PulseRun fromTheEnvironment = PulseRun.run(Map.of("PULSE_STORE", store), "backup", "-o", file.toString());
    assertTold(fromTheEnvironment, USAGE, "PULSE_STORE names PostgreSQL, which has no file to copy");
    assertThat(file).doesNotExist();
  }

  @Test
  void aRestoreGoesWhereTheStoreSettingSaysAndIsRefusedWhenItNamesPostgres() throws Exception {
    Path stopped = dir.resolve("stopped");
    DuckDbStorage.open(stopped).close();
    String backup = stopped.resolve(DuckDbEventStore.FILE_NAME).toString(); // a store's file, as a backup is one
    String store = "postgresql://127.0.0.1:" + Mistakes.closedPort() + "/pulse?user=u&password=x";

    PulseRun intoPostgres = PulseRun.runIn(dir, Map.of("PULSE_STORE", store), "restore", backup, "--data-dir", "r4");

    assertTold(intoPostgres, USAGE, "pulse restore: PULSE_STORE names a PostgreSQL store (PostgreSQL at"
        + " jdbc:postgresql://127.0.0.1:");
    assertThat(intoPostgres.output()).contains("and a restore writes a DuckDB data dir, which a server on that store"
        + " never reads; nothing was restored. Run it without PULSE_STORE to restore into r4; to load the backup into"
        + " PostgreSQL, restore it so, then export each kind from r4 and import it with --store (docs/operations.md,"
        + " Backups)").doesNotContain("password=x");
    assertThat(dir.resolve("r4")).doesNotExist();

    Path served = dir.resolve("served");
    Map<String, String> duckDb = Map.of("PULSE_STORE", "duckdb:" + served);
    assertTold(PulseRun.runIn(dir, duckDb, "restore", backup, "--data-dir", "r5"), USAGE, "pulse restore: --data-dir r5"
        + " names a data dir, but PULSE_STORE names the store of another (DuckDB in " + served + "), which the servers"
        + " here read: leave --data-dir out to restore into " + served + ", or run it without PULSE_STORE to restore"
        + " into r5");
    PulseRun restored = PulseRun.runIn(dir, duckDb, "restore", backup);
    assertThat(restored.exitCode()).as(restored.output()).isZero();
    assertThat(restored.output()).contains("into " + served);
    assertThat(served.resolve(DuckDbEventStore.FILE_NAME)).exists();
    assertThat(dir.resolve("r5")).doesNotExist();
  }

  @Test
  void aFileThatIsNoDuckDbDatabaseIsToldInPlainWords() throws Exception {
    Path json = Files.writeString(dir.resolve("backup.json"), "{\"events\": []}\n");
    Path data = dir.resolve("restored");

    PulseRun run = PulseRun.run(Map.of(), "restore", json.toString(), "--data-dir", data.toString());

    assertTold(run, USAGE, json + " is not a Pulse backup: a backup is a DuckDB database file, and this is not"
        + " one; give the file pulse backup -o wrote");
    assertThat(run.output()).doesNotContain("Catalog Error", "in-memory", "read-only mode");
    assertThat(data.resolve(DuckDbEventStore.FILE_NAME)).doesNotExist();
  }
}
