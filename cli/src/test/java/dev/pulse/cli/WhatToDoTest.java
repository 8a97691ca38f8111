package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals that said what was wrong and not what to do, or said it with one punctuation mark too many. */
class WhatToDoTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "what-to-do-token-0123456789");

  @TempDir Path dir;

  @Test
  void aBackupToRestoreThatIsNotThereOrADirectorySaysWhichFileToGive() throws Exception {
    Path missing = dir.resolve("nosuch.duckdb");
    PulseRun none = PulseRun.run(ENV, "restore", missing.toString(), "--data-dir", dir.resolve("d").toString());
    assertTold(none, USAGE, "pulse restore: " + missing + " does not exist: give the file pulse backup wrote");

    PulseRun directory = PulseRun.run(ENV, "restore", dir.toString(), "--data-dir", dir.resolve("d").toString());
    assertTold(directory, USAGE, "pulse restore: " + dir + " is a directory: give the file pulse backup wrote");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void aBackupIntoADirectoryThatDoesNotExistSaysSoAndWhatToGive() throws Exception {
    Path output = dir.resolve("nodir").resolve("b.duckdb");
    PulseRun run = PulseRun.run(ENV, "backup", "--data-dir", dir.resolve("data").toString(), "-o", output.toString());
    assertTold(run, USAGE, "pulse backup: cannot write " + output + ": its directory " + output.getParent()
        + " does not exist; create it, or give --output a file in a directory you may write to");
  }

  @Test
  void anImportRefusedByAProxyEndsItsQuestionWithOneMark() throws Exception {
    Path lines = Files.write(dir.resolve("events.ndjson"), ExportLines.events(2));
    try (NotPulse proxy = NotPulse.start()) {
      PulseRun run = PulseRun.run(ENV, "import", "events", lines.toString(), "--server", proxy.url(502));
      assertTold(run, FAILURE, "failed (502) with an answer that is not Pulse's: a proxy in front of it may have"
          + " answered; is Pulse running behind it?");
      assertThat(run.output()).doesNotContain("?.");
    }
  }
}
