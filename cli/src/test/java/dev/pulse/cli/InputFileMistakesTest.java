package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file given to read that cannot be read is a usage mistake (exit 2), told in a line saying why and
 * what to do, before any store is opened or server asked (here one that never answers, whose wait
 * would come first). File modes bind {@code pulse} here as they bind its users ({@link BoundByModes}).
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
  void aConfigFileItMayNotReadIsAUsageMistakeSayingWhyOnce() throws Exception {
    Path config = unreadable(Files.writeString(dir.resolve("pulse.properties"), "port=9090\n"));

    PulseRun run = BoundByModes.checkedOn(config)
        .run(ENV, "query", "versions", "--data-dir", dir.toString(), "--config", config.toString());

    assertTold(run, USAGE, "cannot read the config file " + config + ": permission denied; give --config a file you"
        + " may read");
  }

  private static Path unreadable(Path file) throws Exception {
    return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
  }
}
