package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file given to read that cannot be read is a usage mistake (exit 2), told in a line saying why and
 * what to do, before any store is opened or server asked (here one that never answers, whose wait
 * would come first). File modes bind {@code pulse} here as they bind its users ({@link BoundByModes}).
 * A gzip file that is not gzip to its end is no usage mistake but a stop (exit 1), read as the
 * server's import route reads a body.
 */
class InputFileMistakesTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "input-mistakes-token-0123");

  @TempDir Path dir;

  @Test
  void anImportFileItMayNotReadIsAUsageMistakeToldBeforeTheStoreIsOpenedOrTheServerAsked() throws Exception {
    Path file = unreadable(Files.write(dir.resolve("events.ndjson"), ExportLines.events(2)));
    Path data = dir.resolve("data");
    String told = "pulse import: cannot read FILE " + file + ": permission denied; give a file you may read";

    BoundByModes pulse = BoundByModes.checkedOn(file);
    PulseRun intoAStore = pulse.run(ENV, "import", "events", file.toString(), "--data-dir", data.toString());
    assertTold(intoAStore, USAGE, told);
    assertThat(data).as("no data dir created").doesNotExist();

    try (Stalling.NeverAnswers server = new Stalling.NeverAnswers()) {
      PulseRun intoAServer = pulse.run(ENV, "import", "events", file.toString(), "--server", server.url(),
          "--timeout", "1");
      assertTold(intoAServer, USAGE, told);
    }
  }

  @Test
  void aBackupGivenToImportIsToldToBeRestoredBeforeAnyDataDirIsMade() throws Exception {
    Path stopped = dir.resolve("stopped");
    DuckDbStorage.open(stopped).close();
    Path backup = Files.copy(stopped.resolve(DuckDbEventStore.FILE_NAME), dir.resolve("b1.duckdb"));
    Path imp1 = dir.resolve("imp1");

    PulseRun refused = PulseRun.run(ENV, "import", "events", backup.toString(), "--data-dir", imp1.toString());
    assertTold(refused, USAGE, "pulse import: FILE " + backup + " is a DuckDB database (a backup, or a store's file),"
        + " not an export: put a backup in place with pulse restore " + backup + " --data-dir DIR; import reads the"
        + " NDJSON of pulse export");
    assertThat(imp1).as("no data dir created").doesNotExist();
  }

  @Test
  void aConfigFileItMayNotReadIsAUsageMistakeSayingWhyOnce() throws Exception {
    Path config = unreadable(Files.writeString(dir.resolve("pulse.properties"), "port=9090\n"));

    PulseRun run = BoundByModes.checkedOn(config)
        .run(ENV, "query", "versions", "--data-dir", dir.toString(), "--config", config.toString());

    assertTold(run, USAGE, "cannot read the config file " + config + ": permission denied; give --config a file you"
        + " may read");
  }

  @Test
  void aGzipFileThatGoesOnAfterItsLastMemberStopsTheImportAsTheServerRefusesItLeavingNoDataDirAndTwoMembersImportBoth()
      throws Exception {
    List<String> lines = ExportLines.events(3);
    byte[] first = gzipped(lines.subList(0, 2));
    byte[] second = gzipped(lines.subList(2, 3));
    Path members = Files.write(dir.resolve("two.ndjson.gz"), concat(first, second, new byte[0])); // cat a.gz b.gz
    Path trailing = Files.write(dir.resolve("trailing.ndjson.gz"), concat(first, second, "not gzip\n".getBytes()));
    String data = dir.resolve("data").toString();

    PulseRun refused = PulseRun.run(ENV, "import", "events", trailing.toString(), "--data-dir", data);
    assertTold(refused, Mistakes.FAILURE, "pulse import: stopped: the file is not valid gzip: it goes on after its last"
        + " gzip member with bytes that are no gzip member. The batches imported before it are kept: with the file"
        + " whole, run the same import again.");
    assertThat(Path.of(data)).as("the data dir it made, with nothing stored").doesNotExist();

    PulseRun both = PulseRun.run(ENV, "import", "events", members.toString(), "--data-dir", data);
    assertThat(both.exitCode()).as(both.output()).isZero();
    assertThat(both.output()).contains("imported 3 events into " + data + ", skipped 0 already present");
  }

  private static byte[] gzipped(List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b, byte[] c) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(a);
    all.writeBytes(b);
    all.writeBytes(c);
    return all.toByteArray();
  }

  private static Path unreadable(Path file) throws Exception {
    return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
  }
}
